package io.resolutionledger.testkit;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules of {@code promtool check metrics} (Prometheus' promlint) over a scrape in the text format: every metric
 * has HELP text, metric and label names are snake_case, counters end in {@code _total} and nothing else does, no
 * abbreviated units. {@link #promtool(String)} runs the real promtool on the same text where it is installed
 * (Debian's {@code prometheus} package; {@code .ci/run} provides it), so the two can be compared.
 */
public final class PrometheusLint {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+\\S+.*$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"(?:[^\"\\\\]|\\\\.)*\"");
    private static final Pattern CAMEL = Pattern.compile("[a-z][A-Z]");
    /** promlint's list of unit abbreviations a metric name must not use. */
    private static final Set<String> ABBREVIATIONS = Set.of("s", "ms", "us", "ns", "sec", "b", "kb", "mb", "gb",
            "tb", "pb", "m", "h", "d");
    /** promlint's units that have a base unit to use instead. */
    private static final Map<String, String> NON_BASE_UNITS = Map.of("milliseconds", "seconds", "microseconds",
            "seconds", "nanoseconds", "seconds", "minutes", "seconds", "hours", "seconds", "days", "seconds",
            "kilobytes", "bytes", "megabytes", "bytes", "gigabytes", "bytes");
    private static final List<String> SUFFIXES = List.of("_bucket", "_count", "_sum", "_total", "_created", "_max",
            "_info");

    private PrometheusLint() {
    }

    /** The problems promlint would report, one line each ("name: problem"). */
    public static List<String> problems(String exposition) {
        Map<String, String> help = new HashMap<>();
        Map<String, String> types = new HashMap<>();
        Map<String, Set<String>> samples = new HashMap<>();
        Set<String> labels = new LinkedHashSet<>();
        for (String line : exposition.split("\n")) {
            if (line.startsWith("# HELP ")) {
                String[] parts = line.substring(7).split(" ", 2);
                help.put(parts[0], parts.length > 1 ? parts[1].trim() : "");
            } else if (line.startsWith("# TYPE ")) {
                String[] parts = line.substring(7).split(" ", 2);
                types.put(parts[0], parts.length > 1 ? parts[1].trim() : "untyped");
            } else if (!line.isBlank() && !line.startsWith("#")) {
                Matcher m = SAMPLE.matcher(line);
                if (!m.matches()) {
                    continue;
                }
                samples.computeIfAbsent(family(m.group(1), types.keySet()), k -> new LinkedHashSet<>()).add(m.group(1));
                if (m.group(2) != null) {
                    Matcher l = LABEL.matcher(m.group(2));
                    while (l.find()) {
                        labels.add(m.group(1) + ": label " + l.group(1));
                    }
                }
            }
        }
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> family : types.entrySet()) {
            String name = family.getKey();
            String type = family.getValue();
            if (help.getOrDefault(name, "").isEmpty()) {
                problems.add(name + ": no help text");
            }
            if (CAMEL.matcher(name).find()) {
                problems.add(name + ": metric names should be written in 'snake_case' not 'camelCase'");
            }
            Set<String> names = samples.getOrDefault(name, Set.of());
            if (type.equals("counter") && names.stream().noneMatch(n -> n.endsWith("_total"))) {
                problems.add(name + ": counter metrics should have \"_total\" suffix");
            }
            if (!type.equals("counter") && name.endsWith("_total")) {
                problems.add(name + ": non-counter metrics should not have \"_total\" suffix");
            }
            for (String part : name.split("_")) {
                if (ABBREVIATIONS.contains(part)) {
                    problems.add(name + ": metric names should not contain abbreviated units");
                }
                if (NON_BASE_UNITS.containsKey(part)) {
                    problems.add(name + ": use base unit \"" + NON_BASE_UNITS.get(part) + "\" instead of \"" + part
                            + "\"");
                }
            }
            if (List.of(name.split("_")).contains(type) && !type.equals("untyped")) {
                problems.add(name + ": metric name should not include type '" + type + "'");
            }
            if (!type.equals("histogram") && !type.equals("summary")
                    && names.stream().anyMatch(n -> n.endsWith("_count") || n.endsWith("_sum"))) {
                problems.add(name + ": non-histogram and non-summary metrics should not have \"_count\" suffix");
            }
        }
        for (String label : labels) {
            if (CAMEL.matcher(label.substring(label.lastIndexOf(' ') + 1)).find()) {
                problems.add(label + ": label names should be written in 'snake_case' not 'camelCase'");
            }
        }
        return problems;
    }

    private static String family(String sample, Set<String> families) {
        if (families.contains(sample)) {
            return sample;
        }
        for (String suffix : SUFFIXES) {
            if (sample.endsWith(suffix) && families.contains(sample.substring(0, sample.length() - suffix.length()))) {
                return sample.substring(0, sample.length() - suffix.length());
            }
        }
        return sample;
    }

    /** promtool on PATH, or where {@code PROMTOOL} points. */
    public static Optional<Path> promtoolBinary() {
        String configured = System.getenv("PROMTOOL");
        if (configured != null && Files.isExecutable(Path.of(configured))) {
            return Optional.of(Path.of(configured));
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path candidate = Path.of(dir, "promtool");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** What {@code promtool check metrics} says about the text (empty when it is content); absent without promtool. */
    public static Optional<String> promtool(String exposition) {
        Optional<Path> binary = promtoolBinary();
        if (binary.isEmpty()) {
            return Optional.empty();
        }
        try {
            Process process = new ProcessBuilder(binary.get().toString(), "check", "metrics")
                    .redirectErrorStream(true).start();
            try (OutputStream in = process.getOutputStream()) {
                in.write(exposition.getBytes(StandardCharsets.UTF_8));
            }
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("promtool did not finish");
            }
            return Optional.of(process.exitValue() == 0 ? "" : out.isBlank() ? "exit " + process.exitValue() : out);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run promtool", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
