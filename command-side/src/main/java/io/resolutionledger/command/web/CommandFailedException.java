package io.resolutionledger.command.web;

import java.util.Optional;

/**
 * A command that failed, with what the problem details need to know about it: the aggregate it addressed, whether it
 * was to create that aggregate, and whether the client sent {@code If-Match} (a lost race is then a stale version).
 * The failure itself is the cause.
 */
public class CommandFailedException extends RuntimeException {

    private final transient CommandTargets.Target target;
    private final boolean conditional;

    public CommandFailedException(Object command, CommandTargets.Target target, boolean conditional,
                                  RuntimeException cause) {
        super(command == null ? "command failed" : command.getClass().getSimpleName() + " failed", cause, false,
                false);
        this.target = target;
        this.conditional = conditional;
    }

    public Optional<CommandTargets.Target> target() {
        return Optional.ofNullable(target);
    }

    public boolean creation() {
        return target != null && target.creation();
    }

    /** The request carried {@code If-Match}. */
    public boolean conditional() {
        return conditional;
    }
}
