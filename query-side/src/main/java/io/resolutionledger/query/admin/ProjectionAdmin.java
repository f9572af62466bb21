package io.resolutionledger.query.admin;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.resolutionledger.api.error.ErrorCode;
import io.resolutionledger.api.error.LedgerRefusedException;
import io.resolutionledger.query.config.Generation;
import io.resolutionledger.query.config.Projections;
import io.resolutionledger.query.config.ReadModelGenerations;
import io.resolutionledger.query.config.StoredTokens;
import io.resolutionledger.query.eventstore.EventStoreGateway;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Rebuilds projections and reports where each one stands, from the database, so that every instance answers alike.
 * <p>
 * <b>The read-models group is rebuilt beside the live model.</b> Its tables exist in two {@link Generation}s, each
 * with a processor of its own; readers see the active one through views. A rebuild resets the other generation's
 * processor (its {@code @ResetHandler}s empty that generation's tables and Axon empties its dead-letter queue, in
 * one transaction with the new row in {@code ledger_read.rebuild}), and that processor then replays the whole store
 * into it, on every instance that shares its segments, while the live processor keeps serving and updating the
 * active one. Once the rebuilt generation stands at the live one's position (every segment's token the same) and
 * has no dead letters, one instance, in one transaction: holds both processors' tokens (so neither commits), checks
 * that they still stand at the same position, computes row count and checksum of every table of both generations,
 * records them with the rebuild and points the views at the rebuilt generation. Readers see the old model or the
 * new one, never a half-built one; the old generation's processor then idles and its tables stay as they were until
 * the next rebuild empties them.
 * <p>
 * <b>The audit table is rebuilt in place</b> (it is the log, not a model to compare): its processor is reset and
 * replays; it is done once its token has reached the store's head as it was at the start.
 * <p>
 * One rebuild of a group at a time, whichever instance is asked: a unique index on the running rebuilds refuses the
 * second (409).
 */
@Component
public class ProjectionAdmin {

    private static final Logger log = LoggerFactory.getLogger(ProjectionAdmin.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * The transaction-scoped advisory lock that lets one instance at a time switch generations (whoever holds it
     * holds every switch back: tests do, to ask for a second rebuild while the first surely runs).
     */
    public static final long SWITCH_LOCK = 0x4c45444745525357L;

    /** The projections that can be rebuilt, by the name the API uses (= their processing group). */
    public static final List<String> NAMES = List.of(Projections.READ_MODELS, Projections.AUDIT);

    private final EventProcessingConfiguration processing;
    private final JdbcTemplate jdbc;
    private final EventStoreGateway events;
    private final ReadModelGenerations generations;
    private final TokenStore tokenStore;
    private final StoredTokens tokens;
    private final TransactionTemplate transactions;
    /** The second connection's thread of a comparison (see {@link #compare}). */
    private final ExecutorService comparing = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "rebuild-compare");
        thread.setDaemon(true);
        return thread;
    });

    public ProjectionAdmin(EventProcessingConfiguration processing, JdbcTemplate jdbc, EventStoreGateway events,
                           ReadModelGenerations generations, TokenStore tokenStore, StoredTokens tokens,
                           PlatformTransactionManager transactionManager) {
        this.processing = processing;
        this.jdbc = jdbc;
        this.events = events;
        this.generations = generations;
        this.tokenStore = tokenStore;
        this.tokens = tokens;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    @PostConstruct
    void coordinateOnEveryRefresh() {
        generations.onRefresh(this::coordinate);
    }

    /**
     * Row count and checksum of one table of one generation (rebuilds recorded before the checksum had its name
     * carry an md5 under {@code md5}, read as their checksum).
     */
    public record Model(long rows, @JsonAlias("md5") String checksum) {
    }

    /** One table of the old and of the rebuilt generation, compared at the same position. */
    public record TableCheck(String table, Model old, @JsonProperty("new") Model rebuilt, boolean match) {
    }

    /**
     * A rebuild: REBUILDING until it has switched (read-models) or replayed to the head at its start (audit), then
     * DONE; CANCELLED if an administrator gave it up. For read-models also the generation it builds, the position
     * at which both generations were compared, every table's comparison and whether all of them match.
     */
    public record RebuildView(String state, Instant startedAt, long headAtStart, double progress, Instant doneAt,
                              String generation, Long position, Boolean match, List<TableCheck> tables,
                              long deadLetters, String note) {
    }

    /**
     * Where a projection stands. Position and lag are its processor's tokens in the database (the furthest segment);
     * running, replaying, error and segmentsClaimed are this instance's processor; for read-models the live
     * generation's.
     */
    public record ProjectionView(String name, boolean running, boolean replaying, boolean error, int segmentsClaimed,
                                 Long position, long head, Long lag, String generation, String processor,
                                 RebuildView rebuild) {
    }

    public List<ProjectionView> all() {
        long head = head();
        return NAMES.stream().map(name -> view(name, head)).toList();
    }

    public ProjectionView get(String name) {
        return view(known(name), head());
    }

    /** Starts rebuilding one projection; answers where it stands right after the reset. */
    public synchronized ProjectionView rebuild(String name) {
        String group = known(name);
        long head = head();
        if (group.equals(Projections.READ_MODELS)) {
            rebuildBeside(head);
        } else {
            rebuildInPlace(group, head);
        }
        return view(group, head);
    }

    /** Gives up the running rebuild of read-models: the live generation stays, the other one's processor idles. */
    public synchronized ProjectionView cancel(String name) {
        String group = known(name);
        if (!group.equals(Projections.READ_MODELS)) {
            throw new LedgerRefusedException(ErrorCode.INVALID_STATE_TRANSITION, "projection " + group
                    + " is rebuilt in place; its rebuild cannot be given up half-way");
        }
        int cancelled = jdbc.update("UPDATE ledger_read.rebuild SET state = 'CANCELLED', done_at = now() "
                + "WHERE group_name = ? AND state = 'REBUILDING'", group);
        if (cancelled == 0) {
            throw new LedgerRefusedException(ErrorCode.INVALID_STATE_TRANSITION, "projection " + group
                    + " is not being rebuilt");
        }
        log.info("rebuild of {} cancelled; generation {} stays live", group, generations.reconcile().active().suffix());
        return view(group, head());
    }

    private void rebuildBeside(long head) {
        ReadModelGenerations.State state = generations.refresh();
        if (state.building() != null) {
            // before touching this instance's processor of that generation, which is helping to build it
            throw running(Projections.READ_MODELS);
        }
        Generation target = state.active().other();
        StreamingEventProcessor processor = processor(target.processor());
        processor.shutDown();
        try {
            transactions.executeWithoutResult(status -> {
                insert(Projections.READ_MODELS, target, head);
                processor.resetTokens();
                // the reset claimed every segment for this instance: let every instance claim its share at once
                for (int segment : tokenStore.fetchSegments(target.processor())) {
                    tokenStore.releaseClaim(target.processor(), segment);
                }
            });
        } catch (DuplicateKeyException e) {
            throw running(Projections.READ_MODELS);
        } catch (LedgerRefusedException e) {
            throw e;
        } catch (RuntimeException e) {
            log.warn("rebuild of {} refused: {}", Projections.READ_MODELS, e.toString());
            throw new LedgerRefusedException(ErrorCode.INVALID_STATE_TRANSITION, "generation " + target.suffix()
                    + " of " + Projections.READ_MODELS + " cannot be reset now: another instance still holds one of"
                    + " its segments (it lets go within seconds of the last switch); try again");
        } finally {
            // runs it again now that the database says it is being built (or leaves it stopped if the reset failed)
            generations.reconcile();
        }
        log.info("rebuilding {} into generation {} beside the live generation {} (head {})", Projections.READ_MODELS,
                target.suffix(), target.other().suffix(), head);
    }

    private void rebuildInPlace(String group, long head) {
        StreamingEventProcessor processor = processor(group);
        processor.shutDown();
        try {
            transactions.executeWithoutResult(status -> {
                insert(group, null, head);
                processor.resetTokens();
            });
        } catch (DuplicateKeyException e) {
            throw running(group);
        } catch (RuntimeException e) {
            log.warn("rebuild of {} refused: {}", group, e.toString());
            throw new LedgerRefusedException(ErrorCode.INVALID_STATE_TRANSITION, "projection " + group
                    + " cannot be reset while another instance holds one of its segments; stop the other instances'"
                    + " processors first");
        } finally {
            processor.start();
        }
        log.info("rebuilding projection {} in place from the event store (head {})", group, head);
    }

    private void insert(String group, Generation generation, long head) {
        jdbc.update("INSERT INTO ledger_read.rebuild (group_name, generation, state, started_at, head_at_start) "
                        + "VALUES (?, ?, 'REBUILDING', ?, ?)", group, generation == null ? null : generation.suffix(),
                Timestamp.from(Instant.now()), head);
    }

    private static LedgerRefusedException running(String group) {
        return new LedgerRefusedException(ErrorCode.INVALID_STATE_TRANSITION, "projection " + group
                + " is being rebuilt already; follow it at GET /api/admin/projections/" + group);
    }

    // ------------------------------------------------------------------------------------------------------------
    // coordination: every instance, after every refresh of the generations

    /** A running rebuild as the database has it. */
    private record Running(long id, String group, Generation generation, long headAtStart) {
    }

    /** Finishes what can be finished: a rebuild in place that has replayed, a rebuilt generation that caught up. */
    void coordinate() {
        List<Running> running = jdbc.query("SELECT rebuild_id, group_name, generation, head_at_start "
                        + "FROM ledger_read.rebuild WHERE state = 'REBUILDING'",
                (rs, n) -> new Running(rs.getLong(1), rs.getString(2),
                        rs.getString(3) == null ? null : Generation.of(rs.getString(3)), rs.getLong(4)));
        for (Running rebuild : running) {
            if (rebuild.generation() == null) {
                if (covered(tokens.of(rebuild.group()).values(), rebuild.headAtStart())) {
                    jdbc.update("UPDATE ledger_read.rebuild SET state = 'DONE', done_at = now(), position = ? "
                            + "WHERE rebuild_id = ? AND state = 'REBUILDING'", rebuild.headAtStart(), rebuild.id());
                    log.info("projection {} rebuilt", rebuild.group());
                }
            } else {
                trySwitch(rebuild);
            }
        }
    }

    /** Switches to the rebuilt generation if it stands where the live one does; answers whether it switched. */
    boolean trySwitch(Running rebuild) {
        Generation target = rebuild.generation();
        Generation live = target.other();
        if (generations.active() != live || deadLetters(target.processor()) > 0) {
            return false;
        }
        Map<Integer, TrackingToken> building = tokens.of(target.processor());
        Map<Integer, TrackingToken> serving = tokens.of(live.processor());
        if (!samePosition(building, serving)) {
            if (covered(building.values(), rebuild.headAtStart())) {
                log.debug("{} caught up but not yet at {}'s position: {} / {}", target.processor(), live.processor(),
                        building, serving);
            }
            return false;
        }
        Boolean switched = transactions.execute(status -> {
            if (!Boolean.TRUE.equals(jdbc.queryForObject("SELECT pg_try_advisory_xact_lock(?)", Boolean.class,
                    SWITCH_LOCK))) {
                return false;
            }
            List<String> state = jdbc.queryForList("SELECT state FROM ledger_read.rebuild WHERE rebuild_id = ? "
                    + "FOR UPDATE", String.class, rebuild.id());
            if (!state.equals(List.of("REBUILDING"))) {
                return false;
            }
            // holding both processors' token rows: neither can commit a batch until this transaction ends, so the
            // two generations stand still at what these tokens say
            Map<String, Map<Integer, TrackingToken>> locked = tokens.lock(live.processor(), target.processor());
            Map<Integer, TrackingToken> frozen = locked.get(live.processor());
            if (!samePosition(locked.get(target.processor()), frozen) || deadLetters(target.processor()) > 0) {
                return false;
            }
            long comparing = System.nanoTime();
            List<TableCheck> tables = compare(live, target);
            long compared = (System.nanoTime() - comparing) / 1_000_000;
            boolean match = tables.stream().allMatch(TableCheck::match);
            // clock_timestamp(), not now(): the moment of the switch, after the comparison, not this transaction's start
            jdbc.update("UPDATE ledger_read.rebuild SET state = 'DONE', done_at = clock_timestamp(), position = ?, "
                    + "tables = CAST(? AS jsonb) WHERE rebuild_id = ?", furthest(frozen.values()), json(tables),
                    rebuild.id());
            jdbc.update("INSERT INTO ledger_read.rebuild_generation (group_name, active, switched_at) "
                    + "VALUES (?, ?, now()) ON CONFLICT (group_name) DO UPDATE SET active = EXCLUDED.active, "
                    + "switched_at = EXCLUDED.switched_at", rebuild.group(), target.suffix());
            log.info("{}: switched to generation {} at position {}; old and new model {} (compared in {} ms)",
                    rebuild.group(), target.suffix(), furthest(frozen.values()), match ? "match table by table"
                            : "differ in " + tables.stream().filter(t -> !t.match()).map(TableCheck::table).toList(),
                    compared);
            return true;
        });
        if (Boolean.TRUE.equals(switched)) {
            generations.reconcile();
            return true;
        }
        return false;
    }

    /**
     * Row count and checksum of every read-model table of both generations: the rebuilt one within the caller's
     * transaction, the old one meanwhile on a second connection (the comparison holds both processors' tokens, so
     * the live processor waits for it; two connections take half the time). Both see the same rows: neither
     * processor can commit while the caller holds their tokens, and what committed before is visible to both.
     */
    private List<TableCheck> compare(Generation old, Generation rebuilt) {
        CompletableFuture<List<Model>> before = CompletableFuture.supplyAsync(
                () -> ReadModelTables.ALL.stream().map(table -> checksum(old, table)).toList(), comparing);
        List<Model> after = ReadModelTables.ALL.stream().map(table -> checksum(rebuilt, table)).toList();
        List<Model> was;
        try {
            was = before.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        List<TableCheck> checks = new ArrayList<>();
        for (int i = 0; i < ReadModelTables.ALL.size(); i++) {
            checks.add(new TableCheck(ReadModelTables.ALL.get(i).name(), was.get(i), after.get(i),
                    was.get(i).equals(after.get(i))));
        }
        return checks;
    }

    @PreDestroy
    void stopComparing() {
        comparing.shutdownNow();
    }

    /**
     * The sum of the first 64 bits of each row's md5 (of its text), as an exact numeric: the same rows give the same
     * sum in any order, a changed, missing or extra row changes it (but for a 2^-64 chance). No sort and no
     * concatenated string: the md5 of all rows' md5s in key order it replaces took three times as long (2.6 s
     * against 0.9 s for 727,280 votes), and the live processor waits while the comparison runs.
     */
    private Model checksum(Generation generation, ReadModelTables.Table table) {
        return jdbc.queryForObject(checksumQuery(generation.table(table.name())),
                (rs, n) -> new Model(rs.getLong(1), rs.getString(2)));
    }

    /** Row count and checksum of {@code table} (see {@link #checksum}); {@code RebuildChecksumTest} holds it. */
    static String checksumQuery(String table) {
        return "SELECT count(*), coalesce(sum(('x' || left(md5(t::text), 16))::bit(64)::bigint), 0)::text FROM "
                + table + " t";
    }

    // ------------------------------------------------------------------------------------------------------------
    // positions, from the token store's table (what every instance sees)

    /**
     * Whether two processors' segments have seen exactly the same events: the same segments, each at the same index.
     * Their gaps may differ where one token still lists a number that never committed and the other has dropped it
     * (Axon cleans old gaps when it reads, so a replay keeps fewer); a number in one set and not the other only
     * matters if it holds an event, which one read of the store answers.
     */
    private boolean samePosition(Map<Integer, TrackingToken> building, Map<Integer, TrackingToken> serving) {
        if (building.isEmpty() || !building.keySet().equals(serving.keySet())) {
            return false;
        }
        for (Map.Entry<Integer, TrackingToken> segment : building.entrySet()) {
            if (!samePosition(segment.getValue(), serving.get(segment.getKey()))) {
                return false;
            }
        }
        return true;
    }

    private boolean samePosition(TrackingToken a, TrackingToken b) {
        TrackingToken x = a == null ? null : WrappedToken.unwrapLowerBound(a);
        TrackingToken y = b == null ? null : WrappedToken.unwrapLowerBound(b);
        if (x == null || y == null) {
            return x == y;
        }
        if (!(x instanceof GapAwareTrackingToken gx) || !(y instanceof GapAwareTrackingToken gy)) {
            return x.equals(y);
        }
        if (gx.getIndex() != gy.getIndex()) {
            return false;
        }
        Set<Long> differ = new TreeSet<>(gx.getGaps());
        differ.addAll(gy.getGaps());
        Set<Long> both = new TreeSet<>(gx.getGaps());
        both.retainAll(gy.getGaps());
        differ.removeAll(both);
        if (differ.isEmpty()) {
            return true;
        }
        // a stream that has seen everything up to the index but the differing numbers: is any of them an event?
        List<EventStoreGateway.Positioned> unseen = events.read(
                GapAwareTrackingToken.newInstance(gx.getIndex(), differ), 1);
        return unseen.isEmpty() || unseen.get(0).position() == null || unseen.get(0).position() > gx.getIndex();
    }

    private static long position(TrackingToken token) {
        return token == null ? -1 : token.position().orElse(-1);
    }

    private static Long furthest(Collection<TrackingToken> tokens) {
        return tokens.stream().map(ProjectionAdmin::position).max(Long::compare).orElse(null);
    }

    private static long nearest(Collection<TrackingToken> tokens) {
        return tokens.stream().mapToLong(ProjectionAdmin::position).min().orElse(-1);
    }

    /** Every segment has reached {@code target}. */
    static boolean covered(Collection<TrackingToken> tokens, long target) {
        return !tokens.isEmpty() && nearest(tokens) >= target;
    }

    private long deadLetters(String processor) {
        Long letters = jdbc.queryForObject("SELECT count(*) FROM ledger_read.dead_letter_entry "
                + "WHERE processing_group = ?", Long.class, processor);
        return letters == null ? 0 : letters;
    }

    // ------------------------------------------------------------------------------------------------------------
    // views

    private ProjectionView view(String name, long head) {
        String processorName = name.equals(Projections.READ_MODELS) ? generations.active().processor() : name;
        StreamingEventProcessor processor = processor(processorName);
        Collection<EventTrackerStatus> status = processor.processingStatus().values();
        boolean error = processor.isError() || status.stream().anyMatch(EventTrackerStatus::isErrorState);
        Long position = furthest(tokens.of(processorName).values());
        if (position != null && position < 0) {
            position = null;
        }
        return new ProjectionView(name, processor.isRunning(), processor.isReplaying(), error, status.size(), position,
                head, position == null ? null : Math.max(0, head - position),
                name.equals(Projections.READ_MODELS) ? generations.active().suffix() : null, processorName,
                rebuildView(name));
    }

    private RebuildView rebuildView(String group) {
        List<RebuildView> latest = jdbc.query("SELECT state, started_at, head_at_start, done_at, generation, position, "
                        + "tables::text FROM ledger_read.rebuild WHERE group_name = ? ORDER BY rebuild_id DESC LIMIT 1",
                (rs, n) -> {
                    String state = rs.getString(1);
                    Instant startedAt = rs.getTimestamp(2).toInstant();
                    long headAtStart = rs.getLong(3);
                    Timestamp doneAt = rs.getTimestamp(4);
                    String generation = rs.getString(5);
                    Long position = rs.getObject(6) == null ? null : rs.getLong(6);
                    List<TableCheck> tables = tables(rs.getString(7));
                    String processor = generation == null ? group : Generation.of(generation).processor();
                    boolean running = state.equals("REBUILDING");
                    double progress = running ? progress(tokens.of(processor).values(), headAtStart)
                            : state.equals("DONE") ? 1.0 : 0.0;
                    long letters = generation == null ? 0 : deadLetters(processor);
                    return new RebuildView(state, startedAt, headAtStart, progress,
                            doneAt == null ? null : doneAt.toInstant(), generation, position,
                            tables == null ? null : tables.stream().allMatch(TableCheck::match), tables, letters,
                            note(state, generation, processor, progress, letters));
                }, group);
        return latest.isEmpty() ? null : latest.get(0);
    }

    private static String note(String state, String generation, String processor, double progress, long letters) {
        if (!state.equals("REBUILDING")) {
            return null;
        }
        if (generation == null) {
            return "replaying in place";
        }
        if (letters > 0) {
            return letters + " events of " + processor + " are dead letters: the switch waits until they are retried"
                    + " or evicted (or the rebuild is cancelled)";
        }
        return progress < 1.0 ? "replaying into generation " + generation + " beside the live one"
                : "caught up: switching once both generations stand at the same position";
    }

    private static double progress(Collection<TrackingToken> tokens, long headAtStart) {
        if (headAtStart <= 0) {
            return 1.0;
        }
        double reached = Math.min(1.0, Math.max(0, (double) nearest(tokens) / headAtStart));
        return Math.floor(reached * 1000) / 1000;
    }

    private static List<TableCheck> tables(String json) {
        if (json == null) {
            return null;
        }
        try {
            return JSON.readValue(json, new TypeReference<List<TableCheck>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable rebuild comparison", e);
        }
    }

    private static String json(List<TableCheck> tables) {
        try {
            return JSON.writeValueAsString(tables);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
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
        return Objects.requireNonNull(name);
    }
}
