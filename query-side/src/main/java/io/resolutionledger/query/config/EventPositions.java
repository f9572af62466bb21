package io.resolutionledger.query.config;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The global index of the event being handled. The tracking token an event is delivered with does not say it:
 * when an event committed late fills a gap, the token's position is the highest index seen so far, which belongs
 * to another event. With the JDBC store the index is looked up by the event's identifier (unique, indexed); the
 * processors of all projections handle the same events at about the same time, so recent answers are kept.
 * Axon Server's tokens have no gaps: their position is the event's own.
 */
@Component
public class EventPositions {

    private static final int REMEMBERED = 10_000;
    private final JdbcTemplate jdbc;
    private final Map<String, Long> recent = Collections.synchronizedMap(new LinkedHashMap<>(1_024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > REMEMBERED;
        }
    });

    public EventPositions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public long of(EventMessage<?> message, TrackingToken token) {
        if (token instanceof GlobalSequenceTrackingToken exact) {
            return exact.getGlobalIndex();
        }
        Long known = recent.get(message.getIdentifier());
        if (known != null) {
            return known;
        }
        Long index = jdbc.query("SELECT global_index FROM ledger_write.domain_event_entry WHERE event_identifier = ?",
                rs -> rs.next() ? rs.getLong(1) : null, message.getIdentifier());
        if (index == null) {
            throw new IllegalStateException("event " + message.getIdentifier() + " is not in the event store");
        }
        recent.put(message.getIdentifier(), index);
        return index;
    }

    /** The same, for the message the current unit of work is handling; -1 when a handler is called directly. */
    public long ofCurrent(TrackingToken token) {
        if (!CurrentUnitOfWork.isStarted()) {
            return -1;
        }
        return of((EventMessage<?>) CurrentUnitOfWork.get().getMessage(), token);
    }
}
