package io.resolutionledger.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.resolutionledger.testkit.JsonHttp.Answer;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** The command load: the life of a resolution as a workflow of requests, driven closed (N users) or open (fixed rate). */
final class Load {

    static final AtomicInteger WORKFLOWS = new AtomicInteger();

    /**
     * One resolution from proposal to adoption: propose, 2 amendments by the sponsor with If-Match, an amendment
     * tabled by another Land, vote opened by the chair, 16 votes, adoption by the chair: 22 requests, the share of
     * each kind as in a real session (votes dominate).
     */
    static final class Workflow {
        static final int STEPS = 22;
        final int n = WORKFLOWS.incrementAndGet();
        /** the load client sending this workflow's requests (its tokens are its own, see Api.token) */
        final int client;
        /** proposals only: each workflow is one proposal (the acceptance figure of issue 11) */
        final boolean proposalsOnly;
        final String sponsor = Api.LANDER.get(n % 16);
        final String tabler = Api.LANDER.get((n + 5) % 16);
        final String sessionId;
        int step;
        String rid;
        long version;
        int amendments;
        int votes;

        Workflow(String sessionId) {
            this(sessionId, -1, false);
        }

        Workflow(String sessionId, int client, boolean proposalsOnly) {
            this.sessionId = sessionId;
            this.client = client;
            this.proposalsOnly = proposalsOnly;
        }

        boolean done() {
            return step >= (proposalsOnly ? 1 : STEPS);
        }

        String nextOp() {
            if (step == 0) return "propose";
            if (step <= 2) return "amend";
            if (step == 3) return "table";
            if (step == 4) return "open-vote";
            if (step <= 20) return "vote";
            return "adopt";
        }

        /** Sends the next request; on success advances and tells the lag tracker what to expect. */
        Answer next(Api api, Lag lag) {
            String op = nextOp();
            Answer r;
            switch (op) {
                case "propose" -> r = api.post(sponsor, client, "/api/resolutions", "{\"sessionId\":\"" + sessionId
                        + "\",\"title\":\"Benchmark " + n + "\",\"text\":\"Die DMK misst den Durchsatz des Ledgers, Lauf " + n
                        + ".\",\"topics\":[\"benchmark\"],\"coSponsors\":[]}", null);
                case "amend" -> r = api.post(sponsor, client, "/api/resolutions/" + rid + "/amendments",
                        "{\"text\":\"Die DMK misst den Durchsatz und die Latenz des Ledgers, Fassung " + (version + 1)
                                + ".\",\"reason\":\"Präzisierung\"}", version);
                case "table" -> r = api.post(tabler, client, "/api/resolutions/" + rid + "/tabled-amendments",
                        "{\"text\":\"Die DMK misst auch die Verzögerung der Projektionen.\",\"reason\":\"Ergänzung\"}", null);
                case "open-vote" -> r = api.post(Api.CHAIR, client, "/api/resolutions/" + rid + "/voting", null, null);
                case "vote" -> r = api.post(Api.LANDER.get(step - 5), client, "/api/resolutions/" + rid + "/votes", "{\"choice\":\"YES\"}", null);
                default -> r = api.post(Api.CHAIR, client, "/api/resolutions/" + rid + "/adoption", null, null);
            }
            if (!r.ok()) {
                return r;
            }
            long now = System.nanoTime();
            switch (op) {
                case "propose" -> {
                    rid = r.json().path("resolutionId").asText();
                    version = 1;
                    lag.committed(rid, "ResolutionProposed", 1, now, sponsor, v -> v.path("version").asLong() >= 1);
                }
                case "amend" -> {
                    version = r.json().path("version").asLong(version + 1);
                    long expected = version;
                    lag.committed(rid, "ResolutionAmended", ++amendments, now, sponsor, v -> v.path("version").asLong() >= expected);
                }
                case "table" -> lag.committed(rid, "AmendmentTabled", 1, now, null, null);
                case "open-vote" -> lag.committed(rid, "VoteOpened", 1, now, sponsor, v -> "VOTING".equals(v.path("status").asText()));
                case "vote" -> {
                    int k = ++votes;
                    lag.committed(rid, "VoteCast", k, now, sponsor, v -> v.path("tally").path("yes").asInt() >= k);
                }
                default -> lag.committed(rid, "ResolutionAdopted", 1, now, sponsor, v -> "ADOPTED".equals(v.path("status").asText()));
            }
            step++;
            return r;
        }
    }

    /** Latency and errors of one run. */
    static final class Stats {
        final Map<String, Histogram> perOp = new ConcurrentHashMap<>();
        final Histogram all = new ConcurrentHistogram(60_000_000L, 3);
        final AtomicLong ok = new AtomicLong();
        final AtomicLong errors = new AtomicLong();
        final Map<String, AtomicLong> errorKinds = new ConcurrentHashMap<>();

        void record(String op, Answer r, long micros) {
            if (r.ok()) {
                micros = Math.max(1, Math.min(micros, 60_000_000L));
                all.recordValue(micros);
                perOp.computeIfAbsent(op, k -> new ConcurrentHistogram(60_000_000L, 3)).recordValue(micros);
                ok.incrementAndGet();
            } else {
                errors.incrementAndGet();
                String code = r.status() + (r.status() > 0 ? " " + r.json().path("code").asText("") : " " + r.body());
                errorKinds.computeIfAbsent(op + " " + code.trim(), k -> new AtomicLong()).incrementAndGet();
            }
        }

        Map<String, Object> summary(double seconds) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("seconds", round(seconds));
            m.put("requests", ok.get());
            m.put("throughput", round(ok.get() / seconds));
            m.putAll(percentiles(all));
            m.put("errors", errors.get());
            Map<String, Long> kinds = new TreeMap<>();
            errorKinds.forEach((k, v) -> kinds.put(k, v.get()));
            m.put("errorKinds", kinds);
            Map<String, Object> ops = new TreeMap<>();
            perOp.forEach((k, h) -> {
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("count", h.getTotalCount());
                o.putAll(percentiles(h));
                ops.put(k, o);
            });
            m.put("perOp", ops);
            return m;
        }
    }

    static Map<String, Object> percentiles(Histogram h) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (h.getTotalCount() == 0) {
            return m;
        }
        m.put("p50", ms(h.getValueAtPercentile(50)));
        m.put("p95", ms(h.getValueAtPercentile(95)));
        m.put("p99", ms(h.getValueAtPercentile(99)));
        m.put("max", ms(h.getMaxValue()));
        m.put("mean", round(h.getMean() / 1000.0));
        return m;
    }

    static double ms(long micros) {
        return round(micros / 1000.0);
    }

    static double round(double v) {
        return Math.round(v * 100.0) / 100.0;
    }

    /** Closed model: {@code users} threads, each with one request in flight, for warm-up plus the measured seconds. */
    /** Called by the driving thread when the measured window of a run opens and when it closes. */
    interface Window {
        void opened();

        void closed(long commandsAnswered);

        Window NONE = new Window() {
            public void opened() {
            }

            public void closed(long commandsAnswered) {
            }
        };
    }

    static Map<String, Object> closed(Api api, Lag lag, String sessionId, int users, double warmupSeconds, double seconds)
            throws InterruptedException {
        return closed(api, lag, sessionId, users, warmupSeconds, seconds, false, Window.NONE);
    }

    static Map<String, Object> closed(Api api, Lag lag, String sessionId, int users, double warmupSeconds, double seconds,
                                      boolean proposalsOnly, Window window) throws InterruptedException {
        Stats stats = new Stats();
        long start = System.nanoTime();
        long measureFrom = start + (long) (warmupSeconds * 1e9);
        long end = measureFrom + (long) (seconds * 1e9);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < users; i++) {
            int client = i;
            Thread t = new Thread(() -> {
                Workflow wf = new Workflow(sessionId, client, proposalsOnly);
                while (System.nanoTime() < end) {
                    String op = wf.nextOp();
                    long t0 = System.nanoTime();
                    Answer r = wf.next(api, lag);
                    long t1 = System.nanoTime();
                    if (t0 >= measureFrom && t1 <= end) {
                        stats.record(op, r, (t1 - t0) / 1000);
                    }
                    if (!r.ok() || wf.done()) {
                        wf = new Workflow(sessionId, client, proposalsOnly);
                    }
                }
            }, "closed-" + i);
            t.start();
            threads.add(t);
        }
        sleepUntil(measureFrom);
        window.opened();
        sleepUntil(end);
        window.closed(stats.ok.get());
        for (Thread t : threads) {
            t.join();
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("users", users);
        m.putAll(stats.summary(seconds));
        return m;
    }

    /**
     * Open model: requests start at a fixed rate whatever the answers do; latency counts from the intended start, so
     * queueing in the harness or the service is included (no coordinated omission).
     */
    static Map<String, Object> open(Api api, Lag lag, String sessionId, double rate, double warmupSeconds, double seconds)
            throws InterruptedException {
        return open(api, lag, sessionId, rate, warmupSeconds, seconds, Window.NONE);
    }

    static Map<String, Object> open(Api api, Lag lag, String sessionId, double rate, double warmupSeconds, double seconds,
                                    Window window) throws InterruptedException {
        Stats stats = new Stats();
        ExecutorService pool = Executors.newFixedThreadPool(256);
        Queue<Workflow> idle = new ConcurrentLinkedQueue<>();
        long start = System.nanoTime();
        long measureFrom = start + (long) (warmupSeconds * 1e9);
        long end = measureFrom + (long) (seconds * 1e9);
        long interval = (long) (1e9 / rate);
        AtomicLong late = new AtomicLong();
        boolean opened = false;
        for (long i = 0; ; i++) {
            long intended = start + i * interval;
            if (intended >= end) break;
            if (!opened && intended >= measureFrom) {
                opened = true;
                window.opened();
            }
            long wait = intended - System.nanoTime();
            if (wait > 0) LockSupport.parkNanos(wait);
            Workflow polled = idle.poll();
            // 64 callers share the open model's workflows, each workflow keeps its caller
            Workflow wf = polled != null ? polled : new Workflow(sessionId, (int) (i % 64), false);
            pool.execute(() -> {
                String op = wf.nextOp();
                Answer r = wf.next(api, lag);
                long t1 = System.nanoTime();
                if (intended >= measureFrom) {
                    stats.record(op, r, (t1 - intended) / 1000);
                    if (t1 > end) late.incrementAndGet();
                }
                if (r.ok() && !wf.done()) idle.add(wf);
            });
        }
        sleepUntil(end);
        window.closed(stats.ok.get());
        pool.shutdown();
        pool.awaitTermination(60, TimeUnit.SECONDS);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("targetRate", round(rate));
        m.putAll(stats.summary(seconds));
        m.put("achievedRate", round(stats.ok.get() / seconds));
        return m;
    }

    /**
     * Projection lag: for each command answered 2xx, the time until (a) the query API shows the change (sampled polls
     * of GET /api/resolutions/{id}, at most 2 in flight) and (b) the live stream announces the event.
     * <p>The polls come every 5 ms for the first 50 ms after the answer (the target's window, measured to 5 ms), then
     * every 10, 20, 40 ms and at most every 100 ms: a probe that kept polling every 5 ms while a change was late put
     * up to ~400 authenticated GETs a second on the query side (more than the open model's commands at half of peak),
     * and so made the lag it measured. A lag above 50 ms is over-stated by at most the interval then in use, never
     * under-stated. Its GETs are counted ({@code probeGets}, per second in the summary).
     */
    static final class Lag {
        volatile boolean enabled;
        final Api api;
        /**
         * The side of a match that came first, by change ({@code rid/event#ordinal}): a command's answer waiting for the
         * stream, or (rarely) the stream's delivery that came before the answer was recorded. Matched online and
         * dropped, so the harness keeps only the changes in flight: it kept every answer and every delivery of the
         * window in two maps until the summary, and those 14-20 MB survived each of its young collections, 20-56 ms
         * pauses every ~12 s that stalled its stream reader and probes and so added to both lags they measured
         * (BENCHMARKS.md, twelfth session).
         */
        final ConcurrentHashMap<String, Mark> pending = new ConcurrentHashMap<>();
        /** deliveries per resolution and event type (the ordinal of a delivery), dropped at the workflow's last event */
        final Map<String, Map<String, Integer>> streamCounts = new ConcurrentHashMap<>();
        final Histogram apiLag = new ConcurrentHistogram(60_000_000L, 3);
        /** the same, but to the start of the request that saw the change (its answer's own time left out) */
        final Histogram apiLagAtRequest = new ConcurrentHistogram(60_000_000L, 3);
        final Histogram streamLag = new ConcurrentHistogram(60_000_000L, 3);
        /** the stream's lag per 10 s of the window (by the command's answer): a steady lag and a few stalls look alike in one p99, not here */
        final Map<Long, Histogram> streamLagWindows = new ConcurrentHashMap<>();
        final AtomicLong commands = new AtomicLong();
        final AtomicLong seenBeforeResponse = new AtomicLong();
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicLong apiTimeouts = new AtomicLong();
        final AtomicLong sampled = new AtomicLong();
        final AtomicLong probeGets = new AtomicLong();
        volatile long windowStart = System.nanoTime();
        final ExecutorService probes = Executors.newFixedThreadPool(2);
        final AtomicLong streamEvents = new AtomicLong();
        volatile Thread streamThread;
        volatile boolean streamConnected;
        final AtomicInteger streamReconnects = new AtomicInteger();

        /** a command's answer ({@code streamed} false) or a delivery by the stream, at {@code nanos} */
        record Mark(long nanos, boolean streamed) {
        }

        /** a delivery no answer claimed within this long is dropped (an event of a command answered outside a window) */
        static final long UNCLAIMED_DELIVERY_NANOS = 30_000_000_000L;

        Lag(Api api) {
            this.api = api;
        }

        void committed(String rid, String eventType, int ordinal, long nanos, String reader, Predicate<JsonNode> visible) {
            if (!enabled) return;
            commands.incrementAndGet();
            pending.compute(rid + "/" + eventType + "#" + ordinal, (k, m) -> {
                if (m != null && m.streamed()) {
                    matched(nanos, m.nanos());
                    return null;
                }
                return new Mark(nanos, false);
            });
            if (visible != null && reader != null && sampled.incrementAndGet() % 3 == 0 && inFlight.get() < 2) {
                inFlight.incrementAndGet();
                probes.execute(() -> {
                    try {
                        long deadline = nanos + 10_000_000_000L;
                        while (System.nanoTime() < deadline) {
                            long asked = System.nanoTime();
                            probeGets.incrementAndGet();
                            Answer r = api.probe(reader, "/api/resolutions/" + rid);
                            if (r.ok() && visible.test(r.json())) {
                                apiLag.recordValue(Math.max(1, (System.nanoTime() - nanos) / 1000));
                                apiLagAtRequest.recordValue(Math.max(1, (asked - nanos) / 1000));
                                return;
                            }
                            LockSupport.parkNanos(pollInterval(System.nanoTime() - nanos));
                        }
                        apiTimeouts.incrementAndGet();
                    } finally {
                        inFlight.decrementAndGet();
                    }
                });
            }
        }

        /** the stream delivered the change {@code key} at {@code nanos} */
        void streamed(String key, long nanos) {
            pending.compute(key, (k, m) -> {
                if (m != null && !m.streamed()) {
                    matched(m.nanos(), nanos);
                    return null;
                }
                return m != null ? m : new Mark(nanos, true);
            });
            if (streamEvents.incrementAndGet() % 4096 == 0) {
                pending.values().removeIf(m -> m.streamed() && nanos - m.nanos() > UNCLAIMED_DELIVERY_NANOS);
            }
        }

        private void matched(long answeredAt, long streamedAt) {
            long d = (streamedAt - answeredAt) / 1000;
            if (d <= 0) seenBeforeResponse.incrementAndGet();
            long v = Math.max(1, Math.min(d, 60_000_000L));
            streamLag.recordValue(v);
            long window = Math.max(0, (answeredAt - windowStart) / 10_000_000_000L) * 10;
            streamLagWindows.computeIfAbsent(window, w -> new ConcurrentHistogram(60_000_000L, 3)).recordValue(v);
        }

        /** 5 ms within the first 50 ms after the answer, then doubling from 10 ms to at most 100 ms. */
        static long pollInterval(long sinceAnswerNanos) {
            long ms = sinceAnswerNanos / 1_000_000L;
            if (ms < 50) return 5_000_000L;
            long interval = 10;
            for (long t = 100; t <= ms && interval < 100; t *= 2) interval *= 2;
            return Math.min(interval, 100) * 1_000_000L;
        }

        /**
         * Subscribes to the query side's live stream (as a member, who sees every change), as a real client does: a
         * stream that ends (the server drops a subscriber that falls more than its buffer behind, or ends it after its
         * maximum lifetime) is opened again with the last {@code id} as {@code Last-Event-ID}, so the changes in
         * between arrive by the replay (and count with their real, later arrival).
         */
        void connectStream(String who) {
            Thread t = new Thread(() -> {
                String lastId = null;
                while (!Thread.currentThread().isInterrupted()) {
                    HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(api.queryUrl + "/api/stream"))
                            .header("Authorization", "Bearer " + api.token(who))
                            .header("Accept", "text/event-stream").GET();
                    if (lastId != null) req.header("Last-Event-ID", lastId);
                    try {
                        HttpResponse<Stream<String>> resp = api.http.send(req.build(), HttpResponse.BodyHandlers.ofLines());
                        streamConnected = resp.statusCode() == 200;
                        String event = null;
                        for (var it = resp.body().iterator(); it.hasNext(); ) {
                            String line = it.next();
                            long now = System.nanoTime();
                            if (line.startsWith("event:")) {
                                event = line.substring(6).trim();
                            } else if (line.startsWith("id:")) {
                                lastId = line.substring(3).trim();
                            } else if (line.startsWith("data:") && "resolution".equals(event)) {
                                JsonNode d = Api.JSON.readTree(line.substring(5));
                                String rid = d.path("id").asText();
                                String type = d.path("event").asText();
                                Map<String, Integer> counts = streamCounts.computeIfAbsent(rid, k -> new HashMap<>());
                                int n = counts.merge(type, 1, Integer::sum);
                                // the workflow's last event: nothing more of this resolution will come
                                if ("ResolutionAdopted".equals(type)) streamCounts.remove(rid);
                                streamed(rid + "/" + type + "#" + n, now);
                            } else if (line.isEmpty()) {
                                event = null;
                            }
                        }
                    } catch (InterruptedException e) {
                        return;
                    } catch (Exception e) {
                        if (Thread.currentThread().isInterrupted()) return;
                        // said once per outage (the query side is down during a rebuild), then retried quietly
                        if (streamConnected) {
                            System.err.println("stream: disconnected (" + e.getClass().getSimpleName()
                                    + (e.getMessage() == null ? "" : ": " + e.getMessage())
                                    + "); reconnecting every 500 ms with Last-Event-ID");
                        }
                        streamConnected = false;
                    }
                    streamReconnects.incrementAndGet();
                    LockSupport.parkNanos(streamConnected ? 50_000_000L : 500_000_000L);
                }
            }, "sse");
            t.setDaemon(true);
            t.start();
            streamThread = t;
        }

        /** Starts a new measurement window (the stream stays connected); only while no command is in flight. */
        void clear() {
            pending.clear();
            streamCounts.clear();
            restart();
        }

        /**
         * Starts a new measurement window while commands are in flight: the answers before it are forgotten, what the
         * stream delivered is kept (its per-change counts match the workflows' ordinals only if never reset midway).
         */
        void restart() {
            pending.values().removeIf(m -> !m.streamed());
            commands.set(0);
            seenBeforeResponse.set(0);
            streamLag.reset();
            streamLagWindows.clear();
            apiLag.reset();
            apiLagAtRequest.reset();
            apiTimeouts.set(0);
            sampled.set(0);
            probeGets.set(0);
            windowStart = System.nanoTime();
        }

        Map<String, Object> summary() throws InterruptedException {
            double windowSeconds = (System.nanoTime() - windowStart) / 1e9;
            // give the stream a moment to deliver the last changes
            Thread.sleep(2000);
            Map<String, Object> m = new LinkedHashMap<>();
            Map<String, Object> q = new LinkedHashMap<>();
            q.put("samples", apiLag.getTotalCount());
            q.putAll(percentiles(apiLag));
            q.put("timeouts", apiTimeouts.get());
            q.put("probeGets", probeGets.get());
            q.put("probeGetsPerSecond", round(probeGets.get() / Math.max(1e-9, windowSeconds)));
            m.put("queryApi", q);
            Map<String, Object> asked = new LinkedHashMap<>(percentiles(apiLagAtRequest));
            asked.put("samples", apiLagAtRequest.getTotalCount());
            m.put("queryApiAtRequest", asked);
            long missing = pending.values().stream().filter(mk -> !mk.streamed()).count();
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("connected", streamConnected);
            s.put("reconnects", streamReconnects.get());
            s.put("commands", commands.get());
            s.put("matched", streamLag.getTotalCount());
            s.putAll(percentiles(streamLag));
            s.put("notSeen", missing);
            s.put("seenBeforeResponse", seenBeforeResponse.get());
            List<Map<String, Object>> perWindow = new ArrayList<>();
            new TreeMap<>(streamLagWindows).forEach((from, h) -> {
                Map<String, Object> w = new LinkedHashMap<>();
                w.put("fromSecond", from);
                w.put("samples", h.getTotalCount());
                w.put("p50", ms(h.getValueAtPercentile(50)));
                w.put("p99", ms(h.getValueAtPercentile(99)));
                w.put("max", ms(h.getMaxValue()));
                perWindow.add(w);
            });
            s.put("windows", perWindow);
            m.put("stream", s);
            return m;
        }

        void close() {
            probes.shutdownNow();
            if (streamThread != null) streamThread.interrupt();
        }
    }

    static void sleepUntil(long nanoTime) throws InterruptedException {
        for (long wait; (wait = nanoTime - System.nanoTime()) > 0; ) {
            Thread.sleep(Math.max(1, wait / 1_000_000));
        }
    }

    static Duration seconds(double s) {
        return Duration.ofMillis((long) (s * 1000));
    }
}
