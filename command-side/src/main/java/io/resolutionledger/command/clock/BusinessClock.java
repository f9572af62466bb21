package io.resolutionledger.command.clock;

import io.resolutionledger.api.error.ErrorCode;
import io.resolutionledger.api.error.LedgerRefusedException;
import io.resolutionledger.api.event.EventMetadata;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The clock every command handler is given: inside the unit of work of a command that declares its business time
 * ({@link EventMetadata#OCCURRED_AT}, set by the history import) it answers that time; otherwise the wall clock.
 * So each handler stamps {@code occurredAt} with {@code clock.instant()} whether the command happens now or is
 * recorded after the fact, and every rule that handlers judge against "today" (chair terms, the recording window)
 * judges imported history at its own date, exactly as live history was judged. The recording time is not this
 * clock's: Axon stamps it on the event message (see {@code LedgerEvent}).
 *
 * <p>A thread-bound answer is unusual for a {@link Clock}; it is this one because it keeps every handler's signature
 * and its tests (a fixture registers its own fixed clock) unchanged, and puts the one decision in one place.
 */
public final class BusinessClock extends Clock {

    private final Clock wallClock;

    public BusinessClock(Clock wallClock) {
        this.wallClock = wallClock;
    }

    @Override
    public Instant instant() {
        return declared().orElseGet(wallClock::instant);
    }

    @Override
    public ZoneId getZone() {
        return wallClock.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return new BusinessClock(wallClock.withZone(zone));
    }

    /** The wall clock, for what is about recording (e.g. that a declared time does not lie in the future). */
    public Clock wallClock() {
        return wallClock;
    }

    /** The business time declared by the command being handled on this thread, if it declares one. */
    public static Optional<Instant> declared() {
        if (!CurrentUnitOfWork.isStarted()) {
            return Optional.empty();
        }
        for (UnitOfWork<?> unit = CurrentUnitOfWork.get(); unit != null; unit = unit.parent().orElse(null)) {
            Message<?> message = unit.getMessage();
            if (message instanceof CommandMessage<?> command) {
                return declaredBy(command);
            }
        }
        return Optional.empty();
    }

    /** The business time a command declares ({@link EventMetadata#OCCURRED_AT}), if any. */
    public static Optional<Instant> declaredBy(Message<?> command) {
        Object value = command.getMetaData().get(EventMetadata.OCCURRED_AT);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof Instant instant) {
            return Optional.of(instant);
        }
        try {
            return Optional.of(Instant.parse(value.toString()));
        } catch (DateTimeParseException e) {
            throw new LedgerRefusedException(ErrorCode.VALIDATION_FAILED,
                    "occurredAt is an ISO-8601 instant, e.g. 2024-04-19T09:00:00Z");
        }
    }
}
