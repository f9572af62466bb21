package io.resolutionledger.command.caching;

import org.axonframework.eventsourcing.CachingEventSourcingRepository;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * Axon's caching repository, made safe for several command-side instances on one database. Axon's
 * {@link CachingEventSourcingRepository} trusts its cache: an aggregate another instance changed would decide on its
 * old state here. A refusal decided on that state (a vote "not open yet", a stale {@code If-Match}) would be a wrong
 * answer, and only an append is stopped by the unique (aggregate, sequence) key. So an aggregate taken from the
 * cache is first brought up to date with the events the store holds after its version: one query, which finds
 * nothing unless another instance appended, and then only the events after the cached ones are read and applied.
 * An aggregate not in the cache is loaded as before (from its latest snapshot on). Axon evicts the entry when the
 * unit of work rolls back (a lost append race included), so the retry of a lost race loads from the store.
 */
public class StoreCheckedCachingRepository<T> extends CachingEventSourcingRepository<T> {

    private final EventStore eventStore;
    private final org.axonframework.common.caching.Cache cache;

    protected StoreCheckedCachingRepository(Builder<T> builder) {
        super(builder);
        this.eventStore = builder.eventStore();
        this.cache = builder.cache();
    }

    public static <T> Builder<T> builder(Class<T> aggregateType) {
        return new Builder<>(aggregateType);
    }

    @Override
    protected EventSourcedAggregate<T> doLoadWithLock(String aggregateIdentifier, Long expectedVersion) {
        boolean cached = cache.containsKey(aggregateIdentifier);
        EventSourcedAggregate<T> aggregate = super.doLoadWithLock(aggregateIdentifier, expectedVersion);
        if (cached && aggregate.version() != null) {
            DomainEventStream newer = eventStore.readEvents(aggregateIdentifier, aggregate.version() + 1);
            if (newer.hasNext()) {
                aggregate.initializeState(newer);
            }
        }
        return aggregate;
    }

    public static final class Builder<T> extends EventSourcingRepository.Builder<T> {

        Builder(Class<T> aggregateType) {
            super(aggregateType);
        }

        EventStore eventStore() {
            return eventStore;
        }

        org.axonframework.common.caching.Cache cache() {
            return cache;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <R extends EventSourcingRepository<T>> R build() {
            validate();
            return (R) new StoreCheckedCachingRepository<>(this);
        }
    }
}
