package io.resolutionledger.command.conference;

import io.resolutionledger.api.error.ErrorCode;
import io.resolutionledger.api.error.LedgerRefusedException;
import io.resolutionledger.api.value.DelegationCode;

import java.time.Clock;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.List;

/**
 * The rules of procedure about the chair and about recording after the fact, against lock-in and back-dating:
 * <ul>
 *   <li>the holders of year Y hand the chair of Y+1 over during year Y: from {@code handoverLeadTime} before Y
 *       begins until Y ends, and, recorded late, at most {@code recordingWindow} after that;</li>
 *   <li>to delegations other than themselves, unless {@code secondTermAllowed};</li>
 *   <li>a session is scheduled for a day no further back than {@code recordingWindow} (older history comes through
 *       the history import, which says that it is one).</li>
 * </ul>
 * The day is the conference's ({@code zone}), from the command side's clock: these rules are about when the ledger
 * learns of a decision, so they are judged when it is recorded, and the events (which carry their dates) replay the
 * same on any day.
 */
public record ChairRules(Period handoverLeadTime, Period recordingWindow, boolean secondTermAllowed, ZoneId zone) {

    public static final ChairRules DEFAULT = new ChairRules(Period.ZERO, Period.ofDays(14), false,
            ZoneId.of("Europe/Berlin"));

    void ensureMayHandOverNow(int incomingYear, Clock clock) {
        int termYear = incomingYear - 1;
        LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
        LocalDate earliest = LocalDate.of(termYear, 1, 1).minus(handoverLeadTime);
        LocalDate latest = LocalDate.of(termYear, 12, 31).plus(recordingWindow);
        if (today.isBefore(earliest)) {
            throw new LedgerRefusedException(ErrorCode.HANDOVER_OUTSIDE_TERM, "the chair of " + incomingYear
                    + " is handed over during " + termYear + " (from " + earliest + "), not on " + today);
        }
        if (today.isAfter(latest)) {
            throw new LedgerRefusedException(ErrorCode.HANDOVER_OUTSIDE_TERM, "the chair of " + incomingYear
                    + " was to be handed over during " + termYear + " (recorded by " + latest + " at the latest); "
                    + "record it through the history import");
        }
    }

    void ensureNotToThemselves(List<DelegationCode> outgoing, List<DelegationCode> incoming) {
        if (secondTermAllowed) {
            return;
        }
        for (DelegationCode holder : incoming) {
            if (outgoing.contains(holder)) {
                throw new LedgerRefusedException(ErrorCode.SECOND_TERM_NOT_ALLOWED, holder + " holds the chair now "
                        + "and the rules of procedure allow no second term in a row");
            }
        }
    }

    /** Scheduling a session for {@code date}: not further back than the recording window. */
    public void ensureNotBackdated(LocalDate date, Clock clock) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
        LocalDate earliest = today.minus(recordingWindow);
        if (date.isBefore(earliest)) {
            throw new LedgerRefusedException(ErrorCode.BACKDATED, "a session of " + date + " is older than the "
                    + "recording window (" + recordingWindow + ", from " + earliest + "); record it through the "
                    + "history import");
        }
    }
}
