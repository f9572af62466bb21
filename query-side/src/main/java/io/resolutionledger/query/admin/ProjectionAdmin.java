package io.resolutionledger.query.admin;

import io.resolutionledger.api.error.ErrorCode;
import io.resolutionledger.api.error.LedgerRefusedException;
import io.resolutionledger.query.config.Projections;
import io.resolutionledger.query.eventstore.EventStoreGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rebuilds projections and reports where each one stands. A rebuild stops the projection's processor on this
 * instance (releasing its segments), resets its tokens (which runs the projection's {@code @ResetHandler}: its tables
 * are emptied in the same transaction) and starts it again; it then replays the whole store.
 * <p>
 * Between the reset and the end of the replay the projection's tables are incomplete. This is said plainly: the
 * rebuild is listed here as REBUILDING with its progress, and every answer drawn from that projection carries
 * {@code X-Projection-Rebuilding} (see {@link RebuildingHeaderInterceptor}). A rebuild is DONE once every segment
 * has reached the head of the store as it was when the rebuild started.
 * <p>
 * Limitation: a reset needs every segment's claim. Another query-side instance that holds one makes the reset fail
 * (409); stop that instance's processor (or the instance) first. The registry of rebuilds is this instance's own.
 */
@Component
public class ProjectionAdmin {

    private static final Logger log = LoggerFactory.getLogger(ProjectionAdmin.class);

    /** The projections that can be rebuilt, by the name the API uses (= their processing group). */
    public static final List<String> NAMES = names();

    private final EventProcessingConfiguration processing;
    private final JdbcTemplate jdbc;
    private final EventStoreGateway events;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, Rebuild> rebuilds = new ConcurrentHashMap<>();

    public ProjectionAdmin(EventProcessingConfiguration processing, JdbcTemplate jdbc, EventStoreGateway events) {
        this.processing = processing;
        this.events = events;
        this.jdbc = jdbc;
    }

    /** A rebuild's state: REBUILDING until the replay has reached the store's head at its start, then DONE. */
    public record RebuildView(String state, Instant startedAt, long headAtStart, double progress, Instant doneAt) {
    }

    /** Where a projection stands on this instance. */
    public record ProjectionView(String name, boolean running, boolean replaying, boolean error, int segmentsClaimed,
                                 Long position, long head, Long lag, RebuildView rebuild) {
    }

    public List<ProjectionView> all() {
        long head = head();
        return NAMES.stream().map(name -> view(name, head)).toList();
    }

    public ProjectionView get(String name) {
        return view(known(name), head());
    }

    /** The names of the projections being rebuilt now (for the response header). */
    public List<String> rebuilding() {
        List<String> names = new ArrayList<>();
        rebuilds.forEach((name, rebuild) -> {
            if (!done(name, rebuild)) {
                names.add(name);
            }
        });
        return names;
    }

    /** Starts rebuilding one projection; answers where it stands right after the reset. */
    public synchronized ProjectionView rebuild(String name) {
        name = known(name);
        StreamingEventProcessor processor = processor(name);
        Rebuild current = rebuilds.get(name);
        if (current != null && !done(name, current)) {
            throw new LedgerRefusedException(ErrorCode.INVALID_STATE_TRANSITION,
                    "projection " + name + " is being rebuilt already (since " + current.startedAt + ")");
        }
        long head = head();
        Instant startedAt = clock.instant();
        processor.shutDown();
        try {
            processor.resetTokens();
        } catch (RuntimeException e) {
            processor.start();
            log.warn("rebuild of {} refused: {}", name, e.getMessage());
            throw new LedgerRefusedException(ErrorCode.INVALID_STATE_TRANSITION, "projection " + name
                    + " cannot be reset while another instance holds one of its segments; stop the other instances'"
                    + " processors first");
        }
        rebuilds.put(name, new Rebuild(startedAt, head));
        processor.start();
        log.info("rebuilding projection {} from the event store (head {})", name, head);
        return view(name, head);
    }

    private ProjectionView view(String name, long head) {
        StreamingEventProcessor processor = processor(name);
        Collection<EventTrackerStatus> status = processor.processingStatus().values();
        Long position = status.stream().map(s -> s.getCurrentPosition().orElse(0))
                .max(Long::compare).orElse(null);
        boolean error = processor.isError() || status.stream().anyMatch(EventTrackerStatus::isErrorState);
        Rebuild rebuild = rebuilds.get(name);
        RebuildView rebuildView = null;
        if (rebuild != null) {
            boolean done = done(name, rebuild);
            long reached = status.stream().mapToLong(s -> s.getCurrentPosition().orElse(0)).min().orElse(0);
            double progress = done || rebuild.headAtStart == 0 ? 1.0
                    : Math.min(1.0, Math.max(0, (double) reached / rebuild.headAtStart));
            rebuildView = new RebuildView(done ? "DONE" : "REBUILDING", rebuild.startedAt, rebuild.headAtStart,
                    Math.floor(progress * 1000) / 1000, rebuild.doneAt);
        }
        return new ProjectionView(name, processor.isRunning(), processor.isReplaying(), error, status.size(), position,
                head, position == null ? null : Math.max(0, head - position), rebuildView);
    }

    /** Whether the rebuild has reached its target on every segment; remembers when it did. */
    private boolean done(String name, Rebuild rebuild) {
        if (rebuild.doneAt != null) {
            return true;
        }
        if (rebuild.headAtStart > 0 && !covered(processor(name).processingStatus().values(), rebuild.headAtStart)) {
            return false;
        }
        rebuild.doneAt = clock.instant();
        log.info("projection {} rebuilt", name);
        return true;
    }

    /** Every segment of the processor is claimed here and has reached {@code target}. */
    static boolean covered(Collection<EventTrackerStatus> status, long target) {
        double share = 0;
        for (EventTrackerStatus segment : status) {
            if (segment.isErrorState() || segment.getCurrentPosition().orElse(-1) < target) {
                return false;
            }
            share += 1.0 / (segment.getSegment().getMask() + 1);
        }
        return share > 0.999;
    }

    private long head() {
        TrackingToken head = events.head();
        return head == null ? 0 : head.position().orElse(0);
    }

    private StreamingEventProcessor processor(String name) {
        return processing.eventProcessor(name, StreamingEventProcessor.class).orElseThrow(() ->
                new LedgerRefusedException(ErrorCode.NOT_FOUND, "projection " + name + " has no processor here"));
    }

    /** The processing group of a name: a group's own name, or one of the read models in it. */
    private static String known(String name) {
        if (Projections.GROUP_OF.containsKey(name)) {
            return Projections.GROUP_OF.get(name);
        }
        if (!NAMES.contains(name)) {
            throw new LedgerRefusedException(ErrorCode.NOT_FOUND, "no projection " + name + "; known: "
                    + String.join(", ", NAMES));
        }
        return name;
    }

    private static List<String> names() {
        return List.copyOf(Projections.ALL);
    }

    private static final class Rebuild {
        final Instant startedAt;
        final long headAtStart;
        volatile Instant doneAt;

        Rebuild(Instant startedAt, long headAtStart) {
            this.startedAt = startedAt;
            this.headAtStart = headAtStart;
        }
    }
}
