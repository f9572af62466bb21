package io.resolutionledger.command.resolution;

/**
 * The payload of a written procedure's deadline, kept by the deadline manager until it comes (serialized into the
 * Quartz job store). It names the vote's version, so that a deadline that outlived its procedure decides nothing.
 */
public record WrittenProcedureDeadline(String resolutionId, long version) {

    /** The deadline name the resolution's {@code @DeadlineHandler} answers. */
    public static final String NAME = "written-procedure-deadline";
}
