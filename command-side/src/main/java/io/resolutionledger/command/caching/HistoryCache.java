package io.resolutionledger.command.caching;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.axonframework.common.Registration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * What one aggregate's command handlers need to know about other aggregates (a conference's members and chairs, a
 * session's date and state), folded from those aggregates' histories and kept in memory between commands.
 * <p>
 * Every answer is checked against the store: {@link #facts} asks for the aggregate's events after the last one
 * the cached entry has seen (one indexed query, which finds nothing unless the aggregate changed) and folds what
 * it finds, so another instance's hand-over or closed session is seen exactly as a full replay would see it, in
 * the same statement-level snapshot of the committed ledger. An instance keeps its own appends current without
 * asking the store ({@link #appended}, called after its unit of work committed). An aggregate never seen is read
 * once in full, its events only (these aggregates have a handful of events; a snapshot would be a mutable aggregate
 * instance, which a cached history must not hold). Entries are immutable: lookups take no lock and never see a fold
 * in progress.
 *
 * @param <F> the facts, as the fold gives them
 */
public final class HistoryCache<F> {

    /** The history so far (the events' payloads, immutable records), its last sequence, and what it folds to. */
    private record Entry<F>(List<Object> payloads, long lastSequence, F facts) {
    }

    private final EventStore eventStore;
    private final Predicate<Object> relevant;
    private final BiFunction<String, List<Object>, F> fold;
    private final Cache<String, Entry<F>> entries;

    /**
     * @param relevant which payloads belong to the folded aggregate type
     * @param fold     the aggregate's own event-sourcing handlers over a history: returns the facts, or throws the
     *                 refusal for an aggregate that does not exist
     */
    public HistoryCache(EventStore eventStore, Predicate<Object> relevant, BiFunction<String, List<Object>, F> fold,
                        long maximumSize) {
        this.eventStore = eventStore;
        this.relevant = relevant;
        this.fold = fold;
        this.entries = Caffeine.newBuilder().maximumSize(maximumSize).build();
    }

    public F facts(String aggregateId) {
        Entry<F> cached = entries.getIfPresent(aggregateId);
        if (cached == null) {
            return remember(aggregateId, readAll(aggregateId)).facts();
        }
        DomainEventStream newer = eventStore.readEvents(aggregateId, cached.lastSequence() + 1);
        if (!newer.hasNext()) {
            return cached.facts();
        }
        List<Object> payloads = new ArrayList<>(cached.payloads());
        long last = cached.lastSequence();
        while (newer.hasNext()) {
            DomainEventMessage<?> event = newer.next();
            payloads.add(event.getPayload());
            last = event.getSequenceNumber();
        }
        return remember(aggregateId, new Entry<>(List.copyOf(payloads), last, fold.apply(aggregateId, payloads))).facts();
    }

    /**
     * This instance committed these events: an entry that has seen everything before one of them takes it over
     * without a query. An entry that has not (another instance appended in between) stays as it is and catches up
     * on its next lookup.
     */
    public void appended(List<? extends EventMessage<?>> events) {
        for (EventMessage<?> message : events) {
            if (message instanceof DomainEventMessage<?> event && relevant.test(event.getPayload())) {
                entries.asMap().computeIfPresent(event.getAggregateIdentifier(), (aggregateId, entry) -> {
                    if (entry.lastSequence() + 1 != event.getSequenceNumber()) {
                        return entry;
                    }
                    List<Object> payloads = new ArrayList<>(entry.payloads());
                    payloads.add(event.getPayload());
                    return new Entry<>(List.copyOf(payloads), event.getSequenceNumber(), fold.apply(aggregateId, payloads));
                });
            }
        }
    }

    /**
     * Subscribes to the bus on which this instance's own events are published (the event store), so that they reach
     * the cache after their unit of work committed; a rolled-back command never does.
     */
    public Registration keepCurrentWith(EventBus eventBus) {
        return eventBus.subscribe(events -> {
            if (CurrentUnitOfWork.isStarted()) {
                CurrentUnitOfWork.get().afterCommit(unitOfWork -> appended(events));
            } else {
                appended(events);
            }
        });
    }

    /** Forgets everything (tests; an operator's repair of the store would need a restart anyway). */
    public void clear() {
        entries.invalidateAll();
    }

    private Entry<F> readAll(String aggregateId) {
        DomainEventStream history = eventStore.readEvents(aggregateId, 0);
        List<Object> payloads = new ArrayList<>();
        long last = -1;
        while (history.hasNext()) {
            DomainEventMessage<?> event = history.next();
            payloads.add(event.getPayload());
            last = event.getSequenceNumber();
        }
        F facts = fold.apply(aggregateId, payloads);
        return new Entry<>(List.copyOf(payloads), last, facts);
    }

    /** Keeps the entry that has seen more of the history (two lookups may race). */
    private Entry<F> remember(String aggregateId, Entry<F> entry) {
        return entries.asMap().merge(aggregateId, entry,
                (old, fresh) -> fresh.lastSequence() >= old.lastSequence() ? fresh : old);
    }
}
