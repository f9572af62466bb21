package io.resolutionledger.command.session;

import io.resolutionledger.api.error.ErrorCode;
import io.resolutionledger.api.error.LedgerRefusedException;
import io.resolutionledger.api.value.ConferenceId;
import io.resolutionledger.api.value.DelegationCode;
import io.resolutionledger.api.value.SessionId;
import io.resolutionledger.api.value.SessionKind;
import io.resolutionledger.api.value.SessionStatus;
import io.resolutionledger.api.value.Tally;

import java.time.LocalDate;
import java.util.Set;

/**
 * What a resolution's command handlers may know of its session: its conference, its date, its state and who is
 * present. Immutable.
 *
 * @param rollCalled     whether the chair has recorded any member's attendance; until then the session has no roll
 *                       call and the members present are those who vote
 * @param presentMembers the members recorded present (their latest record says so)
 */
public record SessionFacts(SessionId sessionId, ConferenceId conferenceId, LocalDate date, SessionStatus status,
                           boolean rollCalled, Set<DelegationCode> presentMembers, SessionKind kind) {

    public SessionFacts {
        presentMembers = presentMembers == null ? Set.of() : Set.copyOf(presentMembers);
        kind = kind == null ? SessionKind.REGULAR : kind;
    }

    public SessionFacts(SessionId sessionId, ConferenceId conferenceId, LocalDate date, SessionStatus status,
                        boolean rollCalled, Set<DelegationCode> presentMembers) {
        this(sessionId, conferenceId, date, status, rollCalled, presentMembers, SessionKind.REGULAR);
    }

    /** An informal meeting (of the format the conference grew out of) takes no decisions: nothing is put to it. */
    public void ensureTakesDecisions() {
        if (kind == SessionKind.INFORMAL) {
            throw new LedgerRefusedException(ErrorCode.INFORMAL_SESSION, "session " + sessionId
                    + " is an informal meeting and takes no decisions; propose for a regular or special session");
        }
    }

    /** A session without attendance recorded. */
    public SessionFacts(SessionId sessionId, ConferenceId conferenceId, LocalDate date, SessionStatus status) {
        this(sessionId, conferenceId, date, status, false, Set.of());
    }

    /** What the quorum counts: the members recorded present, or without a roll call those who voted. */
    public int membersPresent(Tally tally) {
        return rollCalled ? presentMembers.size() : tally.cast();
    }

    /** Once the roll is called, only a member recorded present votes in this session. */
    public void ensurePresent(DelegationCode member) {
        if (rollCalled && !presentMembers.contains(member)) {
            throw new LedgerRefusedException(ErrorCode.NOT_PRESENT, member + " is not recorded present in session "
                    + sessionId + " and may not vote in it");
        }
    }
}
