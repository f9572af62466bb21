package io.resolutionledger.bench;

import com.fasterxml.jackson.databind.SerializationFeature;
import io.resolutionledger.testkit.JsonHttp.Answer;
import io.resolutionledger.testkit.ProcessStack.Child;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The benchmark of the Resolution Ledger (issue 6): the same PostgreSQL's own limits (durable single-row inserts,
 * paged reads of the event table) and, in the same run, the service's commands over HTTP, projection lag, replay,
 * aggregate load and memory. Writes bench/results/TIMESTAMP.json and .md and the latest table into BENCHMARKS.md.
 *
 * <p>Usage (normally through {@code ./ledger bench}): {@code java -jar bench/target/ledger-bench.jar [--long]
 * [--levels 1,4,16,64] [--level-seconds S] [--open-seconds S] [--replay-events 20000,...] [--aggregate-events N]
 * [--command-arg --prop=value]... [--query-arg --prop=value]... [--label TEXT] [--no-benchmarks-md] [--pg-statements]}
 */
public final class Bench {

    static final String SESSION = "bench-2024-1";

    // options
    Path root = Path.of(".").toAbsolutePath().normalize();
    boolean longRun;
    List<Integer> levels = List.of(1, 4, 16, 64);
    /** warm-up of each level (issue 11: at least 60 s, so that the JIT and the caches are warm); --smoke shortens it */
    double warmup = 60;
    /** the longest JIT warm-up before the first level ({@link #warmUpJit()}); 0: none */
    double jitWarmupSeconds = 300;
    /**
     * the longest JIT warm-up of the open model ({@link #warmUpOpenModel}); 0: none. The closed levels leave the
     * query side's live path cold: it runs behind there, in big batches, and the JIT warm-up's lag probe is one user's.
     */
    double openJitWarmupSeconds = 180;
    /**
     * further open-model runs after the one at half of peak, at these fractions of the peak ({@code --open-fractions}):
     * the projection lag as a function of the load, to show at which load the live target is met on this machine
     */
    List<Double> openFractions = List.of();
    double levelSeconds = 6;
    double openSeconds = 12;
    double baselineSeconds = 3;
    List<Long> replayEvents = List.of(20_000L);
    /** A rebuild not done by then is reported with the rate it reached (the short version must stay short). */
    double replayLimitSeconds = 60;
    /** how often the product's rebuild is run on each event count (--online-repeats; the report shows the median) */
    int onlineRepeats = 1;
    /**
     * how many rebuilds run first, on the same service, unmeasured in the median (--online-warmups): the first
     * rebuilds of a freshly started query JVM still compile their hot code (C2), which showed as query CPU per event
     * falling from 380 to 207 µs over three 20k rebuilds and from 158 to 78 µs over three 100k ones (run
     * 20261202-075457), and with two warm-ups the measured three still fell from 191 to 158 µs at 20k (run
     * 20261202-080458); a long-running service rebuilds with compiled code. Their figures are kept in the results.
     */
    int onlineWarmups = 4;
    /**
     * the most warm-up rebuilds per event count: after {@link #onlineWarmups} they go on while the query JVM's compiler
     * threads used {@link #JIT_QUIET_MS_PER_S} ms of CPU a second or more during the last one (at 20k events, four
     * warm-ups still left the measured repeats' query CPU falling from 108 to 48 µs per event, run 20261204-182530)
     */
    static final int MAX_ONLINE_WARMUPS = 16;
    /** JVM options of the query side (--query-jvm-arg, e.g. another collector), before {@code -jar} */
    List<String> queryJvmArgs = new ArrayList<>();
    int aggregateEvents = 10_000;
    int aggregateCommands = 20;
    int pgPort = Integer.parseInt(System.getenv().getOrDefault("BENCH_PG_PORT", "55439"));
    int commandPort = Integer.parseInt(System.getenv().getOrDefault("BENCH_COMMAND_PORT", "18181"));
    int queryPort = Integer.parseInt(System.getenv().getOrDefault("BENCH_QUERY_PORT", "18182"));
    List<String> commandArgs = new ArrayList<>();
    List<String> queryArgs = new ArrayList<>();
    /** the query side's jar (a candidate build can be compared with --query-jar PATH) */
    String queryJar = "query-side/target/query-side-0.1.0-SNAPSHOT-exec.jar";
    String commandJar = "command-side/target/command-side-0.1.0-SNAPSHOT-exec.jar";
    /** label and extra query-side arguments of each additional rebuild (--replay-variant "label|--a=b --c=d") */
    List<String[]> replayVariants = new ArrayList<>();
    boolean runCommands = true;
    boolean runReplay = true;
    boolean runAggregate = true;
    String label = "";
    boolean writeBenchmarksMd = true;
    boolean sharedTokens;
    boolean pgbench = true;
    /**
     * --jfr: a JFR profile ({@code settings=profile}) of the command side per level and of the query side over the
     * open model and the rebuilds, kept next to the result. Off by default: run 20261203-114910 measured the same
     * build without it at a peak of 1,131 commands/s against 819 with it (run 20261203-113430), and the query JVM
     * at 0.72 instead of 1.70 ms of CPU per command in the open model; the profiler is a load of its own, so the
     * figures are measured without it and a profile is a run of its own.
     */
    boolean jfr = false;
    /**
     * --pg-statements: PostgreSQL with pg_stat_statements, and with every online rebuild and open model its top
     * statements and its CPU by kind of process (client backends, autovacuum, WAL writer …)
     */
    boolean pgStatements;
    /** how many online rebuilds this run has timed so far (names their JFR recordings) */
    int onlineRebuilds;
    PgStatements statements;
    /** clients of the proposal-only load (the acceptance figure of issue 11); 0: none */
    int proposalUsers = 16;
    final Map<String, Object> profiles = new LinkedHashMap<>();

    final Map<String, Object> result = new LinkedHashMap<>();
    final List<Map<String, Object>> memory = new ArrayList<>();
    final List<Map<String, Object>> loads = new ArrayList<>();
    Stack stack;
    Db db;
    Api api;
    Load.Lag lag;
    String template;
    final String runId = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));

    public static void main(String[] args) throws Exception {
        Bench b = new Bench();
        b.parse(args);
        try {
            b.run();
        } finally {
            if (b.lag != null) b.lag.close();
            if (b.stack != null) b.stack.stopAll();
        }
        System.exit(0);
    }

    void parse(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--root" -> root = Path.of(args[++i]).toAbsolutePath().normalize();
                case "--long" -> {
                    longRun = true;
                    warmup = 10;
                    levelSeconds = 30;
                    openSeconds = 60;
                    baselineSeconds = 10;
                    replayEvents = List.of(100_000L, 1_000_000L);
                    replayLimitSeconds = 3 * 3600;
                    aggregateCommands = 100;
                }
                case "--smoke" -> {
                    warmup = 5;
                    jitWarmupSeconds = 0;
                    openJitWarmupSeconds = 0;
                    levelSeconds = 5;
                    openSeconds = 6;
                    baselineSeconds = 2;
                }
                case "--warmup-seconds" -> warmup = Double.parseDouble(args[++i]);
                case "--shared-tokens" -> sharedTokens = true;
                case "--jfr" -> jfr = true;
                case "--no-jfr" -> jfr = false;
                case "--jit-warmup-seconds" -> jitWarmupSeconds = Double.parseDouble(args[++i]);
                case "--open-jit-warmup-seconds" -> openJitWarmupSeconds = Double.parseDouble(args[++i]);
                case "--open-fractions" -> openFractions = Arrays.stream(args[++i].split(",")).map(Double::valueOf).toList();
                case "--pg-statements" -> pgStatements = true;
                case "--proposal-users" -> proposalUsers = Integer.parseInt(args[++i]);
                case "--levels" -> levels = Arrays.stream(args[++i].split(",")).map(Integer::valueOf).toList();
                case "--level-seconds" -> levelSeconds = Double.parseDouble(args[++i]);
                case "--open-seconds" -> openSeconds = Double.parseDouble(args[++i]);
                case "--baseline-seconds" -> baselineSeconds = Double.parseDouble(args[++i]);
                case "--replay-events" -> replayEvents = Arrays.stream(args[++i].split(",")).map(Long::valueOf).toList();
                case "--replay-limit-seconds" -> replayLimitSeconds = Double.parseDouble(args[++i]);
                case "--online-repeats" -> onlineRepeats = Integer.parseInt(args[++i]);
                case "--online-warmups" -> onlineWarmups = Integer.parseInt(args[++i]);
                case "--query-jvm-arg" -> queryJvmArgs.add(args[++i]);
                case "--aggregate-events" -> aggregateEvents = Integer.parseInt(args[++i]);
                case "--command-arg" -> commandArgs.add(args[++i]);
                case "--query-arg" -> queryArgs.add(args[++i]);
                case "--label" -> label = args[++i];
                case "--query-jar" -> queryJar = args[++i];
                case "--command-jar" -> commandJar = args[++i];
                case "--replay-variant" -> {
                    String v = args[++i];
                    int bar = v.indexOf('|');
                    replayVariants.add(bar < 0 ? new String[]{v, v} : new String[]{v.substring(0, bar), v.substring(bar + 1)});
                }
                case "--phases" -> {
                    List<String> ph = Arrays.asList(args[++i].split(","));
                    runCommands = ph.contains("commands");
                    runReplay = ph.contains("replay");
                    runAggregate = ph.contains("aggregate");
                }
                case "--no-benchmarks-md" -> writeBenchmarksMd = false;
                case "--no-pgbench" -> pgbench = false;
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
    }

    void log(String s) {
        System.out.printf("[bench %s] %s (load %s)%n", LocalDateTime.now().format(DateTimeFormatter.ofPattern("HH:mm:ss")), s, loadavg());
    }

    void run() throws Exception {
        long started = System.nanoTime();
        Path data = root.resolve("bench/.data");
        deleteTree(data.resolve("postgres"));
        deleteTree(data.resolve("postgres-work"));
        deleteTree(data.resolve("logs"));
        stack = new Stack(root, data, pgPort);

        Map<String, Object> run = new LinkedHashMap<>();
        run.put("id", runId);
        run.put("mode", longRun ? "long" : "short");
        run.put("label", label);
        run.put("commit", git("rev-parse", "--short", "HEAD"));
        run.put("commandArgs", commandArgs);
        run.put("queryArgs", queryArgs);
        run.put("queryJvmArgs", queryJvmArgs);
        run.put("onlineWarmups", onlineWarmups);
        run.put("commandJar", commandJar);
        run.put("queryJar", queryJar);
        run.put("warmupSeconds", warmup);
        run.put("levelSeconds", levelSeconds);
        run.put("tokens", sharedTokens ? "shared: one token per delegation for all clients" : "one token per delegation and client");
        Map<String, String> env = new TreeMap<>();
        System.getenv().forEach((k, v) -> {
            if (k.startsWith("LEDGER_") && !k.startsWith("LEDGER_DB")) env.put(k, v);
        });
        run.put("env", env);
        result.put("run", run);

        log("machine facts and fsync");
        result.put("machine", machine(data));
        log("starting PostgreSQL (embedded, durable) on port " + pgPort);
        stack.startPostgres(pgStatements ? List.of(PgStatements.PRELOAD) : List.of());
        db = new Db(stack.jdbcUrl());
        if (pgStatements) {
            statements = new PgStatements(db);
            statements.install();
        }
        ((Map<String, Object>) result.get("machine")).put("postgres", db.settings());
        ((Map<String, Object>) result.get("machine")).put("postgresKind", "embedded PostgreSQL (zonky binaries) via ledger-testkit LocalPostgres, same box");

        baseline();

        log("starting command side :" + commandPort + " and query side :" + queryPort);
        startCommand(Map.of());
        startQuery();
        api = new Api("http://localhost:" + commandPort, "http://localhost:" + queryPort);
        api.sharedTokens = sharedTokens;
        api.setUp(SESSION);
        lag = new Load.Lag(api);
        lag.connectStream("DE-BE");
        seed();
        sampleMemory("after start");
        if (runCommands && jitWarmupSeconds > 0) warmUpJit();

        if (runCommands) commands();
        if (runReplay) replay();
        if (runAggregate) aggregate();

        loadSample("end");
        result.put("loadAverage", loads);
        result.put("memory", memory);
        result.put("targets", Report.targets(result));
        result.put("totalSeconds", Load.round((System.nanoTime() - started) / 1e9));
        write();
    }

    // ---------------------------------------------------------------------------------------------------------------

    Map<String, Object> machine(Path data) throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("cpu", cpuModel());
        m.put("memTotal", memTotal());
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        m.put("java", System.getProperty("java.version"));
        m.put("loadAverageAtStart", loadavg());
        m.put("fsync", fsync(data, 200));
        return m;
    }

    /** The disk's fsync time: 8 KiB written and forced (fdatasync) at the same offset, like a WAL page flush. */
    static Map<String, Object> fsync(Path dir, int n) throws Exception {
        Files.createDirectories(dir);
        Path f = dir.resolve("fsync-test.bin");
        long[] t = new long[n];
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            ByteBuffer buf = ByteBuffer.allocate(8192);
            for (int i = 0; i < n; i++) {
                buf.clear();
                buf.putLong(0, i);
                long t0 = System.nanoTime();
                ch.write(buf, 0);
                ch.force(false);
                t[i] = System.nanoTime() - t0;
            }
        }
        Files.deleteIfExists(f);
        Arrays.sort(t);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", "Java FileChannel.force(false) of an 8 KiB write, " + n + " times");
        m.put("p50ms", Load.round(t[n / 2] / 1e6));
        m.put("p99ms", Load.round(t[(int) (n * 0.99)] / 1e6));
        m.put("meanMs", Load.round(Arrays.stream(t).average().orElse(0) / 1e6));
        m.put("opsPerSecond", Math.round(1e9 / Arrays.stream(t).average().orElse(1)));
        return m;
    }

    void baseline() throws Exception {
        Map<String, Object> b = new LinkedHashMap<>();
        db.createBaselineTable();
        log("baseline: durable single-row inserts (JDBC, autocommit) at " + levels);
        db.insertRate(4, 1); // warm-up
        List<Object> jdbc = new ArrayList<>();
        for (int c : levels) {
            Map<String, Object> r = db.insertRate(c, baselineSeconds);
            r.put("loadAverage", loadavg());
            jdbc.add(r);
            log("  insert c=" + c + ": " + r.get("rowsPerSecond") + " rows/s");
        }
        b.put("jdbcInsert", jdbc);
        String pgb = findPgbench();
        if (pgbench && pgb != null) {
            log("baseline: pgbench one-insert script");
            Path script = root.resolve("bench/.data/insert.sql");
            Files.writeString(script, "INSERT INTO bench.insert_baseline (k, payload) VALUES (md5(random()::text || clock_timestamp()::text), "
                    + "convert_to(repeat(md5(random()::text), 9), 'UTF8'));\n");
            List<Object> runs = new ArrayList<>();
            for (int c : levels) {
                Process p = new ProcessBuilder(pgb, "-n", "-h", "localhost", "-p", String.valueOf(pgPort), "-U", "postgres",
                        "-f", script.toString(), "-c", String.valueOf(c), "-j", String.valueOf(Math.min(c, 4)),
                        "-T", String.valueOf((int) Math.max(2, baselineSeconds)), "ledger")
                        .redirectErrorStream(true).start();
                p.getOutputStream().close();
                String out = new String(p.getInputStream().readAllBytes());
                p.waitFor(120, TimeUnit.SECONDS);
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("clients", c);
                r.put("tps", parseAfter(out, "tps = "));
                r.put("latencyMs", parseAfter(out, "latency average = "));
                r.put("loadAverage", loadavg());
                runs.add(r);
                log("  pgbench c=" + c + ": " + r.get("tps") + " tps");
            }
            b.put("pgbench", runs);
        }
        result.put("baseline", b);
    }

    void startCommand(Map<String, String> env) throws Exception {
        stack.command = stack.startService("command-side", commandJar, commandPort, env, commandArgs);
    }

    void startQuery() throws Exception {
        stack.query = stack.startService("query-side", queryJar, queryPort, Map.of(), queryJvmArgs, queryArgs);
    }

    /** Two whole workflows, one request at a time: warms both services up and leaves a finished resolution as template. */
    void seed() {
        for (int i = 0; i < 2; i++) {
            Load.Workflow wf = new Load.Workflow(SESSION);
            while (!wf.done()) {
                Answer r = wf.next(api, lag);
                if (!r.ok()) throw new IllegalStateException("seed workflow, " + wf.nextOp() + ": " + r.status() + " " + r.body());
            }
            template = wf.rid;
        }
    }

    /**
     * Load (the mix at 16 users, the lag probe and the stream reader on) until both services' JIT compilers have gone
     * quiet: each window of {@link #JIT_WINDOW_SECONDS} ends the warm-up when the compiler threads of each JVM used
     * less than {@link #JIT_QUIET_MS_PER_S} ms of CPU per second in it, or after {@code --jit-warmup-seconds} (default
     * 300). Without it the first levels measured the compilers: on 2 cores they shared the CPU with the load and still
     * used 240–670 ms of CPU a second in the command JVM two minutes after its start, and the same 1-user level gave
     * 16, 37 and 46 commands/s in three consecutive minutes (run 20261202-140638). Each window's figures are kept.
     */
    void warmUpJit() throws Exception {
        log("JIT warm-up: the mix at 16 users until both compilers are quiet (< " + JIT_QUIET_MS_PER_S + " ms/s), at most "
                + jitWarmupSeconds + " s");
        result.put("jitWarmup", untilCompilersQuiet(jitWarmupSeconds, () ->
                Load.closed(api, lag, SESSION, 16, 0, JIT_WINDOW_SECONDS, false, Load.Window.NONE)));
        waitForProjections(60);
    }

    /**
     * The open model's own JIT warm-up: windows of {@link #JIT_WINDOW_SECONDS} at its rate, with the lag probe and
     * the stream client, until both compilers are quiet as in {@link #warmUpJit()}. Without it the query JVM's
     * compiler threads used 269 ms of CPU a second in the measured open model (run 20261202-191005, per-thread CPU
     * from /proc), after the mix's warm-up had ended quiet: the live path (small batches, the probe's reads, the
     * stream's sends) is code the closed levels barely run.
     */
    Map<String, Object> warmUpOpenModel(double rate) throws Exception {
        log("open model JIT warm-up: " + Load.round(rate) + " req/s until both compilers are quiet, at most "
                + openJitWarmupSeconds + " s");
        try {
            return untilCompilersQuiet(openJitWarmupSeconds, () ->
                    Load.open(api, lag, SESSION, rate, 0, JIT_WINDOW_SECONDS, Load.Window.NONE));
        } finally {
            waitForProjections(60);
        }
    }

    private Map<String, Object> untilCompilersQuiet(double limitSeconds, Callable<Map<String, Object>> load) throws Exception {
        List<Object> windows = new ArrayList<>();
        long start = System.nanoTime();
        boolean quiet = false;
        lag.clear();
        lag.enabled = true;
        while (!quiet && (System.nanoTime() - start) / 1e9 < limitSeconds) {
            double c0 = Cpu.compilerMs(stack.command.pid()), q0 = Cpu.compilerMs(stack.query.pid());
            long t0 = System.nanoTime();
            Map<String, Object> r = load.call();
            double s = (System.nanoTime() - t0) / 1e9;
            double c = (Cpu.compilerMs(stack.command.pid()) - c0) / s, q = (Cpu.compilerMs(stack.query.pid()) - q0) / s;
            Map<String, Object> w = new LinkedHashMap<>();
            w.put("second", Load.round((System.nanoTime() - start) / 1e9));
            w.put("throughput", r.get("throughput"));
            w.put("commandCompilerMsPerSecond", Load.round(c));
            w.put("queryCompilerMsPerSecond", Load.round(q));
            windows.add(w);
            log("  " + w);
            quiet = c < JIT_QUIET_MS_PER_S && q < JIT_QUIET_MS_PER_S;
        }
        lag.enabled = false;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seconds", Load.round((System.nanoTime() - start) / 1e9));
        m.put("quiet", quiet);
        m.put("windows", windows);
        return m;
    }

    static final double JIT_WINDOW_SECONDS = 15;
    static final double JIT_QUIET_MS_PER_S = 50;

    void commands() throws Exception {
        Map<String, Object> c = new LinkedHashMap<>();
        List<Map<String, Object>> closed = new ArrayList<>();
        double peak = 0;
        Map<String, Object> lagAtOne = null;
        for (int users : levels) {
            log("commands, closed model, " + users + " users, " + levelSeconds + " s");
            lag.clear();
            lag.enabled = users == 1;
            String visibleAtStart = users == 1 ? prometheus() : "";
            Measured window = new Measured("c" + users).profiled();
            Map<String, Object> r = Load.closed(api, lag, SESSION, users, warmup, levelSeconds, false, window);
            lag.enabled = false;
            window.into(r);
            if (users == 1) {
                lagAtOne = lag.summary();
                lagAtOne.put("readModelVisible", visible(visibleAtStart, prometheus()));
            }
            r.put("loadAverage", loadavg());
            closed.add(r);
            peak = Math.max(peak, (double) r.get("throughput"));
            log("  " + r.get("throughput") + " req/s, p99 " + r.get("p99") + " ms, errors " + r.get("errors"));
            sampleMemory("commands c=" + users);
        }
        c.put("closed", closed);
        c.put("peakThroughput", peak);
        if (proposalUsers > 0) {
            log("commands, proposals only, closed model, " + proposalUsers + " users, " + levelSeconds + " s after " + warmup + " s warm-up");
            Measured window = new Measured("proposals-c" + proposalUsers).profiled();
            Map<String, Object> r = Load.closed(api, lag, SESSION, proposalUsers, warmup, levelSeconds, true, window);
            window.into(r);
            r.put("loadAverage", loadavg());
            c.put("proposals", r);
            log("  " + r.get("throughput") + " proposals/s, p99 " + r.get("p99") + " ms, errors " + r.get("errors"));
        }
        waitForProjections(60);
        if (openJitWarmupSeconds > 0) c.put("openJitWarmup", warmUpOpenModel(Math.max(1, peak / 2)));
        log("commands, open model at 50% of peak (" + Load.round(peak / 2) + " req/s), with projection lag, " + openSeconds + " s");
        // the lag, like the latency, only over the measured window: its warm-up drains what the phase before left
        // (the proposals' backlog in the audit log, the webhooks' outbox and the stream's client)
        lag.clear();
        String[] visibleAt = new String[2];
        Measured openWindow = new Measured("open").profiled();
        openWindow.lagWindow = lagWindow(visibleAt);
        Map<String, Object> open = Load.open(api, lag, SESSION, Math.max(1, peak / 2), Math.min(warmup, 20), openSeconds, openWindow);
        lag.enabled = false;
        String visibleAtStart = visibleAt[0];
        String visibleAtEnd = visibleAt[1] != null ? visibleAt[1] : prometheus();
        openWindow.into(open);
        open.put("loadAverage", loadavg());
        c.put("open", open);
        log("  p50 " + open.get("p50") + " p99 " + open.get("p99") + " ms, errors " + open.get("errors"));
        sampleMemory("open model");
        result.put("commands", c);
        Map<String, Object> lagResult = lag.summary();
        lagResult.put("readModelVisible", visible(visibleAtStart, visibleAtEnd));
        if (lagAtOne != null) lagResult.put("atOneUser", lagAtOne);
        result.put("lag", lagResult);
        log("  lag " + result.get("lag"));
        if (!openFractions.isEmpty()) c.put("openCurve", openCurve(peak));
        // correctness under load: every event should have its row in the audit log once the projection has caught up
        waitForProjections(60);
        Thread.sleep(2000);
        Map<String, Object> audit = new LinkedHashMap<>();
        audit.put("events", db.scalar("SELECT count(*) FROM ledger_write.domain_event_entry"));
        audit.put("auditRows", db.scalar("SELECT count(*) FROM ledger_read.audit_event"));
        audit.put("eventsWithoutAuditRow", db.scalar("SELECT count(*) FROM ledger_write.domain_event_entry e WHERE NOT EXISTS "
                + "(SELECT 1 FROM ledger_read.audit_event a WHERE a.event_id = e.event_identifier)"));
        audit.put("auditRowsWithWrongGlobalIndex", db.scalar("SELECT count(*) FROM ledger_read.audit_event a JOIN ledger_write.domain_event_entry e "
                + "ON e.event_identifier = a.event_id WHERE e.global_index <> a.global_index"));
        result.put("auditLogAfterLoad", audit);
        log("  audit log after the load: " + audit);
    }

    /**
     * The projection lag's window of an open model: the lag counts from its measured window's start to its end; when
     * {@code visibleAt} is given, the query side's metrics are kept at both ends (its {@code ledger.projection.visible}).
     */
    private Load.Window lagWindow(String[] visibleAt) {
        return new Load.Window() {
            public void opened() {
                lag.restart();
                lag.enabled = true;
                if (visibleAt != null) visibleAt[0] = prometheus();
            }

            public void closed(long commandsAnswered) {
                lag.enabled = false;
                if (visibleAt != null) visibleAt[1] = prometheus();
            }
        };
    }

    /**
     * The open model again at each of {@link #openFractions} of the peak, as long as the one at half of it, each with its
     * own warm-up, CPU window and projection lag (API and stream): the lag as a function of the load.
     */
    List<Object> openCurve(double peak) throws Exception {
        List<Object> curve = new ArrayList<>();
        for (double fraction : openFractions) {
            double rate = Math.max(1, peak * fraction);
            log("commands, open model at " + Load.round(fraction * 100) + "% of peak (" + Load.round(rate) + " req/s), with projection lag, "
                    + openSeconds + " s");
            waitForProjections(60);
            lag.clear();
            Measured window = new Measured("open-" + Math.round(fraction * 100));
            window.lagWindow = lagWindow(null);
            Map<String, Object> r = Load.open(api, lag, SESSION, rate, Math.min(warmup, 20), openSeconds, window);
            lag.enabled = false;
            window.into(r);
            r.put("fraction", fraction);
            r.put("loadAverage", loadavg());
            r.put("lag", lag.summary());
            log("  p50 " + r.get("p50") + " p99 " + r.get("p99") + " ms, lag " + r.get("lag"));
            curve.add(r);
        }
        return curve;
    }

    /**
     * The measured window of one level: CPU of each process at its start and end (per command answered), the load
     * average, and a JFR profile of the command side over the window (bench/results/RUN/command-LEVEL.jfr and its
     * summary .txt).
     */
    final class Measured implements Load.Window {
        final String name;
        Map<String, Double> cpuBefore;
        long t0;
        Map<String, Object> cpu;
        Map<String, Object> profile;
        /** the query JVM's, of the open model only */
        Map<String, Object> queryProfile;
        String loadAtStart;
        /** the projection lag's own window, opened and closed with this one (the open model) */
        Load.Window lagWindow;
        /** JFR recordings started ({@link #profiled()}), to be stopped and summarized when the window closes */
        boolean recording;
        /** --pg-statements: the open model's top statements and PostgreSQL's CPU by kind of process, per command */
        Map<String, Object> postgresStatements;

        Measured(String name) {
            this.name = name;
        }

        Map<String, Long> roots() {
            Map<String, Long> m = new LinkedHashMap<>();
            m.put("command", stack.command == null ? null : stack.command.pid());
            m.put("query", stack.query == null ? null : stack.query.pid());
            m.put("postgres", stack.postmasterPid());
            m.put("harness", ProcessHandle.current().pid());
            return m;
        }

        /**
         * Starts the JFR recordings before the load's warm-up, not when its measured window opens: each start is a
         * jcmd (a JVM of its own, ~0.5 s of CPU) attaching to a loaded service, and starting a recording makes the
         * service pause, both inside the first moments measured when they were started as the window opened (run
         * 173913: the open model's propose p99 942 ms, stream lag max 1,171 ms). The recordings now span warm-up and
         * window.
         */
        Measured profiled() {
            if (jfr) {
                recording = true;
                try {
                    Profile.start(stack.command.pid(), "bench-" + name);
                    // the open model at half of peak is also the live path's window: the query side's profile too
                    if (name.equals("open")) Profile.start(stack.query.pid(), "bench-query-" + name);
                } catch (Exception e) {
                    log("JFR could not start: " + e.getMessage());
                }
            }
            return this;
        }

        @Override
        public void opened() {
            loadAtStart = loadavg();
            // the CPU window first (run 160310's fix; JFR now starts before the warm-up, see profiled())
            cpuBefore = Cpu.sample(roots());
            t0 = System.nanoTime();
            if (lagWindow != null) lagWindow.opened();
            // the open model's window: which statements PostgreSQL spends its time on (--pg-statements)
            if (statements != null && lagWindow != null) {
                try {
                    statements.start(stack.postmasterPid());
                } catch (Exception e) {
                    log("pg_stat_statements could not start: " + e.getMessage());
                }
            }
        }

        @Override
        public void closed(long commands) {
            Map<String, Double> after = Cpu.sample(roots());
            if (lagWindow != null) lagWindow.closed(commands);
            double seconds = (System.nanoTime() - t0) / 1e9;
            cpu = Cpu.perCommand(cpuBefore, after, seconds, commands);
            if (statements != null && lagWindow != null && commands > 0) {
                try {
                    postgresStatements = statements.finish(stack.postmasterPid(), commands, 40);
                    log("  PostgreSQL CPU µs/command by process " + postgresStatements.get("cpuMicrosPerEventByKind")
                            + "; statements' execution " + postgresStatements.get("executionMicrosPerEvent") + " µs/command, top:");
                    for (Object o : (List<?>) postgresStatements.get("top")) log("    " + o);
                } catch (Exception e) {
                    log("pg_stat_statements could not be read: " + e.getMessage());
                }
            }
            if (recording) {
                Path file = root.resolve("bench/results/" + runId + "/command-" + name + ".jfr");
                try {
                    Profile.stop(stack.command.pid(), "bench-" + name, file);
                    profile = Profile.summarize(file);
                    profiles.put(name, profile);
                    if (name.equals("open")) {
                        Path query = root.resolve("bench/results/" + runId + "/query-" + name + ".jfr");
                        Profile.stop(stack.query.pid(), "bench-query-" + name, query);
                        queryProfile = Profile.summarize(query);
                    }
                } catch (Exception e) {
                    log("JFR profile failed: " + e.getMessage());
                }
            }
        }

        void into(Map<String, Object> r) {
            r.put("loadAverageAtStart", loadAtStart);
            if (cpu != null) r.put("cpu", cpu);
            if (profile != null) r.put("profile", profile);
            if (queryProfile != null) r.put("queryProfile", queryProfile);
            if (postgresStatements != null) r.put("postgresStatements", postgresStatements);
        }
    }

    /** Waits until the audit projection (which handles every event) has reached the event store's head. */
    void waitForProjections(int seconds) throws Exception {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        // the audit projection handles every event: its highest global index reaching the store's head means caught up
        // (its row COUNT may stay lower: see "auditLogMissing")
        long head = db.eventHead();
        while (db.auditHead() < head && System.nanoTime() < deadline) Thread.sleep(200);
        // and the verifiable log (every event a leaf), so that its catch-up does not run into what is measured next
        while (db.scalar("SELECT count(*) FROM ledger_read.log_leaf") < db.scalar("SELECT count(*) FROM ledger_write.domain_event_entry")
                && System.nanoTime() < deadline) Thread.sleep(200);
        // and the webhooks' outbox, which reads every event too (its token: Axon's gap-aware token as JSON)
        try {
            // a gap-aware token {"index": N, ...}, or a replay token whose currentToken is one
            while (db.scalar("SELECT COALESCE(max(COALESCE((t -> 'currentToken' ->> 'index')::bigint, (t ->> 'index')::bigint)), 0) "
                    + "FROM (SELECT convert_from(token, 'UTF8')::jsonb AS t FROM ledger_read.token_entry "
                    + "WHERE processor_name = 'webhooks') x") < head && System.nanoTime() < deadline) Thread.sleep(200);
        } catch (java.sql.SQLException unreadable) {
            log("the webhooks' token cannot be read (" + unreadable.getMessage() + "); not waiting for it");
        }
        Thread.sleep(500);
    }

    void replay() throws Exception {
        List<Object> runs = new ArrayList<>();
        for (long target : replayEvents) {
            waitForProjections(120);
            Map<String, long[]> before = db.fingerprint(null);
            Map<String, long[]> perCopy = db.fingerprint(template);
            long templateEvents = db.scalar("SELECT count(*) FROM ledger_write.domain_event_entry WHERE aggregate_identifier = '" + template + "'");
            log("replay to " + target + " events: stopping the query side");
            Stack.stop(stack.query);
            long head = db.scalar("SELECT count(*) FROM ledger_write.domain_event_entry");
            long copies = Math.max(0, (target - head + templateEvents - 1) / templateEvents);
            long t0 = System.nanoTime();
            db.copyResolution(template, head, copies, runId);
            double genSeconds = (System.nanoTime() - t0) / 1e9;
            long events = db.scalar("SELECT count(*) FROM ledger_write.domain_event_entry");
            log("  generated " + copies * templateEvents + " events (" + copies + " resolutions) in " + Load.round(genSeconds) + " s; "
                    + events + " in the store; reading the table in pages");
            db.exec("VACUUM ANALYZE ledger_write.domain_event_entry");
            Map<String, Object> cold = db.readRate(1000);
            Map<String, Object> warm = db.readRate(1000);
            Map<String, long[]> expected = new LinkedHashMap<>();
            before.forEach((t, v) -> expected.put(t, new long[]{v[0] + copies * perCopy.get(t)[0], v[1] + copies * perCopy.get(t)[1]}));
            expected.put("audit_event", new long[]{events, 0}); // one row per event (live, late commits can lose rows: auditLogAfterLoad)

            Map<String, Object> r = new LinkedHashMap<>();
            r.put("events", events);
            r.put("generatedEvents", copies * templateEvents);
            r.put("generateSeconds", Load.round(genSeconds));
            r.put("eventTableReadCold", cold);
            r.put("eventTableRead", warm);
            r.putAll(rebuild(events, expected, queryArgs));
            // the product's own rebuild, on the caught-up service: read-models beside the live generation and the
            // audit table in place, at once, through the admin API, as an operator runs it
            waitForProjections(120);
            // repeated (--online-repeats): the same rebuild again on the same warm service, to see the spread
            List<Object> warmups = new ArrayList<>();
            List<Object> repeats = new ArrayList<>();
            boolean warming = onlineWarmups > 0;
            while (repeats.size() < onlineRepeats) {
                // a settled database: the previous rebuild's deleted rows (the audit table is rebuilt in place, a
                // generation is emptied before it is built) vacuumed and the statistics fresh, as autovacuum leaves
                // them between two rebuilds of a real deployment, instead of its work running into this one
                db.exec("VACUUM ANALYZE");
                Thread.sleep(2000);
                double compiled0 = Cpu.compilerMs(stack.query.pid());
                long started = System.nanoTime();
                Map<String, Object> one = onlineRebuild(events);
                double compiling = (Cpu.compilerMs(stack.query.pid()) - compiled0)
                        / ((System.nanoTime() - started) / 1e9);
                one.put("queryCompilerMsPerSecond", Load.round(compiling));
                if (warming) {
                    warmups.add(one);
                    // at least --online-warmups, then on until the query JVM's compilers were quiet through a whole
                    // rebuild (as the commands' warm-up), at most MAX_ONLINE_WARMUPS
                    warming = warmups.size() < onlineWarmups
                            || (compiling >= JIT_QUIET_MS_PER_S && warmups.size() < MAX_ONLINE_WARMUPS);
                    log("  warm-up rebuild " + warmups.size() + ": " + one.get("eventsPerSecondUntilSwitched")
                            + " events/s until switched, query JIT " + Load.round(compiling)
                            + " ms/s (not measured)");
                } else {
                    repeats.add(one);
                }
                waitForProjections(120);
            }
            if (!warmups.isEmpty()) r.put("onlineWarmups", warmups);
            r.put("online", repeats.get(medianIndex(repeats)));
            if (repeats.size() > 1) r.put("onlineRepeats", repeats);
            runs.add(r);
            log("  replay of " + events + " events: " + r.get("eventsPerSecond") + " events/s (all projections), " + r.get("projections"));
            sampleMemory("after replay of " + events + " events");
            // the same rebuild again with other settings of the query side: same run, same events, comparable
            List<Object> variants = new ArrayList<>();
            for (String[] v : replayVariants) {
                log("  replay variant '" + v[0] + "': " + v[1]);
                Stack.stop(stack.query);
                List<String> args = new ArrayList<>(queryArgs);
                if (!v[1].isBlank()) args.addAll(Arrays.asList(v[1].trim().split("\\s+(?=--)")));
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("label", v[0]);
                x.put("queryArgs", args);
                x.putAll(rebuild(events, expected, args));
                variants.add(x);
                log("    " + x.get("eventsPerSecond") + " events/s, " + x.get("projections"));
            }
            if (!variants.isEmpty()) {
                r.put("variants", variants);
                Stack.stop(stack.query);
                stack.query = stack.startService("query-side", queryJar, queryPort, Map.of(), queryJvmArgs, queryArgs);
            }
        }
        result.put("replay", runs);
    }

    /** The query side's Prometheus page ("" if it cannot be read). */
    String prometheus() {
        var r = api.get(api.queryUrl, "role:admin", "/actuator/prometheus");
        return r.ok() ? r.body() : "";
    }

    /**
     * The query side's own view of the read models' freshness between two scrapes: its
     * {@code ledger.projection.visible} histogram (event time to the commit of the batch that handled it) of the
     * live read-models generation (the one that recorded the most).
     */
    static Map<String, Object> visible(String start, String end) {
        Map<String, Object> best = Map.of("samples", 0L);
        for (String generation : List.of("a", "b")) {
            String label = "processor_name=\"read-models-" + generation + "\"";
            Map<String, Object> w = PromHistogram.window(
                    PromHistogram.parse(start, "ledger_projection_visible_seconds", label),
                    PromHistogram.parse(end, "ledger_projection_visible_seconds", label));
            if (((Number) w.get("samples")).longValue() > ((Number) best.get("samples")).longValue()) {
                w.put("processor", "read-models-" + generation);
                best = w;
            }
        }
        return best;
    }

    /** The index of the run with the median rate (until switched) of several online rebuilds. */
    static int medianIndex(List<Object> runs) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) order.add(i);
        order.sort(java.util.Comparator.comparingLong(i -> ((Number) ((Map<?, ?>) runs.get(i)).get("eventsPerSecondUntilSwitched")).longValue()));
        return order.get(order.size() / 2);
    }

    /** Empties the read model, starts the query side with {@code args} and times every projection until caught up. */
    Map<String, Object> rebuild(long events, Map<String, long[]> expected, List<String> args) throws Exception {
        if (stack.query != null) Stack.stop(stack.query);
        List<String> tables = db.readTables();
        db.resetProjections(tables);
        log("  projections reset (" + tables + "); starting the query side");
        long start = System.nanoTime();
        // the profile must cover the start-up: the processors begin the rebuild before the service answers as ready
        String recording = "rebuild-" + events + (args.equals(queryArgs) ? "" : "-" + Math.abs(args.hashCode()));
        List<String> jvm = new ArrayList<>(queryJvmArgs);
        if (jfr) jvm.add("-XX:StartFlightRecording=name=rebuild,settings=profile");
        stack.query = stack.startService("query-side", queryJar, queryPort, Map.of(), jvm, args);
        long ready = System.nanoTime();
        // done = the audit projection (one row per event) at the head and no table of the read model changing for
        // 3 s; each table's time is the last moment its row count changed (polled every 100 ms)
        Map<String, Long> lastCount = new LinkedHashMap<>();
        Map<String, Long> lastChange = new LinkedHashMap<>();
        long firstRow = -1;
        cpuAtFirstRow = -1;
        long deadline = System.nanoTime() + (long) (replayLimitSeconds * 1e9);
        boolean finished = false;
        long lastLog = System.nanoTime();
        long poll = events > 200_000 ? 500 : 100;
        while (System.nanoTime() < deadline) {
            Map<String, Long> counts = db.counts(tables);
            long now = System.nanoTime();
            for (var e : counts.entrySet()) {
                if (!e.getValue().equals(lastCount.get(e.getKey()))) {
                    lastChange.put(e.getKey(), now);
                    lastCount.put(e.getKey(), e.getValue());
                    if (firstRow < 0 && e.getValue() > 0) {
                        firstRow = now;
                        cpuAtFirstRow = queryCpuSeconds();
                    }
                }
            }
            long newest = lastChange.values().stream().mapToLong(Long::longValue).max().orElse(now);
            if (firstRow > 0 && db.auditHead() >= db.eventHead() && now - newest > 3_000_000_000L
                    && reachedExpected(counts, expected)) {
                finished = true;
                break;
            }
            if (now - lastLog > 15_000_000_000L) {
                lastLog = now;
                log("  audit at " + db.auditHead() + " of " + db.eventHead());
            }
            Thread.sleep(poll);
        }
        if (firstRow < 0) firstRow = ready;
        Map<String, Object> r = new LinkedHashMap<>();
        if (jfr) {
            Path file = root.resolve("bench/results/" + runId + "/query-" + recording + ".jfr");
            try {
                Profile.stop(stack.query.pid(), "rebuild", file);
                r.put("profile", Profile.summarize(file));
            } catch (Exception e) {
                log("JFR profile of the rebuild failed: " + e.getMessage());
            }
        }
        r.put("finished", finished);
        r.put("queryStartSeconds", Load.round((ready - start) / 1e9));
        r.put("firstRowAfterStartSeconds", Load.round((firstRow - start) / 1e9));
        Map<String, Object> per = new LinkedHashMap<>();
        long last = firstRow;
        Map<String, List<String>> groups = new LinkedHashMap<>(Db.PROJECTION_TABLES);
        for (String t : tables) {
            if (groups.values().stream().noneMatch(ts -> ts.contains(t))) groups.put(t, List.of(t));
        }
        Map<String, long[]> finalPrint = db.fingerprint(null);
        double upTo = (System.nanoTime() - firstRow) / 1e9;
        for (var g : groups.entrySet()) {
            long at = firstRow;
            boolean verified = true;
            for (String t : g.getValue()) {
                at = Math.max(at, lastChange.getOrDefault(t, firstRow));
                if (expected.containsKey(t)) verified &= finalPrint.get(t)[0] == expected.get(t)[0];
            }
            double s = Math.max(0.001, (at - firstRow) / 1e9);
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("tables", g.getValue());
            x.put("seconds", Load.round(s));
            x.put("eventsPerSecond", Math.round(events / s));
            x.put("rowCountsAsExpected", Db.PROJECTION_TABLES.containsKey(g.getKey()) ? verified : "n/a");
            if (!finished && g.getKey().equals("audit")) {
                // not caught up within the time limit: the audit log (one row per event) tells how far it got
                x.put("seconds", Load.round(upTo));
                x.put("eventsPerSecond", Math.round(finalPrint.get("audit_event")[0] / upTo));
                x.put("eventsDone", finalPrint.get("audit_event")[0]);
            }
            last = Math.max(last, at);
            per.put(g.getKey(), x);
        }
        r.put("projections", per);
        double all = Math.max(0.001, (last - firstRow) / 1e9);
        r.put("allDoneSeconds", Load.round(all));
        r.put("eventsPerSecond", finished ? Math.round(events / all) : Math.round(finalPrint.get("audit_event")[0] / upTo));
        r.put("secondsFromProcessStart", Load.round((last - start) / 1e9));
        r.putAll(cpuPerEvent(events));
        r.put("loadAverage", loadavg());
        return r;
    }

    /**
     * The rebuild as the product runs it: {@code POST /api/admin/projections/{read-models,audit}/rebuild} on a running,
     * caught-up query side (the verifiable log and the webhooks' outbox are no read models and stay where they are).
     * read-models is built into its other generation while the live one answers, and switched once it has caught up
     * and old and new tables compare equal; audit is replayed in place. Timed from just before the first request
     * (its reset, which empties the tables, counts) to the moment each rebuild reports progress 1 (built, polled every
     * 100 ms: a request costs the query side a few ms of CPU) and to its {@code done_at} in the {@code rebuild} table
     * (switched: read-models after the tables' comparison; exact, no polling error); CPU of the query JVM and of
     * PostgreSQL from /proc over the same window.
     */
    Map<String, Object> onlineRebuild(long events) throws Exception {
        Map<String, Object> r = new LinkedHashMap<>();
        String admin = api.token("role:admin");
        String base = "http://localhost:" + queryPort + "/api/admin/projections/";
        Map<String, Long> roots = new LinkedHashMap<>();
        roots.put("query", stack.query.pid());
        roots.put("postgres", stack.postmasterPid());
        // one recording per rebuild (the repeats of one event count kept apart: the slow one is the one to read)
        String recording = "online-rebuild-" + events + "-" + (++onlineRebuilds);
        if (jfr) Profile.start(stack.query.pid(), recording);
        Map<String, Double> cpuBefore = Cpu.sample(roots);
        Map<String, Double> machineBefore = Cpu.machine();
        if (statements != null) statements.start(stack.postmasterPid());
        String walBefore = db.text("SELECT pg_current_wal_lsn()::text");
        long lastRebuild = db.scalar("SELECT coalesce(max(rebuild_id), 0) FROM ledger_read.rebuild");
        // the database's clock at the start, to time the rebuilds by their done_at
        long dbStartMicros = db.scalar("SELECT (extract(epoch FROM clock_timestamp()) * 1000000)::bigint");
        long t0 = System.nanoTime();
        for (String group : List.of("read-models", "audit")) {
            // right after a switch the old generation's processor lets go of its segments within seconds: until
            // then a new rebuild into it is refused (409), and asked again
            long askUntil = System.nanoTime() + 30_000_000_000L;
            while (true) {
                var answer = api.client.post(base + group + "/rebuild", admin, null, Map.of());
                if (answer.ok()) break;
                if (answer.status() != 409 || System.nanoTime() > askUntil) {
                    throw new IllegalStateException("rebuild of " + group + ": " + answer.status() + " " + answer.body());
                }
                Thread.sleep(500);
                t0 = System.nanoTime(); // refused: timed from the request that is accepted
                dbStartMicros = db.scalar("SELECT (extract(epoch FROM clock_timestamp()) * 1000000)::bigint");
            }
        }
        Map<String, Long> built = new LinkedHashMap<>();
        Map<String, Long> done = new LinkedHashMap<>();
        Map<String, com.fasterxml.jackson.databind.JsonNode> last = new LinkedHashMap<>();
        long deadline = t0 + (long) (replayLimitSeconds * 1e9);
        // polled in the database every 50 ms on one connection, not over HTTP: a status request costs the query side
        // a few ms of CPU (at 10 requests/s an eighth of its samples in the rebuild's JFR profile), and a connection
        // per poll costs PostgreSQL a backend's start each time
        try (Connection poll = db.connect()) {
            Map<String, String> processors = new LinkedHashMap<>();
            Map<String, Long> heads = new LinkedHashMap<>();
            while (done.size() < 2 && System.nanoTime() < deadline) {
                for (String group : List.of("read-models", "audit")) {
                    if (done.containsKey(group)) continue;
                    String state = null;
                    try (var st = poll.prepareStatement("SELECT state, generation, head_at_start FROM ledger_read.rebuild "
                            + "WHERE rebuild_id > ? AND group_name = ? ORDER BY rebuild_id DESC LIMIT 1")) {
                        st.setLong(1, lastRebuild);
                        st.setString(2, group);
                        try (var rs = st.executeQuery()) {
                            if (rs.next()) {
                                state = rs.getString(1);
                                processors.put(group, rs.getString(2) == null ? group : "read-models-" + rs.getString(2));
                                heads.put(group, rs.getLong(3));
                            }
                        }
                    }
                    long now = System.nanoTime();
                    if (!built.containsKey(group) && processors.containsKey(group)
                            && Db.furthestBehind(poll, processors.get(group)) >= heads.get(group)) {
                        built.put(group, now);
                    }
                    if ("DONE".equals(state)) {
                        built.putIfAbsent(group, now);
                        done.put(group, now);
                    }
                }
                Thread.sleep(50);
            }
        }
        for (String group : List.of("read-models", "audit")) {
            last.put(group, api.client.get(base + group, admin).json().path("rebuild"));
        }
        // the exact moments from the database: done_at of each rebuild (the polls above only say that it is done)
        Map<String, Double> doneAt = new LinkedHashMap<>();
        try (var c = db.connect(); var st = c.prepareStatement("SELECT group_name, "
                + "(extract(epoch FROM done_at) * 1000000)::bigint - ? FROM ledger_read.rebuild "
                + "WHERE rebuild_id > ? AND state = 'DONE'")) {
            st.setLong(1, dbStartMicros);
            st.setLong(2, lastRebuild);
            try (var rs = st.executeQuery()) {
                while (rs.next()) doneAt.put(rs.getString(1), rs.getLong(2) / 1e6);
            }
        }
        Map<String, Double> cpuAfter = Cpu.sample(roots);
        // idle and disk-waiting core-seconds of the whole machine meanwhile: a rebuild that was not short of CPU
        r.put("machine", Cpu.machineWindow(machineBefore, Cpu.machine()));
        long end = System.nanoTime();
        // what PostgreSQL wrote to its write-ahead log meanwhile (rows, index entries, the switch's comparison)
        long walBytes = db.scalar("SELECT (pg_current_wal_lsn() - '" + walBefore + "'::pg_lsn)::bigint");
        r.put("walBytesPerEvent", Math.round((double) walBytes / events));
        if (jfr) {
            Path file = root.resolve("bench/results/" + runId + "/query-" + recording + ".jfr");
            try {
                Profile.stop(stack.query.pid(), recording, file);
                r.put("profile", Profile.summarize(file));
            } catch (Exception e) {
                log("JFR profile of the online rebuild failed: " + e.getMessage());
            }
        }
        r.put("finished", done.size() == 2);
        for (String group : List.of("read-models", "audit")) {
            Map<String, Object> g = new LinkedHashMap<>();
            Long b = built.get(group), d = done.get(group);
            if (b != null) {
                g.put("builtSeconds", Load.round((b - t0) / 1e9));
                g.put("eventsPerSecond", Math.round(events / Math.max(0.001, (b - t0) / 1e9)));
            }
            if (doneAt.containsKey(group)) g.put("doneSeconds", Load.round(doneAt.get(group)));
            else if (d != null) g.put("doneSeconds", Load.round((d - t0) / 1e9));
            var view = last.get(group);
            if (view != null) {
                g.put("state", view.path("state").asText());
                if (view.has("match") && !view.get("match").isNull()) g.put("match", view.get("match").asBoolean());
                g.put("deadLetters", view.path("deadLetters").asLong());
            }
            r.put(group, g);
        }
        long lastBuilt = built.values().stream().mapToLong(Long::longValue).max().orElse(end);
        double seconds = Math.max(0.001, (lastBuilt - t0) / 1e9);
        r.put("allBuiltSeconds", Load.round(seconds));
        r.put("eventsPerSecond", built.size() == 2 ? Math.round(events / seconds) : 0);
        double lastDone = doneAt.size() == 2 ? doneAt.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow()
                : (done.values().stream().mapToLong(Long::longValue).max().orElse(end) - t0) / 1e9;
        r.put("allDoneSeconds", Load.round(lastDone));
        r.put("eventsPerSecondUntilSwitched", done.size() == 2 ? Math.round(events / Math.max(0.001, lastDone)) : 0);
        for (String p : List.of("query", "postgres")) {
            Double before = cpuBefore.get(p), after = cpuAfter.get(p);
            if (before != null && after != null) {
                r.put(p + "CpuSeconds", Load.round((after - before) / 1000));
                r.put(p + "CpuMicrosPerEvent", Load.round((after - before) * 1000 / events));
            }
        }
        if (statements != null) {
            Map<String, Object> pg = statements.finish(stack.postmasterPid(), events, 12);
            r.put("postgresStatements", pg);
            log("  PostgreSQL CPU µs/event by process " + pg.get("cpuMicrosPerEventByKind") + "; statements' execution "
                    + pg.get("executionMicrosPerEvent") + " µs/event, top:");
            for (Object o : (List<?>) pg.get("top")) log("    " + o);
        }
        r.put("loadAverage", loadavg());
        log("  online rebuild of " + events + " events: " + r.get("eventsPerSecond") + " events/s until built, "
                + r.get("eventsPerSecondUntilSwitched") + " until switched (read-models "
                + r.get("read-models") + ", audit " + r.get("audit") + "), CPU/event query " + r.get("queryCpuMicrosPerEvent")
                + " µs, PostgreSQL " + r.get("postgresCpuMicrosPerEvent") + " µs, machine " + r.get("machine"));
        return r;
    }

    /**
     * Whether every table with an expected row count has it. Projections write a whole batch at its commit, and under
     * load one batch can take longer than the 3 s of quiet that otherwise end the wait.
     */
    static boolean reachedExpected(Map<String, Long> counts, Map<String, long[]> expected) {
        for (var e : expected.entrySet()) {
            Long count = counts.get(e.getKey());
            if (count != null && count < e.getValue()[0]) {
                return false;
            }
        }
        return true;
    }

    /** CPU seconds (user + system) the query side had used when the rebuild wrote its first row. */
    private double cpuAtFirstRow = -1;

    /** The query side's CPU time per rebuilt event, from its first row to now (the 3 s idle tail costs ~nothing). */
    Map<String, Object> cpuPerEvent(long events) {
        Map<String, Object> r = new LinkedHashMap<>();
        double now = queryCpuSeconds();
        if (cpuAtFirstRow >= 0 && now >= cpuAtFirstRow && events > 0) {
            r.put("queryCpuSeconds", Load.round(now - cpuAtFirstRow));
            r.put("queryCpuMicrosPerEvent", Load.round((now - cpuAtFirstRow) * 1e6 / events));
        }
        return r;
    }

    /** utime + stime of the query-side process from /proc (clock ticks of 1/100 s on Linux). */
    double queryCpuSeconds() {
        try {
            String stat = Files.readString(Path.of("/proc/" + stack.query.pid() + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
        } catch (Exception e) {
            return -1;
        }
    }

    void aggregate() throws Exception {
        Map<String, Object> a = new LinkedHashMap<>();
        log("aggregate load: two resolutions with " + aggregateEvents + " events each");
        String withSnapshots = db.longResolution(template, aggregateEvents, runId + "/long/with");
        String without = db.longResolution(template, aggregateEvents, runId + "/long/without");
        String sponsor = sponsorOf(template);
        waitForProjections(120);
        a.put("events", aggregateEvents + 1);
        String threshold = System.getenv().getOrDefault("LEDGER_SNAPSHOT_THRESHOLD", "100");
        a.put("withSnapshots", amendSeries(withSnapshots, sponsor, "threshold " + threshold));
        log("  with snapshots: " + a.get("withSnapshots"));
        log("  restarting the command side without snapshots (LEDGER_SNAPSHOT_THRESHOLD=1000000000)");
        Stack.stop(stack.command);
        startCommand(Map.of("LEDGER_SNAPSHOT_THRESHOLD", "1000000000"));
        api.post(Api.CHAIR, "/api/sessions/" + SESSION + "/opening", null, null); // a request to warm up (answers 409)
        a.put("withoutSnapshots", amendSeries(without, sponsor, "threshold 1000000000 (off)"));
        log("  without snapshots: " + a.get("withoutSnapshots"));
        sampleMemory("aggregate load");
        result.put("aggregate", a);
    }

    String sponsorOf(String rid) throws Exception {
        try (var c = db.connect(); var st = c.createStatement();
             var rs = st.executeQuery("SELECT convert_from(payload, 'UTF8') FROM ledger_write.domain_event_entry WHERE aggregate_identifier = '"
                     + rid + "' AND sequence_number = 0")) {
            rs.next();
            return Api.JSON.readTree(rs.getString(1)).path("sponsor").asText();
        }
    }

    Map<String, Object> amendSeries(String rid, String sponsor, String setting) {
        long version = aggregateEvents + 1L;
        org.HdrHistogram.Histogram h = new org.HdrHistogram.Histogram(60_000_000L, 3);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("setting", setting);
        int errors = 0;
        for (int i = 0; i < aggregateCommands; i++) {
            Answer r = api.post(sponsor, "/api/resolutions/" + rid + "/amendments",
                    "{\"text\":\"Fassung " + (version + 1) + " eines langen Beschlusses.\",\"reason\":\"Lasttest\"}", version);
            if (!r.ok()) {
                errors++;
                m.put("lastError", r.status() + " " + r.body());
                continue;
            }
            version = r.json().path("version").asLong(version + 1);
            if (i == 0) m.put("firstMs", Load.round(r.nanos() / 1e6));
            else h.recordValue(Math.max(1, r.nanos() / 1000));
        }
        m.put("commands", aggregateCommands);
        m.putAll(Load.percentiles(h));
        m.put("errors", errors);
        return m;
    }

    // ---------------------------------------------------------------------------------------------------------------

    void sampleMemory(String phase) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("phase", phase);
        try {
            m.put("events", db.eventHead());
        } catch (Exception e) {
            m.put("events", -1);
        }
        m.put("commandHeapMB", mb(api.heapUsed(api.commandUrl)));
        m.put("commandLiveHeapMB", mb(liveHeap(stack.command, api.commandUrl)));
        m.put("commandRssMB", mb(Stack.rss(stack.command)));
        m.put("queryHeapMB", mb(api.heapUsed(api.queryUrl)));
        m.put("queryLiveHeapMB", mb(liveHeap(stack.query, api.queryUrl)));
        m.put("queryRssMB", mb(Stack.rss(stack.query)));
        m.put("loadAverage", loadavg());
        memory.add(m);
        loadSample(phase);
    }

    /** Heap used right after a full GC (jcmd GC.run on the service's pid): what the service really keeps. */
    long liveHeap(Child p, String url) {
        try {
            Process j = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), String.valueOf(p.pid()), "GC.run")
                    .redirectErrorStream(true).start();
            j.getInputStream().readAllBytes();
            j.waitFor(30, TimeUnit.SECONDS);
            return api.heapUsed(url);
        } catch (Exception e) {
            return -1;
        }
    }

    void loadSample(String phase) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("phase", phase);
        m.put("loadAverage", loadavg());
        loads.add(m);
    }

    static double mb(long bytes) {
        return bytes < 0 ? -1 : Load.round(bytes / 1048576.0);
    }

    void write() throws Exception {
        Path out = root.resolve("bench/results");
        Files.createDirectories(out);
        Path json = out.resolve(runId + ".json");
        Files.writeString(json, Api.JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(result) + "\n");
        String md = Report.markdown(result);
        Files.writeString(out.resolve(runId + ".md"), md);
        if (writeBenchmarksMd) {
            Path bm = root.resolve("BENCHMARKS.md");
            if (Files.exists(bm)) {
                String text = Files.readString(bm);
                int a = text.indexOf(Report.BEGIN);
                int b = text.indexOf(Report.END);
                if (a >= 0 && b > a) {
                    text = text.substring(0, a + Report.BEGIN.length()) + "\n" + md + "\n" + text.substring(b);
                    Files.writeString(bm, text);
                }
            }
        }
        log("results: " + json + " and " + out.resolve(runId + ".md"));
        System.out.println(md);
    }

    // ---------------------------------------------------------------------------------------------------------------

    static String loadavg() {
        try {
            String[] p = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return p[0] + " " + p[1] + " " + p[2];
        } catch (Exception e) {
            return "n/a";
        }
    }

    static String cpuModel() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("model name")).findFirst().map(l -> l.replaceAll(".*:\\s*", "")).orElse("n/a");
        } catch (Exception e) {
            return "n/a";
        }
    }

    static String memTotal() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/meminfo"))) {
            return lines.filter(l -> l.startsWith("MemTotal")).findFirst().map(l -> l.replaceAll(".*:\\s*", "")).orElse("n/a");
        } catch (Exception e) {
            return "n/a";
        }
    }

    String git(String... args) {
        try {
            List<String> cmd = new ArrayList<>(List.of("git", "-C", root.toString()));
            cmd.addAll(List.of(args));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            p.waitFor();
            return out;
        } catch (Exception e) {
            return "n/a";
        }
    }

    static String findPgbench() {
        for (String p : List.of("/usr/bin/pgbench", "/usr/lib/postgresql/17/bin/pgbench", "/usr/lib/postgresql/16/bin/pgbench",
                "/usr/lib/postgresql/15/bin/pgbench")) {
            if (Files.isExecutable(Path.of(p))) return p;
        }
        return null;
    }

    static Object parseAfter(String out, String marker) {
        int i = out.indexOf(marker);
        if (i < 0) return null;
        String rest = out.substring(i + marker.length()).trim().split("\\s")[0];
        try {
            return Double.parseDouble(rest);
        } catch (NumberFormatException e) {
            return rest;
        }
    }

    static void deleteTree(Path p) throws Exception {
        if (!Files.exists(p)) return;
        try (Stream<Path> s = Files.walk(p)) {
            s.sorted(Comparator.reverseOrder()).forEach(x -> x.toFile().delete());
        }
    }
}
