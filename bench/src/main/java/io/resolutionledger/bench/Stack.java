package io.resolutionledger.bench;

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

/**
 * The processes of a run: the embedded PostgreSQL of {@code ./ledger up} (LocalPostgres: durable commits) and the two
 * service jars, each on the benchmark's own ports and data folder, with logs in {@code <data>/logs}.
 */
final class Stack {

    final Path root;
    final Path data;
    final Path logs;
    final int pgPort;
    Process postgres;
    Process command;
    Process query;

    Stack(Path root, Path data, int pgPort) throws IOException {
        this.root = root;
        this.data = data;
        this.logs = data.resolve("logs");
        this.pgPort = pgPort;
        Files.createDirectories(logs);
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll));
    }

    String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + pgPort + "/ledger";
    }

    void startPostgres() throws Exception {
        // ledger-testkit's jar and runtime classpath, written by scripts/local-postgres-classpath (bench/run.sh)
        String cp = Files.readString(root.resolve("ledger-testkit/target/local-postgres.classpath")).trim();
        Path log = logs.resolve("postgres.log");
        postgres = new ProcessBuilder(java(), "-cp", cp, "io.resolutionledger.testkit.LocalPostgres",
                data.resolve("postgres").toString(), String.valueOf(pgPort))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + 90_000_000_000L;
        while (true) {
            if (Files.exists(log) && Files.readString(log).contains("PostgreSQL ready")) return;
            if (!postgres.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("PostgreSQL did not start; see " + log);
            }
            Thread.sleep(300);
        }
    }

    Process startService(String name, String jar, int port, Map<String, String> env, List<String> args) throws Exception {
        return startService(name, jar, port, env, List.of(), args);
    }

    /** {@code jvmArgs} go before {@code -jar} (e.g. a JFR recording that must cover the start-up, as in a rebuild). */
    Process startService(String name, String jar, int port, Map<String, String> env, List<String> jvmArgs,
                         List<String> args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(java()));
        cmd.addAll(jvmArgs);
        cmd.addAll(List.of("-jar", root.resolve(jar).toString(),
                "--spring.profiles.active=local", "--server.port=" + port));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve(name + ".log").toFile()));
        pb.environment().put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
        pb.environment().put("LEDGER_DB_URL", jdbcUrl());
        pb.environment().put("LEDGER_DB_USER", "postgres");
        pb.environment().put("LEDGER_DB_PASSWORD", "postgres");
        pb.environment().putAll(env);
        Process p = pb.start();
        waitReady(name, p, "http://localhost:" + port + "/actuator/health/readiness");
        return p;
    }

    static void waitReady(String name, Process p, String url) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + 360_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) throw new IllegalStateException(name + " stopped during start-up; see its log");
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) return;
            } catch (Exception ignored) {
                // not up yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(name + " not ready after 360 s");
    }

    static void stop(Process p) {
        if (p == null || !p.isAlive()) return;
        p.destroy();
        try {
            if (!p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void stopAll() {
        stop(query);
        stop(command);
        stop(postgres);
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
    static long rss(Process p) {
        if (p == null) return -1;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + p.pid() + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (Exception ignored) {
            // not Linux
        }
        return -1;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
