package io.resolutionledger.bench;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A JFR profile of one level of the command load ({@code jcmd PID JFR.start settings=profile}, stopped at the end of
 * the measured window) and its summary: the execution samples attributed to the innermost layer that is not the JDK
 * (as in issue 11: security, Axon, Jackson, Micrometer, the PostgreSQL driver, Tomcat, Spring, the ledger's own code),
 * the methods on top of the stack, and for a few frames the share of samples that have them anywhere on the stack.
 */
final class Profile {

    /** innermost-layer attribution: the first frame from the top whose class starts with one of these */
    static final List<String[]> LAYERS = List.of(
            new String[]{"io.resolutionledger.", "ledger code"},
            new String[]{"org.springframework.security.", "Spring Security / JWT"},
            new String[]{"com.nimbusds.", "Spring Security / JWT"},
            new String[]{"org.axonframework.", "Axon"},
            new String[]{"com.fasterxml.jackson.", "Jackson"},
            new String[]{"io.micrometer.", "Micrometer"},
            new String[]{"org.postgresql.", "PostgreSQL driver"},
            new String[]{"com.zaxxer.hikari.", "Hikari"},
            new String[]{"org.apache.", "Tomcat"},
            new String[]{"org.hibernate.validator.", "Bean Validation"},
            new String[]{"ch.qos.logback.", "logging"},
            new String[]{"org.slf4j.", "logging"},
            new String[]{"org.springframework.", "Spring (web, tx, beans)"},
            new String[]{"java.math.BigInteger", "RSA arithmetic (JDK)"},
            new String[]{"sun.security.", "JDK crypto"});

    /** frames whose presence anywhere on a sample's stack is reported (share of all samples) */
    static final Map<String, String> MARKERS = new LinkedHashMap<>();

    static {
        MARKERS.put("security filter chain", "org.springframework.security.web.FilterChainProxy.doFilter");
        MARKERS.put("JWT decode + verify (Nimbus)", "org.springframework.security.oauth2.jwt.NimbusJwtDecoder.decode");
        MARKERS.put("controller (DispatcherServlet)", "org.springframework.web.servlet.DispatcherServlet.doDispatch");
        MARKERS.put("command bus (Axon handle)", "org.axonframework.commandhandling.SimpleCommandBus.handle");
        MARKERS.put("aggregate load (repository)", "org.axonframework.modelling.command.AbstractRepository.load");
        MARKERS.put("conference directory", "io.resolutionledger.command.conference.");
        MARKERS.put("session directory", "io.resolutionledger.command.session.");
        MARKERS.put("event append (storage engine)", "org.axonframework.eventsourcing.eventstore.AbstractEventStorageEngine.appendEvents");
        MARKERS.put("event read (storage engine)", "org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine.fetchDomainEvents");
        MARKERS.put("transaction commit", "org.springframework.transaction.support.AbstractPlatformTransactionManager.commit");
        MARKERS.put("idempotency store", "io.resolutionledger.command.idempotency.IdempotencyStore");
        MARKERS.put("Micrometer", "io.micrometer.");
        MARKERS.put("Jackson", "com.fasterxml.jackson.");
        MARKERS.put("PostgreSQL driver", "org.postgresql.");
        MARKERS.put("Hikari", "com.zaxxer.hikari.");
        MARKERS.put("Tomcat connector (NIO poller, parsing)", "org.apache.coyote.");
        MARKERS.put("logging", "ch.qos.logback.");
        // the query side during a rebuild
        MARKERS.put("event stream read (storage engine)", "org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine.fetchTrackedEvents");
        MARKERS.put("upcasting / deserialization (Axon)", "org.axonframework.serialization.");
        MARKERS.put("processor batch (pooled streaming)", "org.axonframework.eventhandling.pooled.WorkPackage.processEvents");
        MARKERS.put("read-models handlers", "io.resolutionledger.query.resolutions.");
        MARKERS.put("sessions projection", "io.resolutionledger.query.sessions.");
        MARKERS.put("stats projection", "io.resolutionledger.query.stats.");
        MARKERS.put("audit projection", "io.resolutionledger.query.audit.");
        MARKERS.put("batch flush (config.Batches)", "io.resolutionledger.query.config.Batches");
        MARKERS.put("verifiable log (query.ledger)", "io.resolutionledger.query.ledger.");
        MARKERS.put("live stream tail", "io.resolutionledger.query.stream.");
        MARKERS.put("token store", "org.axonframework.eventhandling.tokenstore.");
        MARKERS.put("dead-letter queue", "org.axonframework.eventhandling.deadletter.");
        MARKERS.put("JDBC batch (Spring JdbcTemplate.batchUpdate)", "org.springframework.jdbc.core.JdbcTemplate.batchUpdate");
    }

    static void start(long pid, String name) throws Exception {
        jcmd(pid, "JFR.start", "name=" + name, "settings=profile");
    }

    static void stop(long pid, String name, Path file) throws Exception {
        Files.createDirectories(file.getParent());
        jcmd(pid, "JFR.stop", "name=" + name, "filename=" + file.toAbsolutePath());
    }

    private static void jcmd(long pid, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), String.valueOf(pid)));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("jcmd " + String.join(" ", args) + ": " + out);
        }
    }

    /** The summary of a recording's execution samples; also written as text next to it ({@code .txt}). */
    static Map<String, Object> summarize(Path jfr) throws Exception {
        long total = 0;
        Map<String, Long> layers = new HashMap<>();
        Map<String, Long> top = new HashMap<>();
        Map<String, Long> markers = new LinkedHashMap<>();
        MARKERS.keySet().forEach(k -> markers.put(k, 0L));
        try (RecordingFile f = new RecordingFile(jfr)) {
            while (f.hasMoreEvents()) {
                RecordedEvent e = f.readEvent();
                if (!"jdk.ExecutionSample".equals(e.getEventType().getName())) continue;
                RecordedStackTrace st = e.getStackTrace();
                if (st == null || st.getFrames().isEmpty()) continue;
                total++;
                List<RecordedFrame> frames = st.getFrames();
                top.merge(name(frames.get(0)), 1L, Long::sum);
                String layer = "JDK";
                outer:
                for (RecordedFrame fr : frames) {
                    String n = name(fr);
                    for (String[] l : LAYERS) {
                        if (n.startsWith(l[0])) {
                            layer = l[1];
                            break outer;
                        }
                    }
                }
                layers.merge(layer, 1L, Long::sum);
                for (var m : MARKERS.entrySet()) {
                    for (RecordedFrame fr : frames) {
                        if (name(fr).startsWith(m.getValue())) {
                            markers.merge(m.getKey(), 1L, Long::sum);
                            break;
                        }
                    }
                }
            }
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("file", jfr.getFileName().toString());
        r.put("samples", total);
        r.put("innermostLayer", percent(layers, total, 20));
        r.put("onStack", percent(markers, total, 100));
        r.put("topFrames", percent(top, total, 25));
        StringBuilder s = new StringBuilder("JFR execution samples: " + total + " (" + jfr.getFileName() + ")\n\nby innermost layer:\n");
        ((Map<?, ?>) r.get("innermostLayer")).forEach((k, v) -> s.append(String.format("  %6s %%  %s%n", v, k)));
        s.append("\nsamples with the frame anywhere on the stack:\n");
        ((Map<?, ?>) r.get("onStack")).forEach((k, v) -> s.append(String.format("  %6s %%  %s%n", v, k)));
        s.append("\ntop frames (self):\n");
        ((Map<?, ?>) r.get("topFrames")).forEach((k, v) -> s.append(String.format("  %6s %%  %s%n", v, k)));
        Files.writeString(Path.of(jfr.toString().replaceAll("\\.jfr$", ".txt")), s.toString());
        return r;
    }

    private static Map<String, Object> percent(Map<String, Long> counts, long total, int limit) {
        Map<String, Object> m = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(limit)
                .forEach(e -> m.put(e.getKey(), total == 0 ? 0 : Load.round(100.0 * e.getValue() / total)));
        return m;
    }

    private static String name(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }

    private Profile() {
    }
}
