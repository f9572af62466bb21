package io.resolutionledger.query.config;

import io.resolutionledger.query.support.QuerySideTest;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.NoOpEventUpcaster;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;

import static io.resolutionledger.query.support.LedgerEvents.unique;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The query side's JDBC engine reads the global stream with its own row mapping (the time stamp read once, by hand:
 * {@link StoredTimestamps}) and so computes the gap-aware tokens itself. It must give exactly what Axon's unchanged
 * engine gives: the same tokens (index and gaps), the same messages and times, for events recorded long before the
 * gap timeout (whose gaps are given up) and just now (whose gaps are kept), from the start and from a token with gaps.
 */
class PositionedEngineTest extends QuerySideTest {

    @Autowired
    private DataSource dataSource;
    @Autowired
    private TransactionManager transactionManager;
    @Autowired
    @Qualifier("eventSerializer")
    private Serializer eventSerializer;
    @Autowired
    private Serializer serializer;

    @Test
    void readsTheGlobalStreamExactlyAsAxonsOwnEngine() {
        String sequence = jdbc.queryForObject(
                "SELECT pg_get_serial_sequence('ledger_write.domain_event_entry', 'global_index')", String.class);
        // recorded years ago (gaps before it are given up), then positions taken and never used, then fresh events
        ledger().recordedAt(Instant.parse("2021-03-01T10:00:00Z"))
                .schedule(unique("old-session"), 1, LocalDate.parse("2021-03-10"), "Bonn", "DE-NW").append();
        jdbc.queryForList("SELECT nextval('" + sequence + "') FROM generate_series(1, 2)", Long.class);
        ledger().schedule(unique("fresh-session"), 2, LocalDate.parse("2025-06-01"), "Kiel", "DE-SH").append();
        jdbc.queryForObject("SELECT nextval('" + sequence + "')", Long.class);
        String resolution = unique("res");
        String session = unique("session");
        ledger().schedule(session, 3, LocalDate.parse("2025-07-01"), "Mainz", "DE-RP")
                .propose(resolution, session, "Offene Daten", "Die Länder veröffentlichen.", List.of("open-data"), "DE-RP")
                .append();

        EventStorageEngine ours = AxonConfig.jdbcEngine(dataSource, transactionManager, eventSerializer, serializer,
                100, NoOpEventUpcaster.INSTANCE);
        EventStorageEngine axons = AxonConfig.jdbcEngineSettings(dataSource, transactionManager, eventSerializer, serializer, 100,
                NoOpEventUpcaster.INSTANCE).build();
        Clock real = GenericEventMessage.clock;
        // one "now" for both reads: an event could otherwise pass the gap timeout between them
        GenericEventMessage.clock = Clock.fixed(Instant.now(), ZoneOffset.UTC);
        try {
            List<TrackedEventMessage<?>> expected = read(axons, null);
            List<TrackedEventMessage<?>> actual = read(ours, null);
            assertSame(actual, expected);
            assertThat(expected).extracting(m -> ((GapAwareTrackingToken) m.trackingToken()).getGaps())
                    .as("the store has kept gaps (fresh events) and given-up ones (old events)")
                    .anyMatch(gaps -> !gaps.isEmpty());
            assertThat(expected).anyMatch(m -> m.getTimestamp().equals(Instant.parse("2021-03-01T10:00:00Z")));

            // from a token that has gaps, as a processor resumes
            TrackingToken withGaps = expected.stream().map(TrackedEventMessage::trackingToken)
                    .filter(t -> !((GapAwareTrackingToken) t).getGaps().isEmpty()).findFirst().orElseThrow();
            assertSame(read(ours, withGaps), read(axons, withGaps));
        } finally {
            GenericEventMessage.clock = real;
        }
    }

    private static List<TrackedEventMessage<?>> read(EventStorageEngine engine, TrackingToken from) {
        return engine.readEvents(from, false).collect(Collectors.toList());
    }

    private static void assertSame(List<TrackedEventMessage<?>> actual, List<TrackedEventMessage<?>> expected) {
        assertThat(actual).hasSameSizeAs(expected).isNotEmpty();
        for (int i = 0; i < expected.size(); i++) {
            TrackedEventMessage<?> a = actual.get(i);
            TrackedEventMessage<?> e = expected.get(i);
            // GapAwareTrackingToken#equals ignores gaps below a truncation point: compare what a token holds
            GapAwareTrackingToken at = (GapAwareTrackingToken) a.trackingToken();
            GapAwareTrackingToken et = (GapAwareTrackingToken) e.trackingToken();
            assertThat(at.getIndex()).as("index of token %d", i).isEqualTo(et.getIndex());
            assertThat(at.getGaps()).as("gaps of token %d (%s)", i, et).isEqualTo(et.getGaps());
            assertThat(a.getIdentifier()).isEqualTo(e.getIdentifier());
            assertThat(a.getTimestamp()).as("time of %s", e.getIdentifier()).isEqualTo(e.getTimestamp());
            assertThat(a.getPayloadType()).isEqualTo(e.getPayloadType());
            assertThat((Object) a.getPayload()).isEqualTo(e.getPayload());
            assertThat(a.getMetaData()).isEqualTo(e.getMetaData());
            assertThat(a).isInstanceOf(DomainEventMessage.class);
            DomainEventMessage<?> ad = (DomainEventMessage<?>) a;
            DomainEventMessage<?> ed = (DomainEventMessage<?>) e;
            assertThat(ad.getAggregateIdentifier()).isEqualTo(ed.getAggregateIdentifier());
            assertThat(ad.getSequenceNumber()).isEqualTo(ed.getSequenceNumber());
            assertThat(ad.getType()).isEqualTo(ed.getType());
        }
    }
}
