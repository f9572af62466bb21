package io.resolutionledger.faults;

import io.resolutionledger.testkit.Jdbc;
import io.resolutionledger.testkit.ProcessStack;
import io.resolutionledger.testkit.ProcessStack.Child;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real processes of a run on the testkit's {@link ProcessStack}, all children of the suite: the durable embedded
 * PostgreSQL of {@code ./ledger up} (LocalPostgres, {@code synchronous_commit=on}, {@code fsync=on}) on the suite's
 * own port and data folder, and any number of command-side and query-side instances (the services' exec jars) on
 * ports of their own. Logs go to {@code <work>/logs}, one file per process start. What is the suite's own: the faults
 * it injects into PostgreSQL (an immediate stop, a pause).
 */
final class Stack {

    /** Generous: the machine this runs on may be shared and heavily loaded. */
    static final long START_SECONDS = Long.getLong("faults.start-seconds", 300);
    static final Duration START = Duration.ofSeconds(START_SECONDS);
    /** The services' JVMs: small and quick to start, as many instances share the machine; out of memory ends one. */
    private static final List<String> SERVICE_JVM = List.of("-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
            "-XX:+ExitOnOutOfMemoryError");

    final Path root;
    final Path work;
    final int pgPort;
    final Path pgData;
    final ProcessStack processes;
    private Child postgres;

    Stack(Path root, Path work, int pgPort) throws IOException {
        this.root = root;
        this.work = work;
        this.pgPort = pgPort;
        this.pgData = work.resolve("postgres");
        this.processes = new ProcessStack(work.resolve("logs"), true, Duration.ofSeconds(60));
    }

    /** A service instance, not started yet; {@code env} (changeable between starts) adds to a pool of 10 connections. */
    Child service(String name, String jar, int port, Map<String, String> env) {
        Map<String, String> all = new HashMap<>();
        all.put("LEDGER_DB_POOL_SIZE", "10");
        all.putAll(env);
        return processes.service(name, root.resolve(jar), port, jdbcUrl(), all, SERVICE_JVM, List.of());
    }

    String jdbcUrl() {
        return Jdbc.localUrl(pgPort);
    }

    /** Starts (again) the durable PostgreSQL on the same data directory and waits until it accepts connections. */
    void startPostgres() throws Exception {
        if (postgres == null) {
            // snapshots taken by faults/run.sh of the ledger-testkit jar (LocalPostgres) and its runtime classpath
            Path classes = root.resolve("faults/target/pg-classes");
            String cp = classes.resolve("ledger-testkit.jar") + File.pathSeparator
                    + Files.readString(classes.resolve("classpath")).trim();
            postgres = processes.postgres(cp, pgData, pgPort, List.of("-Xmx128m"));
        }
        postgres.start(START);
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
        postgres.kill9();
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

    /** Stops every process the run started, the services first, PostgreSQL last. */
    void stopAll() {
        processes.close();
    }
}
