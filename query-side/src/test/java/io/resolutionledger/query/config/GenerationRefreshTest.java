package io.resolutionledger.query.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** How soon the generations (and with them every running rebuild's completion) are read again. */
class GenerationRefreshTest {

    @Test
    void anyRunningRebuildKeepsTheRefreshAtFiftyMilliseconds() {
        assertThat(ReadModelGenerations.nextTick(Duration.ofSeconds(1), true)).isEqualTo(Duration.ofMillis(50));
        assertThat(ReadModelGenerations.nextTick(Duration.ofSeconds(1), false)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aShorterIntervalIsKept() {
        assertThat(ReadModelGenerations.nextTick(Duration.ofMillis(20), true)).isEqualTo(Duration.ofMillis(20));
        assertThat(ReadModelGenerations.nextTick(Duration.ofMillis(20), false)).isEqualTo(Duration.ofMillis(20));
    }
}
