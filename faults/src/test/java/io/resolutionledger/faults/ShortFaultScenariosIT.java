package io.resolutionledger.faults;

import org.junit.jupiter.api.Tag;

/** The short set (CI, `faults/run.sh --short`): every scenario with small counts, a few minutes. */
@Tag("short")
class ShortFaultScenariosIT extends FaultScenarios {

    @Override
    boolean longRun() {
        return false;
    }
}
