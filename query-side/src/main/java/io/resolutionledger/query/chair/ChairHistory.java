package io.resolutionledger.query.chair;

import io.resolutionledger.api.event.ChairHandedOver;
import io.resolutionledger.api.event.ConferenceEstablished;
import io.resolutionledger.api.event.ConferenceEvent;
import io.resolutionledger.query.chair.ChairController.ChairOnDay;
import io.resolutionledger.query.eventstore.EventStoreGateway;
import org.axonframework.eventhandling.TrackingToken;
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
 * The conferences themselves are discovered from the global log once and then incrementally (a stream kept at the
 * last position looked at, gap-aware: a conference established by a late commit is still found), so the cost of a
 * call does not grow with the ledger.
 */
@Component
public class ChairHistory {

    private final EventStoreGateway events;
    private final Set<String> conferences = new ConcurrentSkipListSet<>();
    private TrackingToken scanned;

    public ChairHistory(EventStoreGateway events) {
        this.events = events;
    }

    /** A hand-over with its place in its conference's history. */
    record Numbered(ChairHandedOver handover, long sequence) {
    }

    public ChairOnDay on(LocalDate day) {
        List<Numbered> handovers = new ArrayList<>();
        for (String conference : conferences()) {
            for (EventStoreGateway.Positioned event : events.aggregate(conference)) {
                if (event.payload() instanceof ChairHandedOver handover) {
                    handovers.add(new Numbered(handover, event.domain().getSequenceNumber()));
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
        for (EventStoreGateway.Positioned event : events.aggregate(conferenceId)) {
            Object payload = event.payload();
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
        List<EventStoreGateway.Positioned> read;
        do {
            read = events.read(scanned, 10_000);
            for (EventStoreGateway.Positioned event : read) {
                if (event.payload() instanceof ConferenceEvent conference) {
                    conferences.add(conference.conferenceId().value());
                }
                scanned = event.token();
            }
        } while (!read.isEmpty());
        return conferences;
    }
}
