package io.resolutionledger.query.config;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Which generation of the read-models tables is live, and which one a rebuild is building, as the database says
 * ({@code ledger_read.rebuild_generation}, {@code ledger_read.rebuild}): every instance reads the same rows, at start
 * and every {@code ledger.projections.generation-refresh}, so all of them serve and project alike.
 * <p>
 * A generation's processor runs on every instance while it is live or being built and is shut down otherwise
 * ({@link #reconcile}: Axon's {@code start}/{@code shutDown}, which releases its segments' claims). A rebuild started
 * on one instance is therefore joined by the others at their next refresh, and a switch retires the old generation's
 * processor everywhere within one refresh (until then it keeps writing the now inactive tables, which nobody reads).
 * Axon starts every processor with the application; this lifecycle, right after Axon's, stops the idle one before
 * the web server takes requests. (Axon's {@code MaxSegmentProvider} cannot say "none": its builder refuses a provider
 * that answers 0.)
 */
@Component
public class ReadModelGenerations implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ReadModelGenerations.class);

    /**
     * @param active   the generation readers see
     * @param building the generation a rebuild is projecting into, or null
     */
    public record State(Generation active, Generation building) {

        /** Whether {@code generation}'s processor has work: it is live or being built. */
        public boolean runs(Generation generation) {
            return generation == active || generation == building;
        }
    }

    private final JdbcTemplate jdbc;
    private final ObjectProvider<EventProcessingConfiguration> processing;
    private final Duration interval;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private volatile State state = new State(Generation.A, null);
    /** Whether any rebuild runs (the read models' beside the live generation, or one in place), as last read. */
    private volatile boolean rebuilding;
    private ScheduledExecutorService executor;

    public ReadModelGenerations(DataSource dataSource, ObjectProvider<EventProcessingConfiguration> processing,
                                @Value("${ledger.projections.generation-refresh:1s}") Duration interval) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.processing = processing;
        this.interval = interval;
    }

    public State state() {
        return state;
    }

    public Generation active() {
        return state.active();
    }

    /** Reads the state from the database; on failure (the database away) the last one stays. */
    public State refresh() {
        try {
            List<String> active = jdbc.queryForList("SELECT active FROM ledger_read.rebuild_generation "
                    + "WHERE group_name = ?", String.class, Projections.READ_MODELS);
            // every running rebuild, of any group: the read models' names the generation it builds, a rebuild in
            // place (the audit log) none, and either keeps the refresh (and so its completion check) at 50 ms
            List<String[]> rebuilds = jdbc.query("SELECT group_name, generation FROM ledger_read.rebuild "
                    + "WHERE state = 'REBUILDING'", (rs, n) -> new String[] {rs.getString(1), rs.getString(2)});
            String building = rebuilds.stream()
                    .filter(r -> Projections.READ_MODELS.equals(r[0]) && r[1] != null)
                    .map(r -> r[1]).findFirst().orElse(null);
            rebuilding = !rebuilds.isEmpty();
            State read = new State(active.isEmpty() ? Generation.A : Generation.of(active.get(0)),
                    building == null ? null : Generation.of(building));
            if (!read.equals(state)) {
                log.info("read models: generation {} live{}", read.active().suffix(),
                        read.building() == null ? "" : ", generation " + read.building().suffix() + " being rebuilt");
            }
            state = read;
        } catch (RuntimeException e) {
            log.debug("read-model generations not refreshed: {}", e.getMessage());
        }
        return state;
    }

    /** Runs {@code listener} after every periodic refresh (the rebuild's coordination). */
    public void onRefresh(Runnable listener) {
        listeners.add(listener);
    }

    /**
     * Reads the state and starts or shuts down this instance's generation processors to match it: the live one and
     * the one being built run, the other does not.
     */
    public synchronized State reconcile() {
        State current = refresh();
        EventProcessingConfiguration configuration = processing.getIfAvailable();
        if (configuration == null) {
            return current;
        }
        for (Generation generation : Generation.values()) {
            configuration.eventProcessor(generation.processor(), StreamingEventProcessor.class).ifPresent(p -> {
                if (current.runs(generation) && !p.isRunning()) {
                    log.info("starting {}", generation.processor());
                    p.start();
                } else if (!current.runs(generation) && p.isRunning()) {
                    log.info("shutting down {}: generation {} is neither live nor being rebuilt",
                            generation.processor(), generation.suffix());
                    p.shutDown();
                }
            });
        }
        return current;
    }

    /**
     * Registers a projection of the read-models group: one instance per generation, made by {@code factory} for its
     * generation's tables and handled by that generation's processor only. A slice declares this as a bean; the
     * instances are no Spring beans, so Axon's own registration of annotated beans does not register them twice.
     */
    public static ConfigurerModule projection(Function<Generation, Object> factory) {
        return configurer -> {
            EventProcessingConfigurer processing = configurer.eventProcessing();
            for (Generation generation : Generation.values()) {
                Object handler = factory.apply(generation);
                processing.registerEventHandler(config -> handler);
                processing.assignHandlerInstancesMatching(generation.processor(), candidate -> candidate == handler);
            }
        };
    }

    private volatile boolean running;

    /** Right after Axon has started the processors, before the web server takes requests. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 3000;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public void start() {
        running = true;
        reconcile();
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "read-model-generations");
            thread.setDaemon(true);
            return thread;
        });
        executor.schedule(this::tick, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * While a rebuild runs, the refresh comes at most every {@link #WHILE_REBUILDING}: a generation that has caught up
     * is compared and switched to within that time rather than within a whole refresh interval (a tenth of a
     * 100,000-event rebuild at 1 s, and still a tenth of a 20,000-event one at 200 ms, BENCHMARKS.md). A refresh and
     * the rebuild's check read a few rows by key (the generations, the running rebuilds, their processors' tokens):
     * some hundred microseconds of the database's time, 20 times a second while a rebuild runs.
     */
    static final Duration WHILE_REBUILDING = Duration.ofMillis(50);

    /**
     * The time to the next refresh: {@link #WHILE_REBUILDING} (or the interval, if shorter) while any rebuild runs,
     * the read models' or one in place such as the audit log's, whose completion the same refresh marks (when only
     * the read models' counted, an audit rebuild that finished after their switch waited up to a whole interval to
     * be marked done: 0.8 s of a 2 s rebuild, BENCHMARKS.md).
     */
    static Duration nextTick(Duration interval, boolean rebuilding) {
        return rebuilding && WHILE_REBUILDING.compareTo(interval) < 0 ? WHILE_REBUILDING : interval;
    }

    /** The time to the next refresh after this one, as the last refresh found the rebuilds (see above). */
    public Duration nextTick() {
        return nextTick(interval, rebuilding);
    }

    /** Whether the last refresh found a rebuild running, of any group (the read models' or one in place). */
    public boolean rebuilding() {
        return rebuilding;
    }

    @Override
    public void stop() {
        running = false;
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    private void tick() {
        try {
            reconcile();
        } catch (RuntimeException e) {
            log.warn("read-model generations not reconciled: {}", e.toString());
        }
        for (Runnable listener : listeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                log.warn("read-model generations: {}", e.toString());
            }
        }
        if (running && !executor.isShutdown()) {
            long next = nextTick().toMillis();
            try {
                executor.schedule(this::tick, next, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                // shut down meanwhile
            }
        }
    }
}
