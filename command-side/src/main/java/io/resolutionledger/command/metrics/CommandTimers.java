package io.resolutionledger.command.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.messaging.Message;
import org.axonframework.monitoring.MessageMonitor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.concurrent.TimeUnit;

/**
 * The command bus's handling times, under the names and tags Axon's dimensional Micrometer monitor gives them
 * ({@code commandBus.allTimer}, {@code .successTimer}, {@code .failureTimer}, tag {@code payloadType}: the
 * command's simple class name), so dashboards stay as they are. Axon's own monitor builds and looks up each timer
 * from its name and tags on every message; here the three timers of a command type are registered once, when the
 * first command of that type arrives, and found again by its class. Axon's metrics auto-configuration is off on the
 * command side ({@code axon.metrics.auto-configuration.enabled=false}); this monitor is registered on the command
 * bus through Axon's configurer.
 */
public final class CommandTimers implements MessageMonitor<Message<?>> {

    public static final String ALL = "commandBus.allTimer";
    public static final String SUCCESS = "commandBus.successTimer";
    public static final String FAILURE = "commandBus.failureTimer";

    private record Timers(Timer all, Timer success, Timer failure) {
    }

    private final MeterRegistry registry;
    private final ClassValue<Timers> timers = new ClassValue<>() {
        @Override
        protected Timers computeValue(Class<?> type) {
            String name = type.getSimpleName();
            return new Timers(timer(ALL, name), timer(SUCCESS, name), timer(FAILURE, name));
        }
    };

    public CommandTimers(MeterRegistry registry) {
        this.registry = registry;
    }

    private Timer timer(String name, String payloadType) {
        return Timer.builder(name).tag("payloadType", payloadType).register(registry);
    }

    @Override
    public MonitorCallback onMessageIngested(Message<?> message) {
        Timers t = timers.get(message.getPayloadType());
        long start = System.nanoTime();
        return new MonitorCallback() {
            @Override
            public void reportSuccess() {
                record(t.success());
            }

            @Override
            public void reportFailure(Throwable cause) {
                record(t.failure());
            }

            @Override
            public void reportIgnored() {
                record(t.failure());
            }

            private void record(Timer outcome) {
                long nanos = System.nanoTime() - start;
                outcome.record(nanos, TimeUnit.NANOSECONDS);
                t.all().record(nanos, TimeUnit.NANOSECONDS);
            }
        };
    }

    @Configuration(proxyBeanMethods = false)
    static class Registration {

        @Bean
        CommandTimers commandTimers(MeterRegistry registry) {
            return new CommandTimers(registry);
        }

        @Bean
        ConfigurerModule commandTimersOnTheCommandBus(CommandTimers timers) {
            return configurer -> configurer.configureMessageMonitor(CommandBus.class, "commandBus", c -> timers);
        }
    }
}
