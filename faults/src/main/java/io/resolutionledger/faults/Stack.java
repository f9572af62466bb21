package io.resolutionledger.faults;

import java.io.File;
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
import java.util.concurrent.TimeUnit;

/**
 * The real processes of a run, all children of the suite: the durable embedded PostgreSQL of {@code ./ledger up}
 * (LocalPostgres, {@code synchronous_commit=on}, {@code fsync=on}) on the suite's own port and data folder, and any
 * number of command-side and query-side instances (the services' exec jars) on ports of their own. Logs go to
 * {@code <work>/logs}, one file per process start.
 */
final class Stack {

    /** Generous: the machine this runs on may be shared and heavily loaded. */
    static final long START_SECONDS = Long.getLong("faults.start-seconds", 300);

    final Path root;
    final Path work;
    final Path logs;
    final int pgPort;
    final Path pgData;
    Process postgres;
    int postgresStarts;
    final List<Svc> services = new ArrayList<>();

    final class Svc {
        final String name;
        final String jar;
        final int port;
        final Map<String, String> env;
        Process process;
        int starts;

        Svc(String name, String jar, int port, Map<String, String> env) {
            this.name = name;
            this.jar = jar;
            this.port = port;
            this.env = env;
        }

        String url() {
            return "http://localhost:" + port;
        }

        long pid() {
            return process == null ? -1 : process.pid();
        }

        boolean alive() {
            return process != null && process.isAlive();
        }

        /** Starts the process; waits until its readiness probe answers 200. */
        void start() throws Exception {
            launch();
            awaitReady();
        }

        void launch() throws IOException {
            starts++;
            List<String> cmd = new ArrayList<>(List.of(java(), "-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                    "-XX:+ExitOnOutOfMemoryError", "-jar", root.resolve(jar).toString(),
                    "--spring.profiles.active=local", "--server.port=" + port));
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(logs.resolve(name + "-" + starts + ".log").toFile());
            pb.environment().put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
            pb.environment().put("LEDGER_DB_URL", jdbcUrl());
            pb.environment().put("LEDGER_DB_USER", "postgres");
            pb.environment().put("LEDGER_DB_PASSWORD", "postgres");
            pb.environment().put("LEDGER_DB_POOL_SIZE", "10");
            pb.environment().putAll(env);
            process = pb.start();
        }

        void awaitReady() throws Exception {
            waitReady(name, process, url() + "/actuator/health/readiness");
        }

        boolean ready() {
            return probe(url() + "/actuator/health/readiness") == 200;
        }

        /** kill -9: no shutdown hook, no graceful drain, no release of token claims. */
        void kill9() throws InterruptedException {
            if (process != null && process.isAlive()) {
                process.destroyForcibly();
                process.waitFor(60, TimeUnit.SECONDS);
            }
        }

        void stop() {
            Stack.stop(process);
        }
    }

    Stack(Path root, Path work, int pgPort) throws IOException {
        this.root = root;
        this.work = work;
        this.logs = work.resolve("logs");
        this.pgPort = pgPort;
        this.pgData = work.resolve("postgres");
        Files.createDirectories(logs);
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll));
    }

    Svc service(String name, String jar, int port, Map<String, String> env) {
        Svc s = new Svc(name, jar, port, env);
        services.add(s);
        return s;
    }

    String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + pgPort + "/ledger";
    }

    void startPostgres() throws Exception {
        postgresStarts++;
        // snapshots taken by faults/run.sh of the ledger-testkit jar (LocalPostgres) and its runtime classpath
        Path classes = root.resolve("faults/target/pg-classes");
        String cp = classes.resolve("ledger-testkit.jar") + File.pathSeparator
                + Files.readString(classes.resolve("classpath")).trim();
        Path log = logs.resolve("postgres-" + postgresStarts + ".log");
        postgres = new ProcessBuilder(java(), "-Xmx128m", "-cp", cp, "io.resolutionledger.testkit.LocalPostgres",
                pgData.toString(), String.valueOf(pgPort))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
        while (true) {
            if (Files.exists(log) && Files.readString(log).contains("PostgreSQL ready")) return;
            if (!postgres.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("PostgreSQL did not start; see " + log);
            }
            Thread.sleep(300);
        }
    }

    /** The postmaster's pid, from the first line of postmaster.pid in the data directory. */
    long postmasterPid() throws IOException {
        return Long.parseLong(Files.readAllLines(pgData.resolve("postmaster.pid")).get(0).trim());
    }

    /**
     * Stops PostgreSQL the way {@code pg_ctl stop -m immediate} does (SIGQUIT to the postmaster: no checkpoint, crash
     * recovery at the next start), SIGKILL if it is still there after 30 s; then SIGKILLs the LocalPostgres JVM that
     * had started it, so its shutdown hook cannot later stop the next PostgreSQL on the same data directory.
     */
    void stopPostgresImmediately() throws Exception {
        long pid = postmasterPid();
        signal("QUIT", pid);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            signal("KILL", pid);
        }
        postgres.destroyForcibly();
        postgres.waitFor(30, TimeUnit.SECONDS);
    }

    /**
     * Pauses every PostgreSQL process (the postmaster and each backend) with SIGSTOP: a database that hangs, not one
     * that is down. Connections stay open and nothing answers; new connections are accepted by the kernel and then get
     * no answer either. Answers the pids, for {@link #resumePostgres}.
     */
    List<Long> pausePostgres() throws Exception {
        long pid = postmasterPid();
        List<Long> pids = new java.util.ArrayList<>();
        pids.add(pid);
        ProcessHandle.of(pid).ifPresent(p -> p.descendants().forEach(d -> pids.add(d.pid())));
        for (long p : pids) {
            signal("STOP", p);
        }
        return pids;
    }

    void resumePostgres(List<Long> pids) throws Exception {
        for (long p : pids) {
            signal("CONT", p);
        }
    }

    private static void signal(String sig, long pid) throws Exception {
        new ProcessBuilder("kill", "-" + sig, String.valueOf(pid)).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
    }

    static int probe(String url) {
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return r.statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    static void waitReady(String name, Process p, String url) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) throw new IllegalStateException(name + " stopped during start-up; see its log");
            if (probe(url) == 200) return;
            Thread.sleep(500);
        }
        throw new IllegalStateException(name + " not ready after " + START_SECONDS + " s");
    }

    static void stop(Process p) {
        if (p == null || !p.isAlive()) return;
        p.destroy();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void stopAll() {
        for (int i = services.size() - 1; i >= 0; i--) {
            services.get(i).stop();
        }
        stop(postgres);
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
