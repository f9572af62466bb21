package io.resolutionledger.command.web;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.config.AggregateConfiguration;
import org.axonframework.config.Configuration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which aggregate a command is for and whether it creates one, read once from the aggregates Axon is configured with
 * (a {@code @CommandHandler} constructor creates, a {@code @CommandHandler} method acts on an existing one). The
 * dispatcher attaches this to a failed command ({@link CommandFailedException}), so that the problem details know
 * "no such resolution" from "no such session" without looking at the request's path.
 */
@Component
public class CommandTargets {

    /** The aggregate type a command addresses, and whether the command creates it. */
    public record Target(Class<?> aggregateType, boolean creation) {
    }

    private final ObjectProvider<Configuration> axon;
    private volatile Map<Class<?>, Target> byCommand;

    public CommandTargets(ObjectProvider<Configuration> axon) {
        this.axon = axon;
    }

    public Optional<Target> of(Object command) {
        return command == null ? Optional.empty() : Optional.ofNullable(targets().get(command.getClass()));
    }

    private Map<Class<?>, Target> targets() {
        Map<Class<?>, Target> known = byCommand;
        if (known == null) {
            Map<Class<?>, Target> found = new HashMap<>();
            for (AggregateConfiguration<?> aggregate : axon.getObject().findModules(AggregateConfiguration.class)) {
                found.putAll(inspect(aggregate.aggregateType()));
            }
            byCommand = known = Map.copyOf(found);
        }
        return known;
    }

    static Map<Class<?>, Target> inspect(Class<?> aggregateType) {
        Map<Class<?>, Target> found = new HashMap<>();
        for (Constructor<?> constructor : aggregateType.getDeclaredConstructors()) {
            commandOf(constructor).ifPresent(c -> found.put(c, new Target(aggregateType, true)));
        }
        for (Class<?> type = aggregateType; type != null && type != Object.class; type = type.getSuperclass()) {
            for (Method method : type.getDeclaredMethods()) {
                commandOf(method).ifPresent(c -> found.putIfAbsent(c, new Target(aggregateType, false)));
            }
        }
        return found;
    }

    private static Optional<Class<?>> commandOf(Executable handler) {
        if (!handler.isAnnotationPresent(CommandHandler.class) || handler.getParameterCount() == 0) {
            return Optional.empty();
        }
        CommandHandler annotation = handler.getAnnotation(CommandHandler.class);
        Class<?> payload = annotation.payloadType() != Object.class ? annotation.payloadType()
                : handler.getParameterTypes()[0];
        return Optional.of(payload);
    }
}
