package io.resolutionledger.query.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.resolutionledger.query.support.QuerySideTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;
import java.time.LocalDate;
import java.util.concurrent.TimeUnit;

import static io.resolutionledger.query.support.LedgerEvents.unique;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ledger.projection.visible} counts the live read-models processor's events once their batch has committed,
 * and measures from the event's own time: events recorded half a minute ago are recorded as at least that old.
 */
class ProjectionVisibleTest extends QuerySideTest {

    @Autowired
    private MeterRegistry registry;

    @Test
    void the_live_read_models_count_each_committed_event_from_its_own_time() {
        String live = generations.refresh().active().processor();
        // the tag's name is the Prometheus one (PrometheusNaming): found by its value
        Timer visible = registry.get("ledger.projection.visible").timers().stream()
                .filter(t -> t.getId().getTags().stream().anyMatch(tag -> tag.getValue().equals(live)))
                .findFirst().orElseThrow();
        long before = visible.count();
        String session = unique("s");
        ledger().recordedAt(Instant.now().minusSeconds(30))
                .schedule(session, 3, LocalDate.parse("2033-05-02"), "Kiel", "DE-SH").open(session, "DE-SH").append();
        awaitProjectionsCaughtUp();
        assertThat(visible.count()).isGreaterThanOrEqualTo(before + 2);
        assertThat(visible.max(TimeUnit.SECONDS)).isGreaterThanOrEqualTo(30);
    }
}
