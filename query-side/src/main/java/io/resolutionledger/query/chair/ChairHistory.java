package io.resolutionledger.query.chair;

import io.resolutionledger.api.event.ChairHandedOver;
import io.resolutionledger.api.event.ConferenceEstablished;
import io.resolutionledger.api.event.ConferenceEvent;
import io.resolutionledger.query.chair.ChairController.ChairOnDay;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * Who held the chair on a day, folded from the conferences' hand-over events in the event store rather than read
 * from the chair projection: it answers the same during a rebuild of that projection, and an auditor's question about
 * the past never rests on a read model. A conference has a handful of events, read through the aggregate's index.
 * <p>
 * The conferences themselves are discovered from the store once and then incrementally (only events above the
 * highest global index already looked at), so the cost of a call does not grow with the ledger.
 */
@Component
public class ChairHistory {

    private final EventStore events;
    private final JdbcTemplate jdbc;
    private final Set<String> conferences = new ConcurrentSkipListSet<>();
    private volatile long scannedUpTo;

    public ChairHistory(EventStore events, JdbcTemplate jdbc) {
        this.events = events;
        this.jdbc = jdbc;
    }

    /** A hand-over with its place in its conference's history. */
    record Numbered(ChairHandedOver handover, long sequence) {
    }

    public ChairOnDay on(LocalDate day) {
        List<Numbered> handovers = new ArrayList<>();
        for (String conference : conferences()) {
            DomainEventStream stream = events.readEvents(conference, 0);
            while (stream.hasNext()) {
                DomainEventMessage<?> message = stream.next();
                if (message.getPayload() instanceof ChairHandedOver handover) {
                    handovers.add(new Numbered(handover, message.getSequenceNumber()));
                }
            }
        }
        return fold(handovers, day);
    }

    /** A conference as its own events tell it: its establishment and every hand-over of its chair, in order. */
    public record ConferenceRecord(ConferenceEstablished establishment, List<ChairHandedOver> handovers) {
    }

    /** Every conference in the store, by id (for the publication formats, which name the conference as author). */
    public List<String> conferenceIds() {
        return List.copyOf(conferences());
    }

    /** One conference folded from its events; empty if no conference of that id was established. */
    public Optional<ConferenceRecord> conference(String conferenceId) {
        ConferenceEstablished establishment = null;
        List<ChairHandedOver> handovers = new ArrayList<>();
        DomainEventStream stream = events.readEvents(conferenceId, 0);
        while (stream.hasNext()) {
            Object payload = stream.next().getPayload();
            if (payload instanceof ConferenceEstablished established) {
                establishment = establishment == null ? established : establishment;
            } else if (payload instanceof ChairHandedOver handover) {
                handovers.add(handover);
            } else if (!(payload instanceof ConferenceEvent)) {
                return Optional.empty(); // another kind of aggregate with that id
            }
        }
        return establishment == null ? Optional.empty()
                : Optional.of(new ConferenceRecord(establishment, List.copyOf(handovers)));
    }

    /** The hand-over in force on {@code day}: the latest whose effective date is not after it (pure). */
    static ChairOnDay fold(List<Numbered> handovers, LocalDate day) {
        Optional<ChairHandedOver> inForce = handovers.stream()
                .filter(n -> !n.handover().effectiveFrom().isAfter(day))
                .max(Comparator.comparing((Numbered n) -> n.handover().effectiveFrom())
                        .thenComparingLong(Numbered::sequence))
                .map(Numbered::handover);
        return inForce.map(h -> new ChairOnDay(day, h.to().stream().map(c -> c.value()).toList(), h.year(),
                h.effectiveFrom())).orElse(new ChairOnDay(day, List.of(), null, null));
    }

    private synchronized Set<String> conferences() {
        Long head = jdbc.queryForObject("SELECT coalesce(max(global_index), 0) FROM ledger_write.domain_event_entry",
                Long.class);
        if (head != null && head > scannedUpTo) {
            conferences.addAll(jdbc.queryForList("""
                    SELECT DISTINCT aggregate_identifier FROM ledger_write.domain_event_entry
                    WHERE global_index > ? AND global_index <= ? AND type = 'Conference'
                    """, String.class, scannedUpTo, head));
            // an event committed late below the head may be missed by one scan: look back a little next time
            scannedUpTo = Math.max(0, head - 1_000);
        }
        return conferences;
    }
}
