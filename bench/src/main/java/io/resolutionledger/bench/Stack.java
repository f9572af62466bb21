package io.resolutionledger.bench;

import io.resolutionledger.testkit.Jdbc;
import io.resolutionledger.testkit.ProcessStack;
import io.resolutionledger.testkit.ProcessStack.Child;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The benchmark's processes on the testkit's {@link ProcessStack}: the embedded PostgreSQL of {@code ./ledger up}
 * (LocalPostgres: durable commits) and the two service jars, each on the benchmark's own ports and data folder, with
 * logs in {@code <data>/logs} (one per process, appended across restarts).
 */
final class Stack {

    /** Generous: a rebuild's query side starts while the machine is busy. */
    static final Duration START = Duration.ofSeconds(360);

    final Path root;
    final Path data;
    final int pgPort;
    final ProcessStack processes;
    Child postgres;
    Child command;
    Child query;

    Stack(Path root, Path data, int pgPort) throws IOException {
        this.root = root;
        this.data = data;
        this.pgPort = pgPort;
        this.processes = new ProcessStack(data.resolve("logs"), false, Duration.ofSeconds(30));
    }

    String jdbcUrl() {
        return Jdbc.localUrl(pgPort);
    }

    void startPostgres(List<String> jvmOptions) throws Exception {
        // ledger-testkit's jar and runtime classpath, written by scripts/local-postgres-classpath (bench/run.sh)
        String cp = Files.readString(root.resolve("ledger-testkit/target/local-postgres.classpath")).trim();
        postgres = processes.postgres(cp, data.resolve("postgres"), pgPort, jvmOptions).start(Duration.ofSeconds(90));
    }

    Child startService(String name, String jar, int port, Map<String, String> env, List<String> args) throws Exception {
        return startService(name, jar, port, env, List.of(), args);
    }

    /** {@code jvmArgs} go before {@code -jar} (e.g. a JFR recording that must cover the start-up, as in a rebuild). */
    Child startService(String name, String jar, int port, Map<String, String> env, List<String> jvmArgs,
                       List<String> args) throws Exception {
        return processes.service(name, root.resolve(jar), port, jdbcUrl(), env, jvmArgs, args).start(START);
    }

    static void stop(Child c) {
        if (c != null) {
            c.stop();
        }
    }

    void stopAll() {
        processes.close();
    }

    /** The postmaster's pid (first line of postmaster.pid in the data folder), or null. */
    Long postmasterPid() {
        try {
            return Long.parseLong(Files.readAllLines(data.resolve("postgres/postmaster.pid")).get(0).trim());
        } catch (Exception e) {
            return null;
        }
    }

    /** Resident set size of a process in bytes, from /proc/PID/status (VmRSS); -1 where there is no /proc. */
    static long rss(Child c) {
        if (c == null || c.pid() < 0) return -1;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + c.pid() + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (Exception ignored) {
            // not Linux
        }
        return -1;
    }
}
