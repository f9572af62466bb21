package io.resolutionledger.command.conference;

import io.resolutionledger.api.error.ErrorCode;
import io.resolutionledger.api.error.LedgerRefusedException;
import io.resolutionledger.api.value.ConferenceId;
import io.resolutionledger.api.value.DelegationCode;

import io.resolutionledger.api.value.SessionKind;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * What other aggregates may know of a conference when they decide: who is a member or a guest, and who held the
 * chair on a given day according to the ledger's own hand-over events. Immutable.
 */
public record ConferenceFacts(ConferenceId conferenceId, Set<DelegationCode> members, Set<DelegationCode> guests,
                              List<ChairTerm> terms, Instant establishedAt) {

    /** A conference whose establishment's business time is not known here: no founding rule applies. */
    public ConferenceFacts(ConferenceId conferenceId, Set<DelegationCode> members, Set<DelegationCode> guests,
                           List<ChairTerm> terms) {
        this(conferenceId, members, guests, terms, null);
    }

    /** One year's chair: one or two member delegations, from a date on. */
    public record ChairTerm(int year, List<DelegationCode> holders, LocalDate effectiveFrom) {
    }

    public ConferenceFacts {
        members = Set.copyOf(members);
        guests = Set.copyOf(guests);
        terms = terms.stream().sorted(Comparator.comparing(ChairTerm::effectiveFrom)).toList();
    }

    public boolean isMember(DelegationCode delegation) {
        return delegation != null && members.contains(delegation);
    }

    /** Refuses guests and outsiders: only members propose, amend, table, co-sponsor and vote. */
    public void ensureMember(DelegationCode actor) {
        if (isMember(actor)) {
            return;
        }
        if (actor != null && guests.contains(actor)) {
            throw new LedgerRefusedException(ErrorCode.GUEST_ACTING,
                    actor + " attends " + conferenceId + " as a guest and has no right to propose, amend or vote");
        }
        throw new LedgerRefusedException(ErrorCode.NOT_A_MEMBER, actor + " is not a member of " + conferenceId);
    }

    /**
     * Before its founding (the day of its establishment in the conference's zone) a conference holds no sessions:
     * only the informal meetings of the format it grew out of are recorded.
     */
    public void ensureMayMeetOn(LocalDate day, SessionKind kind, ZoneId zone) {
        if (establishedAt == null || kind == SessionKind.INFORMAL) {
            return;
        }
        LocalDate founded = LocalDate.ofInstant(establishedAt, zone);
        if (day.isBefore(founded)) {
            throw new LedgerRefusedException(ErrorCode.BEFORE_FOUNDING, conferenceId + " was founded on " + founded
                    + "; a meeting of " + day + " can only be recorded as an INFORMAL session");
        }
    }

    /** The holders of the chair on a day: the term with the latest start on or before it (none before the first). */
    public List<DelegationCode> chairOn(LocalDate day) {
        List<DelegationCode> holders = List.of();
        for (ChairTerm term : terms) {
            if (!term.effectiveFrom().isAfter(day)) {
                holders = term.holders();
            }
        }
        return holders;
    }

    /** Chair authority is judged by the date of the business concerned, never by the wall clock. */
    public void ensureChairOn(LocalDate day, DelegationCode actor) {
        List<DelegationCode> holders = chairOn(day);
        if (actor == null || !holders.contains(actor)) {
            throw new LedgerRefusedException(ErrorCode.NOT_CHAIR, holders.isEmpty()
                    ? "nobody held the chair of " + conferenceId + " on " + day
                    : actor + " did not hold the chair on " + day + " (held by " + join(holders) + ")");
        }
    }

    static String join(List<DelegationCode> codes) {
        return String.join(" and ", codes.stream().map(DelegationCode::value).toList());
    }
}
