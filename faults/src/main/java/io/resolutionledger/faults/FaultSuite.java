package io.resolutionledger.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.resolutionledger.testkit.JsonHttp.Answer;
import io.resolutionledger.testkit.ProcessStack.Child;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The process-level fault suite (issue 7): real service processes and a real, durable PostgreSQL, killed and
 * stopped for real; every check reads the event store and the read model directly. See README, "Fault and abuse
 * suite". Exit code 1 only when an invariant was broken; a scenario that could not run is reported as ERROR.
 */
public final class FaultSuite {

    static final String SESSION = "faults-2024";
    static final String CHAIR = "DE-BE";
    static final String CO_CHAIR = "DE-BB";

    record Sizes(int crashKills, int crashResolutions, int crashProposals, int clients, int dbDownSeconds,
                 int dbDownOps, int gapHoldSeconds, int gaps, int projectionKills, int raceVoters, int raceAmendRounds,
                 int raceAmenders, int handoverYears, int twinRequests) {
        static Sizes of(boolean longRun) {
            return longRun
                    ? new Sizes(8, 8, 120, 8, 45, 400, 30, 3, 4, 4, 8, 6, 3, 8)
                    : new Sizes(3, 3, 24, 4, 12, 100, 6, 1, 1, 2, 3, 4, 1, 4);
        }
    }

    final Path root;
    final Stack stack;
    final Api api;
    final Db db;
    final Sizes sizes;
    final boolean longRun;
    final Report report = new Report();
    Child commandA, commandB, queryA, queryB;
    final List<Load.Op> allOps = Collections.synchronizedList(new ArrayList<>());
    int faultsInjected;

    /** A run over {@code work} (emptied first), PostgreSQL on {@code pgPort}; the long set's sizes when {@code longRun}. */
    public FaultSuite(Path root, Path work, int pgPort, boolean longRun) throws Exception {
        deleteTree(work);
        Files.createDirectories(work);
        this.root = root;
        this.longRun = longRun;
        this.sizes = Sizes.of(longRun);
        this.stack = new Stack(root, work, pgPort);
        this.api = new Api();
        this.db = new Db(stack.jdbcUrl());
    }

    private long started;

    /** The stack of the run: PostgreSQL, two command-side and two query-side instances, the conference set up. */
    public void start(int basePort) throws Exception {
        started = System.nanoTime();
        report.mode = longRun ? "long" : "short";
        report.startedAt = Instant.now().toString();
        String commandJar = "faults/target/jars/command-side.jar";
        String queryJar = "faults/target/jars/query-side.jar";
        log("PostgreSQL (durable, LocalPostgres) on port " + stack.pgPort + ", data in " + stack.pgData);
        stack.startPostgres();
        commandA = stack.service("command-a", commandJar, basePort, Map.of());
        commandB = stack.service("command-b", commandJar, basePort + 2, Map.of());
        queryA = stack.service("query-a", queryJar, basePort + 1, new HashMap<>());
        queryB = stack.service("query-b", queryJar, basePort + 3, new HashMap<>());
        log("starting command-a (Flyway creates the event store)");
        commandA.start(Stack.START);
        log("starting command-b, query-a, query-b together");
        commandB.launch();
        queryA.launch();
        queryB.launch();
        commandB.awaitReady(Stack.START);
        queryA.awaitReady(Stack.START);
        queryB.awaitReady(Stack.START);
        report.setup.put("service start-up", "4 instances ready after " + seconds(started) + " s");
        setUpConference();
    }

    /**
     * The invariants over the whole run (every acknowledged command in the store, the store itself), the totals, and
     * the report (faults/target/report.md and .json); answers the violations over the whole run.
     */
    public List<String> finish() throws Exception {
        report.totals.put("faults injected", faultsInjected);
        report.totals.put("commands sent by the suite", allOps.size());
        report.totals.put("commands acknowledged (2xx)", allOps.stream().filter(Load.Op::acknowledged).count());
        List<Db.Event> events = db.events();
        Invariants whole = new Invariants().acknowledged(allOps, events).store(events);
        report.totals.put("events in the store", events.size());
        report.totals.put("acknowledged commands found in the event store", whole.counts.get("acknowledged commands found in the event store"));
        report.totals.put("dead letters", db.deadLetters());
        report.finalViolations.addAll(whole.violations);
        report.totals.put("duration (s)", seconds(started));
        Path out = root.resolve("faults/target");
        report.write(out.resolve("report.md"), out.resolve("report.json"));
        log("report: " + out.resolve("report.md"));
        System.out.println(Files.readString(out.resolve("report.md")));
        return List.copyOf(report.finalViolations);
    }

    /** Stops every process the run started (PostgreSQL last). */
    public void stop() {
        stack.stopAll();
    }

    public interface Body {
        void run(Report.Scenario s) throws Exception;
    }

    /** Runs one scenario: HELD, BROKEN (an invariant broke: its violations say which) or ERROR (it could not complete). */
    public Report.Scenario scenario(int number, String title, Body body) {
        Report.Scenario s = report.scenario(number, title);
        long t0 = System.nanoTime();
        log("scenario " + number + ": " + title);
        try {
            body.run(s);
            s.status = s.violations.isEmpty() ? "HELD" : "BROKEN";
        } catch (Exception | AssertionError e) {
            s.status = s.violations.isEmpty() ? "ERROR" : "BROKEN";
            s.notes.add("could not complete: " + e);
            e.printStackTrace();
        }
        s.seconds = seconds(t0);
        log("scenario " + number + ": " + s.status + " in " + s.seconds + " s " + s.violations);
        return s;
    }

    // ------------------------------------------------------------------------------------------------ set-up

    void setUpConference() {
        Answer chair = once(commandA, "role:admin", "/api/chair/handovers",
                "{\"year\":2024,\"to\":[\"" + CHAIR + "\",\"" + CO_CHAIR + "\"],\"effectiveFrom\":\"2024-01-01\"}", null);
        require(chair, "first chair");
        require(once(commandA, CHAIR, "/api/sessions", "{\"sessionId\":\"" + SESSION + "\",\"number\":1,\"kind\":\"REGULAR\","
                + "\"date\":\"2024-04-19\",\"place\":\"Fault suite\"}", null), "session");
        require(once(commandA, CHAIR, "/api/sessions/" + SESSION + "/opening", null, null), "session opening");
    }

    /** One request, retried with its key until it gets a final answer (bounded); counted in the totals. */
    Answer once(Child target, String who, String path, String body, Long ifMatch) {
        Load.Op op = new Load.Op(Load.Kind.OTHER, who, path, body, ifMatch, target::url);
        allOps.add(op);
        new Load(api, 300).execute(op);
        return op.answer;
    }

    static void require(Answer r, String what) {
        if (r == null || !r.ok()) {
            throw new IllegalStateException(what + " failed: " + (r == null ? "no answer" : r.status() + " " + r.body()));
        }
    }

    String propose(Child target, String sponsor, String title) {
        Answer r = once(target, sponsor, "/api/resolutions", proposalBody(title), null);
        require(r, "proposal");
        return r.json().path("resolutionId").asText();
    }

    static String proposalBody(String title) {
        return "{\"sessionId\":\"" + SESSION + "\",\"title\":\"" + title + "\",\"text\":\"Die DMK prüft " + title
                + ".\",\"topics\":[\"faults\"],\"coSponsors\":[]}";
    }

    /** A resolution with its vote opened by the chair: ready for votes. */
    String votable(Child target, String sponsor, String title) {
        String id = propose(target, sponsor, title);
        require(once(target, CHAIR, "/api/resolutions/" + id + "/voting", null, null), "opening the vote");
        return id;
    }

    // ------------------------------------------------------------------------------------------------ 1 crash

    void crash(Report.Scenario s) throws Exception {
        List<String> resolutions = new ArrayList<>();
        for (int i = 0; i < sizes.crashResolutions(); i++) {
            resolutions.add(votable(commandA, Api.LANDER.get(i % 16), "Absturz " + i));
        }
        List<Load.Op> ops = new ArrayList<>();
        Supplier<String> target = commandA::url;
        for (String r : resolutions) {
            for (String land : Api.LANDER) {
                ops.add(new Load.Op(Load.Kind.VOTE, land, "/api/resolutions/" + r + "/votes", "{\"choice\":\"YES\"}", null, target));
            }
        }
        for (int i = 0; i < sizes.crashProposals(); i++) {
            ops.add(new Load.Op(Load.Kind.PROPOSE, Api.LANDER.get(i % 16), "/api/resolutions", proposalBody("Last " + i), null, target));
        }
        Collections.shuffle(ops);
        Load load = new Load(api, 900);
        ops.forEach(load::add);
        allOps.addAll(ops);
        load.start(sizes.clients());
        int kills = 0;
        List<String> restarts = new ArrayList<>();
        for (int k = 1; k <= sizes.crashKills(); k++) {
            int threshold = ops.size() * k / (sizes.crashKills() + 1);
            long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(600);
            while (load.done.get() < threshold && System.nanoTime() < waitUntil) Thread.sleep(100);
            if (load.done.get() >= ops.size()) break;
            commandA.kill9();
            kills++;
            faultsInjected++;
            long t0 = System.nanoTime();
            commandA.start(Stack.START);
            restarts.add(seconds(t0) + " s");
            log("  kill -9 #" + k + " of command-a at " + load.done.get() + "/" + ops.size() + " requests; back after " + seconds(t0) + " s");
        }
        if (!load.await()) s.violations.add("some requests got no final answer before the deadline");
        s.counts.put("kill -9 of the command side", kills);
        s.counts.put("restart times", restarts);
        s.counts.put("requests", ops.size());
        s.counts.putAll(load.seen.counts());
        List<Db.Event> events = db.events();
        Invariants inv = new Invariants().acknowledged(ops, events).store(events);
        s.counts.putAll(inv.counts);
        s.violations.addAll(inv.violations);
        if (kills < sizes.crashKills()) s.notes.add("only " + kills + " kills: the load finished first");
        if (awaitCaughtUp(s, "after the crashes")) checkAudit(s);
        s.notes.add("clients retried unanswered/5xx requests with the same Idempotency-Key and body; each attempt had its own X-Correlation-Id");
    }

    // ------------------------------------------------------------------------------------------------ 5 gap

    void slowCommitGap(Report.Scenario s) throws Exception {
        awaitCaughtUp(s, "before the gap");
        List<String> lateIds = new ArrayList<>();
        int projectedWhileOpen = 0;
        for (int g = 0; g < sizes.gaps(); g++) {
            Held held = holdProposal("Spaete Buchung " + g);
            String newId = held.resolutionId();
            long heldIndex = held.index();
            try (Connection c = held.connection()) {
                faultsInjected++;
                long holdUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(sizes.gapHoldSeconds());
                // others commit after it while it is held
                Load load = new Load(api, 300);
                for (int i = 0; i < 6; i++) {
                    load.add(new Load.Op(Load.Kind.PROPOSE, Api.LANDER.get((i + g) % 16), "/api/resolutions",
                            proposalBody("Nach der Luecke " + g + "-" + i), null, commandA::url));
                }
                allOps.addAll(load.all);
                load.start(2);
                load.await();
                long after = db.scalar("SELECT count(*) FROM ledger_write.domain_event_entry WHERE global_index > " + heldIndex);
                // the later events are projected while the gap is still open
                long waitEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(Math.max(sizes.gapHoldSeconds(), 5));
                long seenAfter = 0;
                while (System.nanoTime() < Math.max(waitEnd, holdUntil)) {
                    seenAfter = db.scalar("SELECT count(*) FROM ledger_read.audit_event WHERE global_index > " + heldIndex);
                    if (seenAfter >= after && System.nanoTime() >= holdUntil) break;
                    Thread.sleep(200);
                }
                if (seenAfter > 0) projectedWhileOpen++;
                s.counts.put("gap " + g + ": held global index", heldIndex);
                s.counts.put("gap " + g + ": events committed after it while held", after);
                s.counts.put("gap " + g + ": of them projected while it was held", seenAfter);
                c.commit();
            }
            lateIds.add(newId);
            long t0 = System.nanoTime();
            boolean seen = poll(180, () -> {
                try {
                    return db.scalar("SELECT count(*) FROM ledger_read.resolution WHERE resolution_id = '" + newId + "'") == 1
                            && db.scalar("SELECT count(*) FROM ledger_read.stats_resolution WHERE resolution_id = '" + newId + "'") == 1
                            && db.scalar("SELECT count(*) FROM ledger_read.session_agenda_item WHERE resolution_id = '" + newId + "'") == 1;
                } catch (Exception e) {
                    return false;
                }
            });
            awaitCaughtUp(s, "after the late commit");
            long audited = db.scalar("SELECT count(*) FROM ledger_read.audit_event a JOIN ledger_write.domain_event_entry e"
                    + " ON e.event_identifier = a.event_id AND e.global_index = a.global_index WHERE e.global_index = " + heldIndex);
            // the verifiable log waits for a missing global index (LEDGER_LOG_GAP_GRACE, 10 s) before it goes on
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(120);
            long chained = 0;
            while (System.nanoTime() < deadline
                    && (chained = db.scalar("SELECT count(*) FROM ledger_read.log_leaf WHERE global_index = " + heldIndex)) != 1) {
                Thread.sleep(200);
            }
            long inOrder = db.scalar("SELECT count(*) FROM ledger_read.log_leaf a JOIN ledger_read.log_leaf b"
                    + " ON b.log_index = a.log_index + 1 WHERE a.global_index > b.global_index");
            s.counts.put("gap " + g + ": late event in the audit projection under its own index", audited);
            s.counts.put("gap " + g + ": late event a leaf of the log", chained);
            if (chained != 1) s.violations.add("late event at global index " + heldIndex + " not a leaf of the verifiable log");
            if (inOrder != 0) s.violations.add("the log's leaves are not in global-index order (" + inOrder + " inversions)");
            if (audited != 1) auditReported.add(heldIndex);
            if (audited != 1) bug(s, AUDIT_INDEX_BUG, "late event at global index " + heldIndex + " missing from the audit projection; " + AUDIT_INDEX_BUG_TEXT);
            if (!seen) {
                s.violations.add("late event at global index " + heldIndex + " (resolution " + newId + ") not in the resolutions,"
                        + " stats and sessions projections within 180 s of its commit: skipped");
            } else {
                s.counts.put("gap " + g + ": projected after commit (s)", seconds(t0));
                Answer r = api.get(queryA.url(), "role:admin", "/api/resolutions/" + newId);
                s.counts.put("gap " + g + ": GET /api/resolutions/{late id} on the query side", r.status());
            }
        }
        s.counts.put("gaps held open", sizes.gaps());
        s.counts.put("gaps whose later events were projected while they were open", projectedWhileOpen);
        s.counts.put("hold time per gap (s)", sizes.gapHoldSeconds());
        if (awaitCaughtUp(s, "after the gaps")) checkAudit(s);
    }

    static String revisionOf(Db.Event e) {
        return e.revision();
    }

    // ------------------------------------------------------------------------------------------------ 3 db down

    void databaseDown(Report.Scenario s) throws Exception {
        List<String> resolutions = new ArrayList<>();
        int rounds = Math.max(1, sizes.dbDownOps() / 20);
        for (int i = 0; i < rounds; i++) {
            resolutions.add(votable(i % 2 == 0 ? commandA : commandB, Api.LANDER.get((i + 5) % 16), "Ausfall " + i));
        }
        long pidA = commandA.pid(), pidB = commandB.pid(), pidQA = queryA.pid(), pidQB = queryB.pid();
        List<Load.Op> ops = new ArrayList<>();
        AtomicInteger rr = new AtomicInteger();
        Supplier<String> target = () -> rr.getAndIncrement() % 2 == 0 ? commandA.url() : commandB.url();
        for (String r : resolutions) {
            for (String land : Api.LANDER) {
                ops.add(new Load.Op(Load.Kind.VOTE, land, "/api/resolutions/" + r + "/votes", "{\"choice\":\"YES\"}", null, target));
            }
        }
        for (int i = 0; ops.size() < sizes.dbDownOps() + resolutions.size() * 16 / 2; i++) {
            ops.add(new Load.Op(Load.Kind.PROPOSE, Api.LANDER.get(i % 16), "/api/resolutions", proposalBody("Ausfall-Last " + i), null, target));
        }
        Collections.shuffle(ops);
        Load load = new Load(api, 900);
        load.pauseMillis = 200;
        ops.forEach(load::add);
        allOps.addAll(ops);
        // a load that does not finish before the database is back: each client paces itself
        load.start(sizes.clients());
        poll(300, () -> load.done.get() >= Math.min(5, ops.size() / 4));
        Load.Seen before = snapshot(load);
        stack.stopPostgresImmediately();
        faultsInjected++;
        long downAt = System.nanoTime();
        log("  PostgreSQL stopped (immediate) at " + load.done.get() + "/" + ops.size() + " requests");
        // probe both command sides while it is down: each answer must come within the bound and be a 503
        Map<Integer, Integer> probeStatuses = new TreeMap<>();
        int probes = 0, probesWithRetryAfter = 0;
        long maxProbeMillis = 0;
        while (System.nanoTime() - downAt < TimeUnit.SECONDS.toNanos(sizes.dbDownSeconds())) {
            for (Child c : List.of(commandA, commandB)) {
                Answer r = api.post(c.url(), "DE-HH", "/api/resolutions", proposalBody("Waehrend des Ausfalls"), null,
                        UUID.randomUUID().toString(), UUID.randomUUID().toString());
                probes++;
                probeStatuses.merge(r.status(), 1, Integer::sum);
                maxProbeMillis = Math.max(maxProbeMillis, r.millis());
                if (r.status() == 503 && r.retryAfter() != null) probesWithRetryAfter++;
                if (r.ok()) s.violations.add("a command was acknowledged while PostgreSQL was down: " + r.body());
                if (r.status() >= 500 && r.status() != 503) s.violations.add(c.name() + " answered " + r.status() + " while PostgreSQL was down: " + Load.abbreviate(r.body()));
                if (r.unanswered()) s.violations.add(c.name() + " gave no answer within " + Api.REQUEST_TIMEOUT.toSeconds() + " s while PostgreSQL was down: " + r.body());
            }
            Thread.sleep(500);
        }
        s.counts.put("probe requests while down", probes);
        s.counts.put("probe answers by status", probeStatuses);
        s.counts.put("probe 503 answers with Retry-After", probesWithRetryAfter);
        s.counts.put("slowest probe answer (ms)", maxProbeMillis);
        if (probesWithRetryAfter == 0) s.violations.add("no 503 with Retry-After while PostgreSQL was down");
        // the query side's reads while the database is down: 503 (or an answer), within the bound, never a 500
        Map<String, Integer> queryStatuses = new TreeMap<>();
        for (Child q : List.of(queryA, queryB)) {
            for (String path : List.of("/api/stats", "/api/resolutions", "/api/sessions/" + SESSION)) {
                Answer r = api.get(q.url(), "role:admin", path);
                queryStatuses.merge(path + " " + r.status(), 1, Integer::sum);
                if (r.unanswered()) s.violations.add(q.name() + " GET " + path + " gave no answer within " + Api.REQUEST_TIMEOUT.toSeconds() + " s while PostgreSQL was down");
                if (r.status() >= 500 && r.status() != 503) {
                    bug(s, QUERY_500_BUG, q.name() + " GET " + path + " answered " + r.status() + " while PostgreSQL was down; " + QUERY_500_BUG_TEXT);
                }
            }
        }
        s.counts.put("query side reads while down (path status: count)", queryStatuses);
        stack.startPostgres();
        log("  PostgreSQL started again after " + seconds(downAt) + " s");
        s.counts.put("PostgreSQL down for (s)", seconds(downAt));
        if (!load.await()) s.violations.add("some requests got no final answer within 15 min");
        s.counts.put("requests", ops.size());
        s.counts.putAll(load.seen.counts());
        s.counts.put("requests acknowledged before the stop", before.attempts.get());
        if (load.seen.status5xxOther.get() > 0) s.violations.add("clients got " + load.seen.status5xxOther.get() + " 5xx answers other than 503: " + load.seen.samples5xx);
        if (load.seen.status503WithoutRetryAfter.get() > 0) s.violations.add(load.seen.status503WithoutRetryAfter.get() + " 503 answers without Retry-After");
        if (load.seen.timedOut.get() > 0) s.violations.add(load.seen.timedOut.get() + " requests hung beyond " + Api.REQUEST_TIMEOUT.toSeconds() + " s");
        // recovered by themselves: same processes, ready again, processors resume
        for (Child svc : List.of(commandA, commandB, queryA, queryB)) {
            long expected = svc == commandA ? pidA : svc == commandB ? pidB : svc == queryA ? pidQA : pidQB;
            if (svc.pid() != expected || !svc.alive()) s.violations.add(svc.name() + " did not survive the outage (restarted or died)");
            if (!poll(180, svc::ready)) s.violations.add(svc.name() + " not ready 180 s after PostgreSQL came back");
        }
        long t0 = System.nanoTime();
        if (awaitCaughtUp(s, "after the outage")) {
            s.counts.put("processors caught up after the restart of PostgreSQL (s)", seconds(t0));
            checkAudit(s);
        }
        List<Db.Event> events = db.events();
        Invariants inv = new Invariants().acknowledged(ops, events).store(events);
        s.counts.putAll(inv.counts);
        s.violations.addAll(inv.violations);
    }

    /** The command side's ledger.commands.timeout (its default) plus the time to answer. */
    static final long HANG_ANSWER_BOUND_MILLIS = 15_000;

    void databaseHangs(Report.Scenario s) throws Exception {
        // all four instances hang together: start any an earlier scenario left stopped (scenario 2 keeps one query side)
        for (Child svc : List.of(commandA, commandB, queryA, queryB)) {
            if (!svc.alive()) {
                log("  starting " + svc.name() + " again (an earlier scenario stopped it)");
                svc.start(Stack.START);
            }
        }
        List<String> resolutions = new ArrayList<>();
        int rounds = Math.max(1, sizes.dbDownOps() / 40);
        for (int i = 0; i < rounds; i++) {
            resolutions.add(votable(i % 2 == 0 ? commandA : commandB, Api.LANDER.get((i + 9) % 16), "Stillstand " + i));
        }
        long pidA = commandA.pid(), pidB = commandB.pid(), pidQA = queryA.pid(), pidQB = queryB.pid();
        List<Load.Op> ops = new ArrayList<>();
        AtomicInteger rr = new AtomicInteger();
        Supplier<String> target = () -> rr.getAndIncrement() % 2 == 0 ? commandA.url() : commandB.url();
        for (String r : resolutions) {
            for (String land : Api.LANDER) {
                ops.add(new Load.Op(Load.Kind.VOTE, land, "/api/resolutions/" + r + "/votes", "{\"choice\":\"YES\"}", null, target));
            }
        }
        for (int i = 0; ops.size() < sizes.dbDownOps() / 2 + resolutions.size() * 16; i++) {
            ops.add(new Load.Op(Load.Kind.PROPOSE, Api.LANDER.get(i % 16), "/api/resolutions", proposalBody("Stillstand-Last " + i), null, target));
        }
        Collections.shuffle(ops);
        Load load = new Load(api, 900);
        load.pauseMillis = 200;
        ops.forEach(load::add);
        allOps.addAll(ops);
        load.start(sizes.clients());
        poll(300, () -> load.done.get() >= Math.min(5, ops.size() / 4));
        List<Long> paused = stack.pausePostgres();
        faultsInjected++;
        long hungAt = System.nanoTime();
        log("  PostgreSQL paused (SIGSTOP of " + paused.size() + " processes) at " + load.done.get() + "/" + ops.size() + " requests");
        // the query side's reads while it hangs, alongside: each must be answered (503 or an answer), never a 500
        Map<String, Integer> queryStatuses = new java.util.concurrent.ConcurrentSkipListMap<>();
        List<String> queryViolations = java.util.Collections.synchronizedList(new ArrayList<>());
        Thread reads = new Thread(() -> {
            for (Child q : List.of(queryA, queryB)) {
                for (String path : List.of("/api/stats", "/api/resolutions")) {
                    Answer r = api.get(q.url(), "role:admin", path);
                    queryStatuses.merge(path + " " + r.status(), 1, Integer::sum);
                    if (r.unanswered()) queryViolations.add(q.name() + " GET " + path + " gave no answer within " + Api.REQUEST_TIMEOUT.toSeconds() + " s while PostgreSQL hung");
                    if (r.status() >= 500 && r.status() != 503) queryViolations.add(q.name() + " GET " + path + " answered " + r.status() + " while PostgreSQL hung");
                }
            }
        }, "hang-reads");
        reads.start();
        Map<Integer, Integer> probeStatuses = new TreeMap<>();
        int probes = 0, probesWithRetryAfter = 0;
        long maxProbeMillis = 0;
        do {
            for (Child c : List.of(commandA, commandB)) {
                Answer r = api.post(c.url(), "DE-HH", "/api/resolutions", proposalBody("Waehrend des Stillstands"), null,
                        UUID.randomUUID().toString(), UUID.randomUUID().toString());
                probes++;
                probeStatuses.merge(r.status(), 1, Integer::sum);
                maxProbeMillis = Math.max(maxProbeMillis, r.millis());
                if (r.status() == 503 && r.retryAfter() != null) probesWithRetryAfter++;
                if (r.ok()) s.violations.add("a command was acknowledged while PostgreSQL hung: " + r.body());
                if (r.status() >= 500 && r.status() != 503) s.violations.add(c.name() + " answered " + r.status() + " while PostgreSQL hung: " + Load.abbreviate(r.body()));
                if (r.millis() > HANG_ANSWER_BOUND_MILLIS) s.violations.add(c.name() + " answered after " + r.millis() + " ms while PostgreSQL hung (bound " + HANG_ANSWER_BOUND_MILLIS + " ms)");
            }
        } while (System.nanoTime() - hungAt < TimeUnit.SECONDS.toNanos(sizes.dbDownSeconds()));
        reads.join(TimeUnit.SECONDS.toMillis(Api.REQUEST_TIMEOUT.toSeconds() + 10));
        stack.resumePostgres(paused);
        log("  PostgreSQL resumed after " + seconds(hungAt) + " s");
        s.counts.put("PostgreSQL paused for (s)", seconds(hungAt));
        s.counts.put("probe requests while hung", probes);
        s.counts.put("probe answers by status", probeStatuses);
        s.counts.put("probe 503 answers with Retry-After", probesWithRetryAfter);
        s.counts.put("slowest probe answer (ms)", maxProbeMillis);
        s.counts.put("query side reads while hung (path status: count)", queryStatuses);
        s.violations.addAll(queryViolations);
        if (probesWithRetryAfter == 0) s.violations.add("no 503 with Retry-After while PostgreSQL hung");
        if (!load.await()) s.violations.add("some requests got no final answer within 15 min");
        s.counts.put("requests", ops.size());
        s.counts.putAll(load.seen.counts());
        if (load.seen.status5xxOther.get() > 0) s.violations.add("clients got " + load.seen.status5xxOther.get() + " 5xx answers other than 503: " + load.seen.samples5xx);
        if (load.seen.status503WithoutRetryAfter.get() > 0) s.violations.add(load.seen.status503WithoutRetryAfter.get() + " 503 answers without Retry-After");
        if (load.seen.timedOut.get() > 0) s.violations.add(load.seen.timedOut.get() + " requests hung beyond " + Api.REQUEST_TIMEOUT.toSeconds() + " s");
        for (Child svc : List.of(commandA, commandB, queryA, queryB)) {
            long expected = svc == commandA ? pidA : svc == commandB ? pidB : svc == queryA ? pidQA : pidQB;
            if (svc.pid() != expected || !svc.alive()) s.violations.add(svc.name() + " did not survive the hang (restarted or died)");
            if (!poll(180, svc::ready)) s.violations.add(svc.name() + " not ready 180 s after PostgreSQL resumed");
        }
        long t0 = System.nanoTime();
        if (awaitCaughtUp(s, "after the hang")) {
            s.counts.put("processors caught up after PostgreSQL resumed (s)", seconds(t0));
            checkAudit(s);
        }
        List<Db.Event> events = db.events();
        Invariants inv = new Invariants().acknowledged(ops, events).store(events);
        s.counts.putAll(inv.counts);
        s.violations.addAll(inv.violations);
    }

    static Load.Seen snapshot(Load load) {
        Load.Seen s = new Load.Seen();
        s.attempts.set(load.acknowledged.get());
        return s;
    }

    // ------------------------------------------------------------------------------------------------ 4 takeover

    /** A transaction that has taken a global index and inserted a new resolution's proposal, not yet committed. */
    record Held(Connection connection, long index, String resolutionId) {
    }

    /**
     * A valid event of a new resolution, copied from a real proposal with new identifiers, inserted by a transaction
     * that stays open: the caller commits it (late, below the head) or rolls it back.
     */
    Held holdProposal(String title) throws Exception {
        Db.Event template = db.events().stream().filter(e -> e.simpleType().equals("ResolutionProposed")).findFirst().orElseThrow();
        String oldId = template.aggregate();
        String newId = UUID.randomUUID().toString();
        String payload = new String(Api.JSON.writeValueAsBytes(template.payload()), StandardCharsets.UTF_8)
                .replace(oldId, newId).replace(template.payload().path("title").asText(), title);
        ObjectNode meta = template.meta().deepCopy();
        meta.put("idempotencyKey", "faults-gap-" + UUID.randomUUID());
        meta.put("correlationId", UUID.randomUUID().toString());
        meta.put("traceId", meta.get("correlationId").asText());
        Connection c = db.connect();
        try {
            c.setAutoCommit(false);
            long heldIndex;
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT nextval(pg_get_serial_sequence('ledger_write.domain_event_entry', 'global_index'))")) {
                rs.next();
                heldIndex = rs.getLong(1);
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO ledger_write.domain_event_entry (global_index,"
                    + " event_identifier, aggregate_identifier, sequence_number, type, time_stamp, payload_type,"
                    + " payload_revision, payload, meta_data) VALUES (?, ?, ?, 0, ?, ?, ?, ?, ?, ?)")) {
                ps.setLong(1, heldIndex);
                ps.setString(2, UUID.randomUUID().toString());
                ps.setString(3, newId);
                ps.setString(4, template.type());
                ps.setString(5, Instant.now().toString());
                ps.setString(6, template.payloadType());
                ps.setString(7, revisionOf(template));
                ps.setBytes(8, payload.getBytes(StandardCharsets.UTF_8));
                ps.setBytes(9, Api.JSON.writeValueAsBytes(meta));
                ps.execute();
            }
            return new Held(c, heldIndex, newId);
        } catch (Exception e) {
            c.close();
            throw e;
        }
    }

    void queryTakeover(Report.Scenario s) throws Exception {
        awaitCaughtUp(s, "before");
        Map<String, Long> owners = ownersCount();
        s.counts.put("segment owners before (pid@host: segments)", owners);
        long pa = owners.entrySet().stream().filter(e -> e.getKey().startsWith(queryA.pid() + "@")).mapToLong(Map.Entry::getValue).sum();
        long pb = owners.entrySet().stream().filter(e -> e.getKey().startsWith(queryB.pid() + "@")).mapToLong(Map.Entry::getValue).sum();
        s.counts.put("segments held by query-a / query-b", pa + " / " + pb);
        if (pa == 0 || pb == 0) {
            s.notes.add("the two instances did not share the work: one held every segment (Axon's pooled processors claim"
                    + " all free segments; nothing rebalances) — the other is a hot standby");
        }
        Child victim = pb >= pa ? queryB : queryA;
        Child survivor = victim == queryB ? queryA : queryB;
        // a reader of each instance's live stream; the victim's reader resumes on the survivor after the kill
        String reader = api.token("role:auditor");
        StreamListener onSurvivor = new StreamListener(survivor.name(), survivor.url(), reader, null);
        StreamListener onVictim = new StreamListener(victim.name(), victim.url(), reader, null);
        poll(30, () -> onSurvivor.connected && onVictim.connected);
        // appends keep coming while one is killed
        Load load = new Load(api, 600);
        for (int i = 0; i < (longRun ? 60 : 20); i++) {
            load.add(new Load.Op(Load.Kind.PROPOSE, Api.LANDER.get(i % 16), "/api/resolutions", proposalBody("Uebernahme " + i),
                    null, i % 2 == 0 ? commandA::url : commandB::url));
        }
        allOps.addAll(load.all);
        load.start(2);
        poll(120, () -> load.done.get() >= 4);
        // a commit held open across the kill (copied from a proposal just made): it lands below the head, late, while
        // the victim's segments lag
        // the victim's reader has a cursor to resume from (it has heard at least one change)
        poll(60, () -> !onVictim.received.isEmpty());
        Held late = holdProposal("Spaet bei der Uebernahme");
        faultsInjected++;
        long victimPid = victim.pid();
        victim.kill9();
        faultsInjected++;
        long killedAt = System.nanoTime();
        log("  kill -9 of " + victim.name());
        // the held append commits now, below the head, while the victim's segments lag (nobody owns them until the
        // takeover): a late commit as the command side can make one, i.e. within the verifiable log's gap grace
        // (LEDGER_LOG_GAP_GRACE, 10 s; a command's transaction is bounded by its timeout). One held longer than the
        // grace is not a leaf, and verify says so, by design (scenario 5 and LogAppender).
        try (Connection c = late.connection()) {
            c.commit();
        }
        String survivorPrefix = survivor.pid() + "@";
        boolean taken = poll(300, () -> {
            try {
                List<Db.Token> t = db.tokens();
                return !t.isEmpty() && t.stream().allMatch(x -> x.owner() != null && x.owner().startsWith(survivorPrefix));
            } catch (Exception e) {
                return false;
            }
        });
        double takeover = seconds(killedAt);
        s.counts.put("killed", victim.name() + " (pid " + victimPid + ")");
        if (!taken) {
            s.violations.add("after 300 s " + survivor.name() + " did not own every segment: " + ownersCount());
        } else {
            s.counts.put("every segment owned by " + survivor.name() + " after (s)", takeover);
            s.notes.add("takeover time is bounded by the token claim timeout (Axon JdbcTokenStore default 10 s) plus the claim interval (2 s)");
        }
        poll(30, () -> onVictim.ended);
        StreamListener resumed = new StreamListener(victim.name() + " resumed on " + survivor.name(), survivor.url(), reader,
                onVictim.lastId());
        load.await();
        s.counts.put("appends during the kill acknowledged", load.acknowledged.get());
        s.counts.put("late commit: global index held open across the kill", late.index());
        awaitCaughtUp(s, "after the takeover");
        streamsExact(s, load, late, onSurvivor, onVictim, resumed);
        List<Db.Event> events = db.events();
        Invariants inv = new Invariants().acknowledged(load.all, events).store(events);
        s.counts.putAll(inv.counts);
        s.violations.addAll(inv.violations);
        long duplicates = db.scalar("SELECT count(*) - count(DISTINCT event_id) FROM ledger_read.audit_event");
        s.counts.put("audit rows doubled", duplicates);
        if (duplicates != 0) s.violations.add(duplicates + " events projected twice into audit_event");
        checkAudit(s);
        s.notes.add("exactness of the whole read model (all projections' rows) is checked in scenario 2 against a full replay");
        // leave one query side running for what follows; the victim stays down
    }

    /**
     * Every proposal of the scenario (the acknowledged ones and the late commit) reached the survivor's stream exactly
     * once, and the victim's reader, resumed on the survivor with its Last-Event-ID, exactly once across both
     * connections: the stream comes from the event store, not from the instance's own (killed, lagging) projections.
     */
    void streamsExact(Report.Scenario s, Load load, Held late, StreamListener onSurvivor, StreamListener onVictim,
                      StreamListener resumed) {
        List<String> ids = new ArrayList<>();
        for (Load.Op op : load.all) {
            if (op.acknowledged()) ids.add(op.answer.json().path("resolutionId").asText());
        }
        ids.add(late.resolutionId());
        String proposed = "ResolutionProposed";
        poll(120, () -> ids.stream().allMatch(id -> onSurvivor.count(id, proposed) >= 1
                && onVictim.count(id, proposed) + resumed.count(id, proposed) >= 1));
        long missingSurvivor = 0;
        long missingResumed = 0;
        long twice = 0;
        for (String id : ids) {
            long a = onSurvivor.count(id, proposed);
            long b = onVictim.count(id, proposed) + resumed.count(id, proposed);
            if (a == 0) missingSurvivor++;
            if (b == 0) missingResumed++;
            if (a > 1 || b > 1) twice++;
        }
        List<String> cursorsAcross = new ArrayList<>();
        onVictim.received.forEach(r -> cursorsAcross.add(r.cursor()));
        resumed.received.forEach(r -> cursorsAcross.add(r.cursor()));
        long doubledAcross = cursorsAcross.size() - cursorsAcross.stream().distinct().count();
        long doubledSurvivor = onSurvivor.received.size()
                - onSurvivor.received.stream().map(StreamListener.Received::cursor).distinct().count();
        s.counts.put("stream: proposals expected on each reader", ids.size());
        s.counts.put("stream: changes heard by " + onSurvivor.name, onSurvivor.received.size());
        s.counts.put("stream: changes heard by " + onVictim.name + " before the kill / after resuming",
                onVictim.received.size() + " / " + resumed.received.size());
        s.counts.put("stream: resumed from Last-Event-ID", onVictim.lastId());
        if (missingSurvivor > 0) s.violations.add(missingSurvivor + " proposals never reached " + onSurvivor.name + "'s stream");
        if (missingResumed > 0) s.violations.add(missingResumed + " proposals missed by the reader that resumed on "
                + onSurvivor.name + " with Last-Event-ID " + onVictim.lastId());
        if (twice > 0) s.violations.add(twice + " proposals heard twice by one reader");
        if (doubledSurvivor > 0 || doubledAcross > 0) s.violations.add("stream ids received twice: " + doubledSurvivor
                + " on " + onSurvivor.name + ", " + doubledAcross + " across the resume");
        onSurvivor.close();
        onVictim.close();
        resumed.close();
    }

    Map<String, Long> ownersCount() throws Exception {
        Map<String, Long> m = new TreeMap<>();
        for (Db.Token t : db.tokens()) m.merge(String.valueOf(t.owner()), 1L, Long::sum);
        return m;
    }

    // ------------------------------------------------------------------------------------------------ 6 races

    void races(Report.Scenario s) throws Exception {
        Child[] cs = {commandA, commandB};
        ExecutorService pool = Executors.newFixedThreadPool(24);
        try {
            // a) everyone votes several times at once on both instances while both chairs try to adopt
            String rv = votable(commandA, "DE-SN", "Wettlauf Abstimmung");
            List<Load.Op> voteOps = new ArrayList<>();
            for (String land : Api.LANDER) {
                for (int i = 0; i < sizes.raceVoters(); i++) {
                    Child t = cs[(i + land.hashCode()) & 1];
                    voteOps.add(new Load.Op(Load.Kind.VOTE, land, "/api/resolutions/" + rv + "/votes", "{\"choice\":\"YES\"}", null, t::url));
                }
            }
            List<Load.Op> adoptOps = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                Child t = cs[i & 1];
                adoptOps.add(new Load.Op(Load.Kind.OTHER, i % 2 == 0 ? CHAIR : CO_CHAIR, "/api/resolutions/" + rv + "/adoption", null, null, t::url));
            }
            Collections.shuffle(voteOps);
            List<Load.Op> mixed = new ArrayList<>(voteOps);
            for (int i = 0; i < adoptOps.size(); i++) mixed.add(Math.min(mixed.size(), (i + 1) * voteOps.size() / adoptOps.size()), adoptOps.get(i));
            runAtOnce(pool, mixed);
            long voteOk = voteOps.stream().filter(Load.Op::acknowledged).count();
            Map<String, Long> perMember = new TreeMap<>();
            for (Load.Op o : voteOps) if (o.acknowledged()) perMember.merge(o.who, 1L, Long::sum);
            perMember.forEach((m, n) -> {
                if (n > 1) s.violations.add(m + " got " + n + " acknowledged votes on " + rv);
            });
            long adopted = adoptOps.stream().filter(Load.Op::acknowledged).count();
            s.counts.put("a) vote requests (16 members x " + sizes.raceVoters() + ", both instances)", voteOps.size());
            s.counts.put("a) votes acknowledged", voteOk);
            s.counts.put("a) adoption requests racing the votes", adoptOps.size());
            s.counts.put("a) adoptions acknowledged", adopted);
            s.counts.put("a) answers", statuses(mixed));
            if (adopted > 1) s.violations.add("a) adopted " + adopted + " times");
            allOps.addAll(mixed);
            // if no adoption won the race (all came too early), adopt now: the rule must hold either way
            if (adopted == 0) {
                Answer r = once(commandB, CHAIR, "/api/resolutions/" + rv + "/adoption", null, null);
                s.counts.put("a) adoption after the race", r == null ? "none" : r.status() + " " + r.code());
            }

            // b) amendments with the same If-Match at once
            String ra = propose(commandA, "DE-NW", "Wettlauf Aenderung");
            int wins = 0;
            for (int round = 0; round < sizes.raceAmendRounds(); round++) {
                long v = 1 + round;
                List<Load.Op> amend = new ArrayList<>();
                for (int i = 0; i < sizes.raceAmenders(); i++) {
                    Child t = cs[i & 1];
                    amend.add(new Load.Op(Load.Kind.OTHER, "DE-NW", "/api/resolutions/" + ra + "/amendments",
                            "{\"text\":\"Fassung " + (v + 1) + " von Schreiber " + i + "\",\"reason\":\"Wettlauf\"}", v, t::url));
                }
                runAtOnce(pool, amend);
                allOps.addAll(amend);
                long ok = amend.stream().filter(Load.Op::acknowledged).count();
                long stale = amend.stream().filter(o -> o.answer != null && o.answer.status() == 412).count();
                if (ok != 1) s.violations.add("b) round " + round + " (If-Match " + v + "): " + ok + " amendments acknowledged, answers " + statuses(amend));
                if (ok + stale != amend.size()) s.notes.add("b) round " + round + ": answers " + statuses(amend));
                wins += ok;
                if (ok == 0) break;
            }
            s.counts.put("b) amendment rounds x racers", sizes.raceAmendRounds() + " x " + sizes.raceAmenders());
            s.counts.put("b) amendments acknowledged", wins);

            // c) chair hand-over racing an adoption; two outgoing holders racing each other's hand-over
            List<String> holders = List.of(CHAIR, CO_CHAIR);
            String[] targets = {"DE-RP", "DE-HH", "DE-SH", "DE-TH"};
            for (int y = 0; y < sizes.handoverYears(); y++) {
                int year = 2025 + y;
                String rc = votable(commandA, "DE-ST", "Wettlauf Vorsitz " + year);
                for (String land : Api.LANDER) {
                    require(once(cs[land.hashCode() & 1], land, "/api/resolutions/" + rc + "/votes", "{\"choice\":\"YES\"}", null), "vote");
                }
                List<Load.Op> race = new ArrayList<>();
                for (int i = 0; i < holders.size(); i++) {
                    Child t = cs[i & 1];
                    race.add(new Load.Op(Load.Kind.OTHER, holders.get(i), "/api/chair/handovers", "{\"year\":" + year
                            + ",\"to\":[\"" + targets[(y * 2 + i) % targets.length] + "\"],\"effectiveFrom\":\"" + year + "-01-01\"}", null, t::url));
                }
                for (int i = 0; i < 4; i++) {
                    Child t = cs[(i + 1) & 1];
                    race.add(new Load.Op(Load.Kind.OTHER, i % 2 == 0 ? CHAIR : CO_CHAIR, "/api/resolutions/" + rc + "/adoption", null, null, t::url));
                }
                runAtOnce(pool, race);
                allOps.addAll(race);
                long handed = race.subList(0, holders.size()).stream().filter(Load.Op::acknowledged).count();
                long adoptedC = race.subList(holders.size(), race.size()).stream().filter(Load.Op::acknowledged).count();
                s.counts.put("c) " + year + ": hand-overs acknowledged / adoptions acknowledged", handed + " / " + adoptedC);
                s.counts.put("c) " + year + ": answers", statuses(race));
                if (handed != 1) s.violations.add("c) " + year + ": " + handed + " hand-overs acknowledged");
                if (adoptedC != 1) s.violations.add("c) " + year + ": " + adoptedC + " adoptions acknowledged (the 2024 chair adopts a 2024 session's resolution whatever the hand-over)");
                // the next year's holders are whoever won
                String winner = null;
                for (Load.Op o : race.subList(0, holders.size())) if (o.acknowledged()) winner = o.body.replaceAll(".*\\[\"([A-Z-]+)\"\\].*", "$1");
                if (winner == null) break;
                holders = List.of(winner, winner);
            }

            // d) one Idempotency-Key sent several times at once to both instances
            List<Load.Op> twins = new ArrayList<>();
            Load.Op first = new Load.Op(Load.Kind.PROPOSE, "DE-MV", "/api/resolutions", proposalBody("Zwilling"), null, commandA::url);
            for (int i = 0; i < sizes.twinRequests(); i++) {
                twins.add(new TwinOp(first, cs[i & 1]));
            }
            runAtOnce(pool, twins); // not in allOps: the twins share one key (checked here)
            Set<String> ids = new HashSet<>();
            for (Load.Op o : twins) if (o.acknowledged()) ids.add(o.answer.json().path("resolutionId").asText());
            long twinEvents = db.events().stream().filter(e -> first.key.equals(e.key())).count();
            s.counts.put("d) same key sent at once (both instances)", twins.size());
            s.counts.put("d) answers", statuses(twins));
            s.counts.put("d) events with that key", twinEvents);
            if (twinEvents != 1) s.violations.add("d) one key sent " + twins.size() + " times at once: " + twinEvents + " events");
            if (ids.size() > 1) s.violations.add("d) one key answered with different resolutions: " + ids);
        } finally {
            pool.shutdownNow();
        }
        List<Db.Event> events = db.events();
        Invariants inv = new Invariants().store(events);
        s.counts.putAll(inv.counts);
        s.violations.addAll(inv.violations);
    }

    /** Shares the key and body of the first request: a client that sends one request several times. */
    static final class TwinOp extends Load.Op {
        TwinOp(Load.Op first, Child target) {
            super(first.kind, first.who, first.path, first.body, first.ifMatch, target::url);
            this.key = first.key;
        }
    }

    /** Starts all requests behind one gate, so that they hit the services as nearly at once as a client can. */
    void runAtOnce(ExecutorService pool, List<Load.Op> ops) throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        Load load = new Load(api, 300);
        List<Future<?>> futures = new ArrayList<>();
        for (Load.Op op : ops) {
            futures.add(pool.submit(() -> {
                gate.await();
                load.execute(op);
                return null;
            }));
        }
        gate.countDown();
        for (Future<?> f : futures) f.get(600, TimeUnit.SECONDS);
    }

    static Map<String, Integer> statuses(List<Load.Op> ops) {
        Map<String, Integer> m = new TreeMap<>();
        for (Load.Op o : ops) {
            String k = o.answer == null ? "none" : o.answer.status() + (o.answer.ok() ? "" : " " + o.answer.code())
                    + (o.replayed ? " (replayed)" : "");
            m.merge(k, 1, Integer::sum);
        }
        return m;
    }

    // ------------------------------------------------------------------------------------------------ 2 projection crash

    void projectionCrash(Report.Scenario s) throws Exception {
        Child q = queryA.alive() ? queryA : queryB;
        for (Child other : List.of(queryA, queryB)) if (other != q) other.kill9();
        if (!awaitCaughtUp(s, "live read model")) return;
        checkAudit(s);
        Map<String, String> live = db.checksums(Set.of());
        long events = db.eventCount();
        s.counts.put("events to replay", events);
        s.counts.put("live read model", live);
        // reset: every token and every projected row gone; the next start replays the whole store
        q.kill9();
        faultsInjected++;
        db.resetReadModel();
        int kills = 0;
        // smaller batches (10 events per transaction instead of 100) for the replay: more token commits to crash
        // between, and a replay slow enough to be caught in the middle even on a fast machine
        q.env().put("LEDGER_PROJECTION_BATCH_SIZE", "10");
        s.notes.add("the replaying query side runs with LEDGER_PROJECTION_BATCH_SIZE=10");
        for (int k = 0; k < sizes.projectionKills(); k++) {
            q.launch();
            long t0 = System.nanoTime();
            // kill in the middle of the replay: the k-th kill once k/(kills+1) of the events are projected
            long threshold = Math.max(1, events * (k + 1) / (sizes.projectionKills() + 1));
            poll(Stack.START_SECONDS, () -> {
                try {
                    return db.scalar("SELECT count(*) FROM ledger_read.audit_event") >= threshold;
                } catch (Exception e) {
                    return false;
                }
            });
            q.kill9();
            long audited = db.scalar("SELECT count(*) FROM ledger_read.audit_event");
            boolean midway = audited < events;
            faultsInjected++;
            kills++;
            s.counts.put("kill " + (k + 1) + ": audit rows projected when killed", audited + " of " + events + (midway ? "" : " (not caught midway)"));
            log("  kill -9 of " + q.name() + " during the replay (" + audited + "/" + events + " audit rows) after " + seconds(t0) + " s");
        }
        s.counts.put("kill -9 during the replay", kills);
        q.start(Stack.START);
        long t0 = System.nanoTime();
        if (!awaitCaughtUp(s, "after the replay")) return;
        s.counts.put("replay finished after the last restart (s)", seconds(t0));
        Map<String, String> replayed = db.checksums(Set.of());
        s.counts.put("replayed read model", replayed);
        for (String table : live.keySet()) {
            if (!live.get(table).equals(replayed.get(table))) {
                s.violations.add("table ledger_read." + table + " differs: live " + live.get(table) + ", after the replay " + replayed.get(table));
            }
        }
        long chain = 0;
        long logDeadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < logDeadline && (chain = db.scalar("SELECT count(*) FROM ledger_read.log_leaf")) < events) {
            Thread.sleep(200);
        }
        s.counts.put("leaves of the verifiable log after the replay", chain);
        if (chain != events) s.violations.add("the log has " + chain + " leaves for " + events + " events");
        Answer verify = api.get(q.url(), "role:auditor", "/api/audit/verify");
        s.counts.put("GET /api/audit/verify", verify.status() + " " + Load.abbreviate(verify.body()));
        if (verify.ok() && !verify.json().path("valid").asBoolean(true)) s.violations.add("the log does not verify after the replay: " + verify.body());
        s.notes.add("the live read model was built through all earlier faults (command-side crashes, the database outage, the gap, the"
                + " takeover); it is compared table by table (row count and md5 of all rows) with a full replay that was itself killed");
    }

    // ------------------------------------------------------------------------------------------------ helpers

    static final String QUERY_500_BUG = "query-503";
    static final String QUERY_500_BUG_TEXT = "query-side web/ProblemDetailsAdvice maps CannotGetJdbcConnectionException and"
            + " DataAccessResourceFailureException to 503, but a @Transactional controller (e.g. StatsController) fails earlier"
            + " with Spring's CannotCreateTransactionException (\"Could not open JDBC Connection for transaction\"), which"
            + " falls through to the generic 500";
    static final String AUDIT_INDEX_BUG = "audit-index";
    static final String AUDIT_INDEX_BUG_TEXT = "query-side AuditProjection takes an event's global index from its tracking token"
            + " (ChangePublisher.globalIndex(token) = token.position()); for an event that commits after a later one (a gap"
            + " being filled) that is the highest index seen so far, so the INSERT ... ON CONFLICT (global_index) DO NOTHING"
            + " drops the event (or files it under another event's index)";

    /** Every event of the store has its own row in the audit projection (by global index and event id). */
    final Set<Long> auditReported = new HashSet<>();

    Set<Long> checkAudit(Report.Scenario s) throws Exception {
        List<Long> allMissing = db.missingFromAudit();
        List<Long> allMisplaced = db.misplacedInAudit();
        Set<Long> wrongSoFar = new HashSet<>(allMissing);
        wrongSoFar.addAll(allMisplaced);
        // each defect is reported in the scenario that first saw it
        List<Long> missing = allMissing.stream().filter(i -> !auditReported.contains(i)).toList();
        List<Long> misplaced = allMisplaced.stream().filter(i -> !auditReported.contains(i)).toList();
        auditReported.addAll(wrongSoFar);
        s.counts.put("events missing from the audit projection", missing.size());
        s.counts.put("audit rows holding another event than the store at their index", misplaced.size());
        if (!missing.isEmpty() || !misplaced.isEmpty()) {
            bug(s, AUDIT_INDEX_BUG, "audit projection: events at global index " + missing + " missing, rows at " + misplaced
                    + " hold another event; " + AUDIT_INDEX_BUG_TEXT);
        }
        return wrongSoFar;
    }

    /** A violation, named by the defect it is (the id keeps the history of the defects the suite found readable). */
    void bug(Report.Scenario s, String id, String text) {
        s.violations.add(text + " [" + id + "]");
    }

    boolean awaitCaughtUp(Report.Scenario s, String when) {
        boolean ok = poll(300, db::caughtUp);
        if (!ok) {
            try {
                s.violations.add("read model not caught up " + when + " within 300 s: events " + db.eventCount() + ", audit rows "
                        + db.scalar("SELECT count(*) FROM ledger_read.audit_event") + ", tokens " + db.tokens()
                        + ", dead letters " + db.deadLetters());
            } catch (Exception e) {
                s.violations.add("read model not caught up " + when + " within 300 s (" + e + ")");
            }
        }
        return ok;
    }

    static boolean poll(long seconds, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) return true;
            Load.sleep(250);
        }
        return condition.getAsBoolean();
    }

    static double seconds(long sinceNanos) {
        return Math.round((System.nanoTime() - sinceNanos) / 1e8) / 10.0;
    }

    static void log(String s) {
        System.out.println("[faults " + Instant.now() + "] " + s);
    }

    static void deleteTree(Path p) throws Exception {
        if (!Files.exists(p)) return;
        try (var walk = Files.walk(p)) {
            for (Path x : walk.sorted(Collections.reverseOrder()).toList()) Files.deleteIfExists(x);
        }
    }

    static final class Report {
        String mode;
        String startedAt;
        final Map<String, Object> setup = new LinkedHashMap<>();
        final List<Scenario> scenarios = new ArrayList<>();
        final Map<String, Object> totals = new LinkedHashMap<>();
        final List<String> finalViolations = new ArrayList<>();

        static final class Scenario {
            final int number;
            final String title;
            String status = "NOT RUN";
            double seconds;
            final Map<String, Object> counts = new LinkedHashMap<>();
            final List<String> violations = new ArrayList<>();
            final List<String> notes = new ArrayList<>();

            Scenario(int number, String title) {
                this.number = number;
                this.title = title;
            }
        }

        Scenario scenario(int n, String title) {
            Scenario s = new Scenario(n, title);
            scenarios.add(s);
            return s;
        }

        boolean broken() {
            return !finalViolations.isEmpty() || scenarios.stream().anyMatch(s -> s.status.equals("BROKEN"));
        }

        void write(Path md, Path json) throws Exception {
            Files.createDirectories(md.getParent());
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("mode", mode);
            j.put("startedAt", startedAt);
            j.put("result", broken() ? "BROKEN" : scenarios.stream().allMatch(s -> s.status.equals("HELD")) ? "HELD" : "INCOMPLETE");
            j.put("setup", setup);
            List<Map<String, Object>> sc = new ArrayList<>();
            for (Scenario s : scenarios) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("number", s.number);
                m.put("title", s.title);
                m.put("status", s.status);
                m.put("seconds", s.seconds);
                m.put("counts", s.counts);
                m.put("violations", s.violations);
                m.put("notes", s.notes);
                sc.add(m);
            }
            j.put("scenarios", sc);
            j.put("totals", totals);
            j.put("violationsOverTheWholeRun", finalViolations);
            Files.writeString(json, Api.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(j));
            StringBuilder b = new StringBuilder();
            b.append("# Fault suite report (").append(mode).append(", started ").append(startedAt).append(")\n\n");
            b.append("Result: **").append(j.get("result")).append("**\n\n");
            b.append("| # | scenario | status | seconds |\n|---|---|---|---|\n");
            for (Scenario s : scenarios) {
                b.append("| ").append(s.number).append(" | ").append(s.title).append(" | ").append(s.status).append(" | ").append(s.seconds).append(" |\n");
            }
            b.append("\n## Totals\n\n");
            totals.forEach((k, v) -> b.append("- ").append(k).append(": ").append(v).append('\n'));
            setup.forEach((k, v) -> b.append("- ").append(k).append(": ").append(v).append('\n'));
            if (!finalViolations.isEmpty()) {
                b.append("\n**Violations over the whole run:**\n");
                finalViolations.forEach(v -> b.append("- ").append(v).append('\n'));
            }
            for (Scenario s : scenarios) {
                b.append("\n## ").append(s.number).append(". ").append(s.title).append(" — ").append(s.status).append("\n\n");
                s.counts.forEach((k, v) -> b.append("- ").append(k).append(": ").append(v).append('\n'));
                if (!s.violations.isEmpty()) {
                    b.append("\nViolations:\n");
                    s.violations.forEach(v -> b.append("- **").append(v).append("**\n"));
                }
                if (!s.notes.isEmpty()) {
                    b.append("\nNotes:\n");
                    s.notes.forEach(v -> b.append("- ").append(v).append('\n'));
                }
            }
            Files.writeString(md, b.toString());
        }
    }
}
