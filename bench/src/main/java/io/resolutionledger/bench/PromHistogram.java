package io.resolutionledger.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * One histogram of a service's Prometheus page ({@code /actuator/prometheus}): its cumulative bucket counts by upper
 * bound. Two scrapes, at the start and at the end of a window, give the window's distribution; its percentiles are
 * the upper bounds of the buckets they fall in (Micrometer's buckets lie about 10 % apart, so a percentile is
 * reported at most that much above the true value, never below it).
 */
final class PromHistogram {

    final TreeMap<Double, Long> buckets = new TreeMap<>();

    /** The buckets of {@code metric} ({@code NAME_bucket} lines) whose labels contain {@code label}. */
    static PromHistogram parse(String page, String metric, String label) {
        PromHistogram h = new PromHistogram();
        String prefix = metric + "_bucket{";
        for (String line : page.split("\n")) {
            if (!line.startsWith(prefix) || !line.contains(label)) continue;
            int le = line.indexOf("le=\"");
            int close = line.indexOf('"', le + 4);
            String bound = line.substring(le + 4, close);
            double upper = bound.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(bound);
            long count = (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            h.buckets.merge(upper, count, Long::sum);
        }
        return h;
    }

    /** Count, p50, p99 and max bucket (in ms) of what was recorded between {@code start} and {@code end}. */
    static Map<String, Object> window(PromHistogram start, PromHistogram end) {
        TreeMap<Double, Long> diff = new TreeMap<>();
        for (var e : end.buckets.entrySet()) {
            diff.put(e.getKey(), e.getValue() - start.buckets.getOrDefault(e.getKey(), 0L));
        }
        Map<String, Object> m = new LinkedHashMap<>();
        long total = diff.isEmpty() ? 0 : diff.lastEntry().getValue();
        m.put("samples", total);
        if (total == 0) return m;
        m.put("p50", Load.round(percentile(diff, total, 0.50) * 1000));
        m.put("p99", Load.round(percentile(diff, total, 0.99) * 1000));
        m.put("maxBucket", Load.round(percentile(diff, total, 1.0) * 1000));
        return m;
    }

    /** The upper bound (seconds) of the first bucket whose cumulative count reaches {@code q} of {@code total}. */
    private static double percentile(TreeMap<Double, Long> cumulative, long total, double q) {
        long rank = (long) Math.ceil(q * total);
        for (var e : cumulative.entrySet()) {
            if (e.getValue() >= rank) return e.getKey();
        }
        return Double.POSITIVE_INFINITY;
    }
}
