package io.resolutionledger.query.resolutions;

import io.resolutionledger.api.event.*;
import io.resolutionledger.api.value.DelegationCode;
import io.resolutionledger.api.value.ResolutionStatus;
import io.resolutionledger.api.value.Tally;
import io.resolutionledger.query.resolutions.ResolutionViews.ResolutionView;
import io.resolutionledger.query.resolutions.ResolutionViews.RuleView;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one fold of a resolution: {@code evolve(state, event)} is the state after the event. Pure (no I/O, no clock):
 * the projections of the resolutions, the sessions' agendas and the figures apply it to their rows, time travel
 * ({@code ?asOf=}) to the events read from the store, and the live stream takes the status an event decides from it.
 * Events are expected in their aggregate's order; which ones have been applied already is the caller's to know
 * (the projections keep the last sequence number).
 */
public final class ResolutionFold {

    private ResolutionFold() {
    }

    public static ResolutionState evolve(ResolutionState state, ResolutionEvent event) {
        if (event instanceof ResolutionProposed e) {
            if (state.exists()) {
                return state; // a second proposal of the same id changes nothing
            }
            return new ResolutionState(e.resolutionId().value(), e.conferenceId().value(), e.sessionId().value(),
                    e.title(), e.text(), 1, ResolutionStatus.PROPOSED, code(e.sponsor()),
                    e.coSponsors().stream().map(DelegationCode::value).toList(), List.copyOf(e.topics()), null, null,
                    null, e.occurredAt(), e.occurredAt(), null);
        }
        if (!state.exists()) {
            return state; // nothing exists before the proposal
        }
        Instant at = event.occurredAt();
        if (event instanceof ResolutionAmended e) {
            return newVersion(state, e.title(), e.text(), e.version(), at);
        } else if (event instanceof TabledAmendmentAccepted e) {
            return newVersion(state, e.title(), e.text(), e.version(), at);
        } else if (event instanceof CoSponsorJoined e) {
            List<String> coSponsors = new ArrayList<>(state.coSponsors());
            if (!coSponsors.contains(code(e.actor()))) {
                coSponsors.add(code(e.actor()));
            }
            return with(state, state.status(), state.tally(), state.rule(), List.copyOf(coSponsors), at,
                    state.decidedAt());
        } else if (event instanceof ResolutionWithdrawn) {
            return with(state, ResolutionStatus.WITHDRAWN, state.tally(), state.rule(), state.coSponsors(), at, at);
        } else if (event instanceof VoteOpened e) {
            return with(state, ResolutionStatus.VOTING, Tally.EMPTY, e.rule(), state.coSponsors(), at,
                    state.decidedAt());
        } else if (event instanceof VoteCast e) {
            Tally counted = (state.tally() == null ? Tally.EMPTY : state.tally()).with(e.choice());
            return with(state, state.status(), counted, state.rule(), state.coSponsors(), at, state.decidedAt());
        } else if (event instanceof ResolutionAdopted e) {
            return between(with(state, ResolutionStatus.ADOPTED, e.tally(), e.rule(), state.coSponsors(), at, at),
                    state.between().decidedBy(e.decidedBy().name()));
        } else if (event instanceof ResolutionRejected e) {
            return between(with(state, ResolutionStatus.REJECTED, e.tally(), e.rule() == null ? state.rule()
                    : e.rule(), state.coSponsors(), at, at), state.between().decidedBy(e.decidedBy().name()));
        } else if (event instanceof WrittenProcedureOpened e) {
            // the VoteOpened that follows in the same commit sets the status and the rule
            return between(with(state, state.status(), state.tally(), state.rule(), state.coSponsors(), at,
                    state.decidedAt()), state.between().written(e.deadline()));
        } else if (event instanceof ResolutionAddressed e) {
            return between(with(state, state.status(), state.tally(), state.rule(), state.coSponsors(), at,
                    state.decidedAt()), state.between().addressed(e.addressees(), e.partners()));
        } else if (event instanceof ResolutionTransferred e) {
            // moved to a coming session: it is on that session's agenda from now on
            return new ResolutionState(state.resolutionId(), state.conferenceId(), e.toSessionId().value(),
                    state.title(), state.text(), state.version(), state.status(), state.sponsor(), state.coSponsors(),
                    state.topics(), state.tally(), state.rule(), state.reference(), state.createdAt(), at,
                    state.decidedAt(), state.between());
        } else if (event instanceof ResolutionPublished e) {
            return new ResolutionState(state.resolutionId(), state.conferenceId(), state.sessionId(), state.title(),
                    state.text(), state.version(), ResolutionStatus.PUBLISHED, state.sponsor(), state.coSponsors(),
                    state.topics(), state.tally(), state.rule(), e.publicationReference(), state.createdAt(), at,
                    state.decidedAt(), state.between());
        }
        // tabling and declining an amendment change nothing of the resolution but its time
        return with(state, state.status(), state.tally(), state.rule(), state.coSponsors(), at, state.decidedAt());
    }

    /** The status an event leaves a resolution in, where the event alone decides it (null otherwise). */
    public static ResolutionStatus statusAfter(ResolutionEvent event) {
        if (event instanceof ResolutionProposed) {
            return ResolutionStatus.PROPOSED;
        } else if (event instanceof ResolutionWithdrawn) {
            return ResolutionStatus.WITHDRAWN;
        } else if (event instanceof VoteOpened) {
            return ResolutionStatus.VOTING;
        } else if (event instanceof ResolutionAdopted) {
            return ResolutionStatus.ADOPTED;
        } else if (event instanceof ResolutionRejected) {
            return ResolutionStatus.REJECTED;
        } else if (event instanceof ResolutionPublished) {
            return ResolutionStatus.PUBLISHED;
        }
        return null;
    }

    /** The state after those of the events (in aggregate order) that had occurred by {@code asOf}. */
    public static Optional<ResolutionView> asOf(List<? extends ResolutionEvent> events, Instant asOf) {
        ResolutionState state = ResolutionState.NONE;
        for (ResolutionEvent event : events) {
            if (event.occurredAt().isAfter(asOf)) {
                break;
            }
            state = evolve(state, event);
        }
        return state.exists() ? Optional.of(view(state)) : Optional.empty();
    }

    public static ResolutionView view(ResolutionState s) {
        ResolutionState.Between b = s.between();
        return new ResolutionView(s.resolutionId(), s.title(), s.text(), s.version(), s.status(), s.sponsor(),
                s.coSponsors(), s.sessionId(), s.topics(), s.tally(), RuleView.of(s.rule()), s.reference(),
                s.createdAt(), s.updatedAt(), b.procedure(), b.deadline(), b.decidedBy(), b.addressees(),
                b.partners(), null);
    }

    private static ResolutionState newVersion(ResolutionState s, String title, String text, long version,
                                              Instant at) {
        return new ResolutionState(s.resolutionId(), s.conferenceId(), s.sessionId(),
                title == null ? s.title() : title, text, version, s.status(), s.sponsor(), s.coSponsors(),
                s.topics(), s.tally(), s.rule(), s.reference(), s.createdAt(), at, s.decidedAt(), s.between());
    }

    private static ResolutionState with(ResolutionState s, ResolutionStatus status, Tally tally,
                                        io.resolutionledger.api.value.VotingRule rule, List<String> coSponsors,
                                        Instant at, Instant decidedAt) {
        return new ResolutionState(s.resolutionId(), s.conferenceId(), s.sessionId(), s.title(), s.text(),
                s.version(), status, s.sponsor(), coSponsors, s.topics(), tally, rule, s.reference(), s.createdAt(),
                at, decidedAt, s.between());
    }

    private static ResolutionState between(ResolutionState s, ResolutionState.Between between) {
        return new ResolutionState(s.resolutionId(), s.conferenceId(), s.sessionId(), s.title(), s.text(),
                s.version(), s.status(), s.sponsor(), s.coSponsors(), s.topics(), s.tally(), s.rule(), s.reference(),
                s.createdAt(), s.updatedAt(), s.decidedAt(), between);
    }

    private static String code(DelegationCode code) {
        return code == null ? null : code.value();
    }
}
