package io.resolutionledger.faults;

import io.resolutionledger.testkit.JsonHttp.Answer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Client threads that work through a queue of command requests, each with its own Idempotency-Key. A request that
 * gets no answer, a 5xx or a 429 is sent again with the same key (and body) until it gets a definitive answer (2xx
 * or another 4xx) or its deadline passes; every attempt carries a fresh X-Correlation-Id, recorded, so the event
 * store shows which attempt committed.
 */
final class Load {

    enum Kind { PROPOSE, VOTE, OTHER }

    static class Op {
        final Kind kind;
        final String who;
        final String path;
        final String body;
        final Long ifMatch;
        String key = UUID.randomUUID().toString();
        /** picks the command-side instance for each attempt */
        final Supplier<String> target;
        final List<String> correlationIds = Collections.synchronizedList(new ArrayList<>());
        final List<Integer> statuses = Collections.synchronizedList(new ArrayList<>());
        volatile Answer answer;
        volatile boolean replayed;

        Op(Kind kind, String who, String path, String body, Long ifMatch, Supplier<String> target) {
            this.kind = kind;
            this.who = who;
            this.path = path;
            this.body = body;
            this.ifMatch = ifMatch;
            this.target = target;
        }

        boolean acknowledged() {
            return answer != null && answer.ok();
        }
    }

    /** What the clients saw, over all attempts. */
    static final class Seen {
        final AtomicInteger attempts = new AtomicInteger();
        final AtomicInteger retries = new AtomicInteger();
        final AtomicInteger unanswered = new AtomicInteger();
        final AtomicInteger timedOut = new AtomicInteger();
        final AtomicInteger status503 = new AtomicInteger();
        final AtomicInteger status503WithoutRetryAfter = new AtomicInteger();
        final AtomicInteger status5xxOther = new AtomicInteger();
        final AtomicInteger status429 = new AtomicInteger();
        final AtomicInteger replays = new AtomicInteger();
        final AtomicInteger conflictWithoutIfMatch = new AtomicInteger();
        final Map<Integer, Integer> statuses = Collections.synchronizedMap(new TreeMap<>());
        final List<String> samples5xx = Collections.synchronizedList(new ArrayList<>());

        Map<String, Object> counts() {
            Map<String, Object> m = new TreeMap<>();
            m.put("attempts", attempts.get());
            m.put("retries", retries.get());
            m.put("unanswered attempts", unanswered.get());
            m.put("attempts timed out (" + Api.REQUEST_TIMEOUT.toSeconds() + " s)", timedOut.get());
            m.put("503 answers", status503.get());
            m.put("503 without Retry-After", status503WithoutRetryAfter.get());
            m.put("other 5xx answers", status5xxOther.get());
            m.put("429 answers", status429.get());
            m.put("idempotent replays", replays.get());
            m.put("412 answers to requests without If-Match", conflictWithoutIfMatch.get());
            synchronized (statuses) {
                m.put("answers by status", new TreeMap<>(statuses));
            }
            return m;
        }
    }

    final Api api;
    final Seen seen = new Seen();
    private final ConcurrentLinkedQueue<Op> queue = new ConcurrentLinkedQueue<>();
    final List<Op> all = Collections.synchronizedList(new ArrayList<>());
    private final List<Thread> threads = new ArrayList<>();
    private final long deadlineNanos;
    final AtomicInteger acknowledged = new AtomicInteger();
    final AtomicInteger done = new AtomicInteger();
    /** pause of each client between two requests (0: none) */
    volatile long pauseMillis;

    Load(Api api, long deadlineSeconds) {
        this.api = api;
        this.deadlineNanos = System.nanoTime() + TimeUnit.SECONDS.toNanos(deadlineSeconds);
    }

    void add(Op op) {
        all.add(op);
        queue.add(op);
    }

    Load start(int clients) {
        for (int i = 0; i < clients; i++) {
            Thread t = new Thread(this::work, "client-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        return this;
    }

    /** Waits for every client to finish its queue (or for the deadline); true if all requests got a final answer. */
    boolean await() throws InterruptedException {
        for (Thread t : threads) {
            t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()) + 120_000));
        }
        return all.stream().allMatch(o -> o.answer != null);
    }

    private void work() {
        Op op;
        while ((op = queue.poll()) != null) {
            execute(op);
            done.incrementAndGet();
            if (pauseMillis > 0) {
                sleep(pauseMillis);
            }
        }
    }

    /** Sends until a definitive answer: 2xx or a 4xx other than 429. */
    void execute(Op op) {
        int attempt = 0;
        while (System.nanoTime() < deadlineNanos) {
            if (attempt++ > 0) {
                seen.retries.incrementAndGet();
            }
            String correlationId = UUID.randomUUID().toString();
            op.correlationIds.add(correlationId);
            seen.attempts.incrementAndGet();
            Answer r = api.post(op.target.get(), op.who, op.path, op.body, op.ifMatch, op.key, correlationId);
            op.statuses.add(r.status());
            seen.statuses.merge(r.status(), 1, Integer::sum);
            long pause = 1000;
            if (r.unanswered()) {
                seen.unanswered.incrementAndGet();
                if (r.body().contains("HttpTimeoutException")) {
                    seen.timedOut.incrementAndGet();
                }
            } else if (r.status() == 503) {
                seen.status503.incrementAndGet();
                if (r.retryAfter() == null) {
                    seen.status503WithoutRetryAfter.incrementAndGet();
                } else {
                    pause = retryAfterMillis(r.retryAfter());
                }
            } else if (r.status() == 429) {
                seen.status429.incrementAndGet();
                pause = r.retryAfter() == null ? 1000 : retryAfterMillis(r.retryAfter());
            } else if (r.status() >= 500) {
                seen.status5xxOther.incrementAndGet();
                if (seen.samples5xx.size() < 10) {
                    seen.samples5xx.add(r.status() + " " + op.path + ": " + abbreviate(r.body()));
                }
            } else {
                op.answer = r;
                op.replayed = r.replayed();
                if (r.status() == 412 && op.ifMatch == null) {
                    seen.conflictWithoutIfMatch.incrementAndGet();
                }
                if (r.replayed()) {
                    seen.replays.incrementAndGet();
                }
                if (r.ok()) {
                    acknowledged.incrementAndGet();
                }
                return;
            }
            sleep(pause);
        }
    }

    static long retryAfterMillis(String header) {
        try {
            return Math.min(10_000, Math.max(200, Long.parseLong(header.trim()) * 1000));
        } catch (NumberFormatException e) {
            return 1000;
        }
    }

    static String abbreviate(String s) {
        return s == null ? "" : s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
