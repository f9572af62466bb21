package io.resolutionledger.command.support;

import io.resolutionledger.api.error.ErrorCode;
import io.resolutionledger.api.error.LedgerRefusedException;
import io.resolutionledger.api.value.ConferenceId;
import io.resolutionledger.api.value.DelegationCode;
import io.resolutionledger.api.value.SessionId;
import io.resolutionledger.api.value.SessionStatus;
import io.resolutionledger.command.conference.ConferenceDirectory;
import io.resolutionledger.command.conference.ConferenceFacts;
import io.resolutionledger.command.session.SessionDirectory;
import io.resolutionledger.command.session.SessionFacts;

import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.resolutionledger.command.support.Dmk.*;

/**
 * The other aggregates as fixed facts, for fixture tests of one aggregate in isolation (the integration tests use
 * the event-sourced directories). The DMK with chair 2024 DE-BE and DE-BB, 2025 DE-RP, and three sessions.
 */
public final class FixedDirectories implements ConferenceDirectory, SessionDirectory {

    public static final SessionId OPEN_SESSION = SessionId.of("dmk-2024-1");
    public static final SessionId SCHEDULED_SESSION = SessionId.of("dmk-2024-2");
    public static final SessionId CLOSED_SESSION = SessionId.of("dmk-2023-0");
    public static final SessionId POSTPONED_SESSION = SessionId.of("dmk-2024-3");
    public static final SessionId CANCELLED_SESSION = SessionId.of("dmk-2024-4");
    public static final LocalDate SESSION_DAY = LocalDate.of(2024, 4, 19);
    /** A D16 meeting before the DMK's founding: an informal session, which takes no decisions. */
    public static final SessionId INFORMAL_SESSION = SessionId.of("d16-2019-1");
    /** The DMK's founding (its establishment's business time): 2023-11-09 in Berlin. */
    public static final java.time.Instant FOUNDED = java.time.Instant.parse("2023-11-08T23:00:00Z");

    private final Map<SessionId, SessionFacts> sessions = new HashMap<>();
    private final ConferenceFacts dmk = new ConferenceFacts(ID, Set.copyOf(MEMBERS), Set.copyOf(GUESTS), List.of(
            new ConferenceFacts.ChairTerm(2024, List.of(BE, BB), LocalDate.of(2024, 1, 1)),
            new ConferenceFacts.ChairTerm(2025, List.of(RP), LocalDate.of(2025, 1, 1))), FOUNDED);

    public FixedDirectories() {
        put(OPEN_SESSION, SESSION_DAY, SessionStatus.OPEN);
        put(SCHEDULED_SESSION, LocalDate.of(2024, 10, 24), SessionStatus.SCHEDULED);
        put(CLOSED_SESSION, LocalDate.of(2023, 11, 9), SessionStatus.CLOSED);
        put(POSTPONED_SESSION, LocalDate.of(2024, 11, 7), SessionStatus.POSTPONED);
        put(CANCELLED_SESSION, LocalDate.of(2024, 12, 5), SessionStatus.CANCELLED);
        sessions.put(INFORMAL_SESSION, new SessionFacts(INFORMAL_SESSION, ID, LocalDate.of(2019, 6, 19),
                SessionStatus.SCHEDULED, false, Set.of(), io.resolutionledger.api.value.SessionKind.INFORMAL));
    }

    public void put(SessionId id, LocalDate date, SessionStatus status) {
        sessions.put(id, new SessionFacts(id, ID, date, status));
    }

    /** The roll called in a session: these members are recorded present, every other member is not. */
    public void present(SessionId id, Collection<DelegationCode> members) {
        SessionFacts facts = facts(id);
        sessions.put(id, new SessionFacts(id, ID, facts.date(), facts.status(), true, Set.copyOf(members)));
    }

    @Override
    public ConferenceFacts facts(ConferenceId conferenceId) {
        if (!ID.equals(conferenceId)) {
            throw new LedgerRefusedException(ErrorCode.CONFERENCE_NOT_FOUND, "no conference " + conferenceId);
        }
        return dmk;
    }

    @Override
    public SessionFacts facts(SessionId sessionId) {
        SessionFacts facts = sessions.get(sessionId);
        if (facts == null) {
            throw new LedgerRefusedException(ErrorCode.SESSION_NOT_FOUND, "no session " + sessionId);
        }
        return facts;
    }
}
