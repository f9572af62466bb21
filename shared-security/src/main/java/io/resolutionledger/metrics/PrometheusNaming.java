package io.resolutionledger.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Metric and label names as Prometheus users expect them, for every meter of the service (a {@link MeterFilter},
 * which Boot applies to the registry before any meter exists): camelCase segments become snake_case
 * ({@code eventProcessor.allTimer} → {@code axon_event_processor_all_timer_seconds}, label {@code processorName} →
 * {@code processor_name}); Axon's meters, named after its components, get the prefix {@code axon}; a meter without a
 * description gets one, so that every metric has its HELP line; Axon's {@code successCounter} loses the type in its
 * name ({@code axon_command_bus_success_total}); counters in milli- or nanoseconds are dropped (their name would
 * have to say seconds). Both services import it (their metrics configuration).
 */
@Configuration(proxyBeanMethods = false)
public class PrometheusNaming {

    /** The components Axon names its meters after (MetricsConfigurerModule, dimensional or not). */
    static final Set<String> AXON_COMPONENTS = Set.of("commandBus", "commandHandler", "eventBus", "eventStore",
            "eventProcessor", "eventHandler", "queryBus", "queryUpdateEmitter", "queryHandler", "sagaManager",
            "deadlineManager", "eventScheduler");

    /** What Axon's meters measure, by the last segment of their name. */
    static final Map<String, String> AXON_MEANINGS = Map.ofEntries(
            Map.entry("allTimer", "time to handle a message, any outcome"),
            Map.entry("successTimer", "time to handle a message that succeeded"),
            Map.entry("failureTimer", "time to handle a message that failed"),
            Map.entry("ignoredTimer", "time to pass a message no handler took"),
            Map.entry("successCounter", "messages handled successfully"),
            Map.entry("failureCounter", "messages whose handling failed"),
            Map.entry("ingestedCounter", "messages received"),
            Map.entry("processedCounter", "messages processed"),
            Map.entry("ignoredCounter", "messages no handler took"),
            Map.entry("latency", "delay between publication and handling of an event"),
            Map.entry("capacity", "share of the time the component was busy handling"),
            Map.entry("messageTimer", "time to handle a message"));

    static final Set<String> NON_BASE_TIME_UNITS = Set.of("ms", "milliseconds", "us", "microseconds", "ns",
            "nanoseconds");

    @Bean
    public MeterFilter snakeCaseMeterNames() {
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                return rename(id);
            }

            @Override
            public MeterFilterReply accept(Meter.Id id) {
                // a counter in milli- or nanoseconds (Micrometer's jvm.compilation.time, process.cpu.time) cannot be
                // named in Prometheus' base unit without converting its values, which a filter cannot do
                return id.getBaseUnit() != null && NON_BASE_TIME_UNITS.contains(id.getBaseUnit())
                        ? MeterFilterReply.DENY : MeterFilterReply.NEUTRAL;
            }
        };
    }

    static Meter.Id rename(Meter.Id id) {
        String[] segments = id.getName().split("\\.");
        boolean axon = segments.length > 0 && AXON_COMPONENTS.contains(segments[0]);
        List<String> snake = new ArrayList<>();
        if (axon) {
            snake.add("axon");
        }
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            boolean last = i == segments.length - 1;
            if (last && id.getType() == Meter.Type.COUNTER && segment.endsWith("Counter") && segment.length() > 7) {
                // Axon's successCounter: the type is not part of a Prometheus name (…_success_total)
                segment = segment.substring(0, segment.length() - 7);
            }
            if (last && segment.equals("count") && id.getType() == Meter.Type.GAUGE) {
                // a gauge may not end in _count (that suffix belongs to histograms and summaries): system.cpu.count
                segment = "number";
            }
            snake.add(snake(segment));
        }
        String name = String.join(".", snake);
        List<Tag> tags = new ArrayList<>();
        for (Tag tag : id.getTagsAsIterable()) {
            tags.add(Tag.of(snake(tag.getKey()), tag.getValue()));
        }
        if (id.getDescription() != null && !id.getDescription().isBlank()) {
            return id.withName(name).replaceTags(tags);
        }
        return new Meter.Id(name, Tags.of(tags), id.getBaseUnit(), describe(segments, axon), id.getType());
    }

    /** A HELP text for a meter its library left without one: what it measures, and whose it is. */
    static String describe(String[] segments, boolean axon) {
        String last = segments[segments.length - 1];
        String what = AXON_MEANINGS.getOrDefault(last, words(last));
        String whose = words(String.join(" ", List.of(segments).subList(0, Math.max(1, segments.length - 1))));
        return (axon ? "Axon " : "") + whose + ": " + what;
    }

    static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replaceAll("([A-Z])([A-Z][a-z])", "$1_$2")
                .replace('-', '_').toLowerCase(Locale.ROOT);
    }

    private static String words(String camel) {
        return snake(camel).replace('_', ' ');
    }
}
