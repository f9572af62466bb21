package io.resolutionledger.query.resolutions;

import io.resolutionledger.api.error.ErrorCode;
import io.resolutionledger.api.error.LedgerRefusedException;
import io.resolutionledger.api.event.ResolutionEvent;
import io.resolutionledger.api.value.ResolutionStatus;
import io.resolutionledger.query.eventstore.Bitemporal;
import io.resolutionledger.query.eventstore.EventStoreGateway;
import io.resolutionledger.query.resolutions.ResolutionViews.ResolutionView;
import io.resolutionledger.query.security.Viewer;
import io.resolutionledger.query.web.Page;
import io.resolutionledger.query.web.Paging;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Resolutions as they were at a point of bitemporal time ({@link Bitemporal}: {@code asOf} business time,
 * {@code knownAt} recording time), folded from the event store (through Axon, so that upcasters apply; from sequence
 * 0, never from a snapshot) with the read side's one fold, {@link ResolutionFold}. History imported after the fact
 * replays as it happened ({@code asOf}), and the ledger's knowledge as it grew ({@code knownAt}).
 */
@Component
public class ResolutionTimeTravel {

    private final EventStoreGateway events;

    public ResolutionTimeTravel(EventStoreGateway events) {
        this.events = events;
    }

    /** The state at {@code asOf}; 404 if it did not exist then, or (anonymous) was not published then. */
    public ResolutionView asOf(String id, Instant asOf, Viewer viewer) {
        return at(id, new Bitemporal(asOf, null), viewer);
    }

    /** The state at a point of time travel; 404 if it did not exist then, or (anonymous) was not published then. */
    public ResolutionView at(String id, Bitemporal when, Viewer viewer) {
        List<ResolutionEvent> history = when.history(events.aggregate(id), ResolutionEvent.class);
        return ResolutionFold.asOf(history, Instant.MAX)
                .filter(view -> viewer.member() || view.status() == ResolutionStatus.PUBLISHED)
                .orElseThrow(() -> new LedgerRefusedException(ErrorCode.RESOLUTION_NOT_FOUND,
                        "no resolution " + id + " " + describe(when)));
    }

    /**
     * The list as it was: every resolution folded from the global log (read once, in order, up to its current end),
     * then the list's own visibility, filters, order (newest first) and paging. It reads the whole log, so it answers
     * in time proportional to the ledger's size: an auditor's question, not a dashboard's.
     */
    public Page<ResolutionView> find(ResolutionQueries.Filter filter, Paging paging, Viewer viewer, Bitemporal when) {
        Map<String, ResolutionState> states = new LinkedHashMap<>();
        Set<String> ended = new HashSet<>();
        try (BlockingStream<TrackedEventMessage<?>> log = events.open(null)) {
            while (log.hasNextAvailable(0, TimeUnit.MILLISECONDS)) {
                TrackedEventMessage<?> message = log.nextAvailable();
                if (!(message.getPayload() instanceof ResolutionEvent event)
                        || !(message instanceof DomainEventMessage<?> domain)) {
                    continue;
                }
                String id = domain.getAggregateIdentifier();
                if (ended.contains(id)) {
                    continue;
                }
                if (!when.knows(message) || !when.occurred(event)) {
                    ended.add(id); // the rest of its history lies beyond that point (see Bitemporal#history)
                    continue;
                }
                states.put(id, ResolutionFold.evolve(states.getOrDefault(id, ResolutionState.NONE), event));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the event store", e);
        }
        List<ResolutionView> matching = states.values().stream()
                .filter(ResolutionState::exists)
                .filter(s -> viewer.member() || s.status() == ResolutionStatus.PUBLISHED)
                .filter(s -> filter.status() == null || s.status() == filter.status())
                .filter(s -> filter.sessionId() == null || filter.sessionId().equals(s.sessionId()))
                .filter(s -> filter.delegation() == null || filter.delegation().equals(s.sponsor())
                        || s.coSponsors().contains(filter.delegation()))
                .filter(s -> filter.topic() == null || s.topics().contains(filter.topic()))
                .sorted(Comparator.comparing(ResolutionState::createdAt)
                        .thenComparing(ResolutionState::resolutionId).reversed())
                .map(ResolutionFold::view)
                .toList();
        int from = (int) Math.min(paging.offset(), matching.size());
        int to = Math.min(from + paging.size(), matching.size());
        return new Page<>(matching.subList(from, to), paging.page(), paging.size(), matching.size());
    }

    private static String describe(Bitemporal when) {
        return (when.asOf() == null ? "" : "as of " + when.asOf())
                + (when.asOf() != null && when.knownAt() != null ? " " : "")
                + (when.knownAt() == null ? "" : "as known at " + when.knownAt());
    }
}
