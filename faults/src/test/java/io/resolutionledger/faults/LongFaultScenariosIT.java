package io.resolutionledger.faults;

import org.junit.jupiter.api.Tag;

/** The long set (operators, `faults/run.sh --long`): bigger counts, more kills, longer outages and gaps. */
@Tag("long")
class LongFaultScenariosIT extends FaultScenarios {

    @Override
    boolean longRun() {
        return true;
    }
}
