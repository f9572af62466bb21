package io.resolutionledger.command.resolution;

import io.resolutionledger.api.command.AcceptTabledAmendment;
import io.resolutionledger.api.command.AddTranslation;
import io.resolutionledger.api.command.AdoptResolution;
import io.resolutionledger.api.command.AmendResolution;
import io.resolutionledger.api.command.CastVote;
import io.resolutionledger.api.command.CoSponsorResolution;
import io.resolutionledger.api.command.DeclineTabledAmendment;
import io.resolutionledger.api.command.OpenVote;
import io.resolutionledger.api.command.ProposeResolution;
import io.resolutionledger.api.command.PublishResolution;
import io.resolutionledger.api.command.RejectResolution;
import io.resolutionledger.api.command.TableAmendment;
import io.resolutionledger.api.command.TransferResolution;
import io.resolutionledger.api.command.WithdrawResolution;
import io.resolutionledger.api.error.ErrorCode;
import io.resolutionledger.api.error.LedgerRefusedException;
import io.resolutionledger.api.event.AmendmentTabled;
import io.resolutionledger.api.event.CoSponsorJoined;
import io.resolutionledger.api.event.ResolutionAdopted;
import io.resolutionledger.api.event.ResolutionAmended;
import io.resolutionledger.api.event.ResolutionProposed;
import io.resolutionledger.api.event.ResolutionPublished;
import io.resolutionledger.api.event.ResolutionRejected;
import io.resolutionledger.api.event.ResolutionWithdrawn;
import io.resolutionledger.api.event.TabledAmendmentAccepted;
import io.resolutionledger.api.event.TabledAmendmentDeclined;
import io.resolutionledger.api.event.TranslationAdded;
import io.resolutionledger.api.event.ResolutionTransferred;
import io.resolutionledger.api.event.VoteCast;
import io.resolutionledger.api.event.VoteOpened;
import io.resolutionledger.api.value.AmendmentId;
import io.resolutionledger.api.value.ConferenceId;
import io.resolutionledger.api.value.DelegationCode;
import io.resolutionledger.api.value.ResolutionId;
import io.resolutionledger.api.value.ResolutionStatus;
import io.resolutionledger.api.value.SessionId;
import io.resolutionledger.api.value.SessionStatus;
import io.resolutionledger.api.value.Tally;
import io.resolutionledger.api.value.VoteChoice;
import io.resolutionledger.api.value.VotingRule;
import io.resolutionledger.command.conference.ConferenceDirectory;
import io.resolutionledger.command.conference.ConferenceFacts;
import io.resolutionledger.command.session.SessionDirectory;
import io.resolutionledger.command.session.SessionFacts;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A resolution from proposal to publication. Command handlers decide (named checks, typed refusals) and apply;
 * event-sourcing handlers only assign. Chair authority is judged by the date of the resolution's session.
 */
@Aggregate(snapshotTriggerDefinition = "ledgerSnapshotTrigger", repository = ResolutionRepositoryConfig.NAME)
class Resolution {

    @AggregateIdentifier
    private ResolutionId resolutionId;
    private ConferenceId conferenceId;
    private SessionId sessionId;
    private DelegationCode sponsor;
    private Set<DelegationCode> coSponsors;
    private ResolutionStatus status;
    private long version;
    private String title;
    private Map<AmendmentId, PendingAmendment> pendingAmendments;
    private Set<AmendmentId> settledAmendments;
    private VotingRule rule;
    private Set<DelegationCode> eligibleVoters;
    private Map<DelegationCode, VoteChoice> votes;
    private Tally tally;

    /** A tabled amendment awaiting the sponsor's answer. */
    record PendingAmendment(long baseVersion, String title, String text, DelegationCode tabledBy) {
    }

    Resolution() {
        // for Axon
    }

    @CommandHandler
    Resolution(ProposeResolution command, SessionDirectory sessions, ConferenceDirectory conferences, Clock clock) {
        SessionFacts session = sessions.facts(command.sessionId());
        ConferenceFacts conference = conferences.facts(session.conferenceId());
        conference.ensureMember(command.actor());
        if (session.status() == SessionStatus.CLOSED || session.status() == SessionStatus.CANCELLED) {
            throw refused(ErrorCode.SESSION_CLOSED, "session " + session.sessionId() + " is "
                    + session.status().name().toLowerCase() + "; propose for a coming one");
        }
        Texts.ensureTitle(command.title());
        Texts.ensureText(command.text());
        Set<DelegationCode> coSponsors = new LinkedHashSet<>(command.coSponsors());
        if (coSponsors.size() != command.coSponsors().size() || coSponsors.contains(command.actor())) {
            throw refused(ErrorCode.VALIDATION_FAILED, "co-sponsors are named once and do not include the sponsor");
        }
        coSponsors.forEach(conference::ensureMember);
        apply(new ResolutionProposed(command.resolutionId(), session.conferenceId(), session.sessionId(),
                command.title().strip(), command.text(), command.topics().stream().distinct().toList(),
                command.actor(), coSponsors.stream().sorted().toList(), command.actor(), clock.instant()));
    }

    @CommandHandler
    long handle(AmendResolution command, Clock clock) {
        ensureSponsorOrCoSponsor(command.actor());
        ensureStatus(ResolutionStatus.PROPOSED, "amended");
        ensureVersion(command.expectedVersion());
        Texts.ensureText(command.text());
        String newTitle = command.title() == null ? title : Texts.ensureTitle(command.title()).strip();
        apply(new ResolutionAmended(resolutionId, version + 1, newTitle, command.text(), command.reason(),
                command.actor(), clock.instant()));
        return version;
    }

    /**
     * A translation of an existing version, by the sponsor, at any stage but withdrawal: a Beschluss is typically
     * translated after its publication. Its text obeys the same limits as the original's.
     */
    @CommandHandler
    long handle(AddTranslation command, TranslationLanguages languages, Clock clock) {
        ensureSponsor(command.actor());
        if (status == ResolutionStatus.WITHDRAWN) {
            throw refused(ErrorCode.INVALID_STATE_TRANSITION, resolutionId + " was withdrawn; nothing to translate");
        }
        languages.ensureOffered(command.language());
        if (command.version() < 1 || command.version() > version) {
            throw refused(ErrorCode.VALIDATION_FAILED, resolutionId + " has versions 1 to " + version + ", not "
                    + command.version());
        }
        apply(new TranslationAdded(resolutionId, command.version(), command.language(),
                Texts.ensureTitle(command.title()).strip(), Texts.ensureText(command.text()), command.actor(),
                clock.instant()));
        return command.version();
    }

    @CommandHandler
    void handle(TableAmendment command, ConferenceDirectory conferences, Clock clock) {
        conferences.facts(conferenceId).ensureMember(command.actor());
        if (isSponsorOrCoSponsor(command.actor())) {
            throw refused(ErrorCode.SPONSOR_CANNOT_TABLE,
                    command.actor() + " sponsors " + resolutionId + " and amends it directly instead of tabling");
        }
        ensureStatus(ResolutionStatus.PROPOSED, "amended");
        if (pendingAmendments.containsKey(command.amendmentId()) || settledAmendments.contains(command.amendmentId())) {
            throw refused(ErrorCode.ALREADY_EXISTS, "amendment " + command.amendmentId() + " exists");
        }
        Texts.ensureText(command.text());
        String tabledTitle = command.title() == null ? null : Texts.ensureTitle(command.title()).strip();
        apply(new AmendmentTabled(resolutionId, command.amendmentId(), version, tabledTitle, command.text(),
                command.reason(), command.actor(), clock.instant()));
    }

    @CommandHandler
    long handle(AcceptTabledAmendment command, Clock clock) {
        ensureSponsor(command.actor());
        PendingAmendment amendment = pendingAmendment(command.amendmentId());
        ensureStatus(ResolutionStatus.PROPOSED, "amended");
        ensureVersion(command.expectedVersion());
        if (amendment.baseVersion() != version) {
            throw refused(ErrorCode.AMENDMENT_OUTDATED, "amendment " + command.amendmentId() + " was tabled against version "
                    + amendment.baseVersion() + " but the text is at version " + version + "; it must be tabled again");
        }
        apply(new TabledAmendmentAccepted(resolutionId, command.amendmentId(), version + 1,
                amendment.title() == null ? title : amendment.title(), amendment.text(), amendment.tabledBy(),
                command.actor(), clock.instant()));
        return version;
    }

    @CommandHandler
    void handle(DeclineTabledAmendment command, Clock clock) {
        ensureSponsor(command.actor());
        pendingAmendment(command.amendmentId());
        ensureStatus(ResolutionStatus.PROPOSED, "amended");
        apply(new TabledAmendmentDeclined(resolutionId, command.amendmentId(), command.reason(), command.actor(),
                clock.instant()));
    }

    @CommandHandler
    void handle(CoSponsorResolution command, ConferenceDirectory conferences, Clock clock) {
        conferences.facts(conferenceId).ensureMember(command.actor());
        if (isSponsorOrCoSponsor(command.actor())) {
            throw refused(ErrorCode.ALREADY_COSPONSOR, command.actor() + " already sponsors " + resolutionId);
        }
        ensureStatus(ResolutionStatus.PROPOSED, "co-sponsored");
        apply(new CoSponsorJoined(resolutionId, command.actor(), clock.instant()));
    }

    @CommandHandler
    void handle(WithdrawResolution command, Clock clock) {
        ensureSponsor(command.actor());
        ensureStatus(ResolutionStatus.PROPOSED, "withdrawn");
        apply(new ResolutionWithdrawn(resolutionId, command.reason(), command.actor(), clock.instant()));
    }

    @CommandHandler
    VoteOpened handle(OpenVote command, SessionDirectory sessions, ConferenceDirectory conferences,
                      RulesOfProcedure rules, Clock clock) {
        SessionFacts session = sessions.facts(sessionId);
        ConferenceFacts conference = conferences.facts(conferenceId);
        conference.ensureChairOn(session.date(), command.actor());
        ensureStatus(ResolutionStatus.PROPOSED, "put to the vote");
        ensureSessionNotClosed(session, "opens no more votes");
        if (session.status() != SessionStatus.OPEN) {
            throw refused(ErrorCode.SESSION_NOT_OPEN,
                    "session " + sessionId + " is " + session.status() + "; votes are opened during an open session");
        }
        RulesOfProcedure.NamedRule rule = rules.rule(command.rule());
        VoteOpened opened = new VoteOpened(resolutionId, sessionId, version, rule.name(), rule.terms(),
                conference.members().stream().sorted().toList(), command.actor(), clock.instant());
        apply(opened);
        return opened;
    }

    @CommandHandler
    void handle(CastVote command, SessionDirectory sessions, ConferenceDirectory conferences, Clock clock) {
        if (!eligibleVoters.contains(command.actor())) {
            // guests and outsiders are refused with the reason the conference gives
            conferences.facts(conferenceId).ensureMember(command.actor());
        }
        ensureStatus(ResolutionStatus.VOTING, "voted on");
        if (!eligibleVoters.contains(command.actor())) {
            throw refused(ErrorCode.NOT_A_MEMBER, command.actor() + " was not a member when the vote opened");
        }
        SessionFacts session = sessions.facts(sessionId);
        // closing the session ended its votes: what was cast stands, the chair adopts or rejects on it
        ensureSessionNotClosed(session, "takes no more votes");
        session.ensurePresent(command.actor());
        if (votes.containsKey(command.actor())) {
            throw refused(ErrorCode.ALREADY_VOTED, command.actor() + " has voted on " + resolutionId + " already");
        }
        if (command.choice() == null) {
            throw refused(ErrorCode.VALIDATION_FAILED, "a vote is YES, NO or ABSTAIN");
        }
        apply(new VoteCast(resolutionId, version, command.choice(), command.actor(), clock.instant()));
    }

    @CommandHandler
    Tally handle(AdoptResolution command, SessionDirectory sessions, ConferenceDirectory conferences, Clock clock) {
        SessionFacts session = sessions.facts(sessionId);
        conferences.facts(conferenceId).ensureChairOn(session.date(), command.actor());
        ensureStatus(ResolutionStatus.VOTING, "adopted");
        int present = session.membersPresent(tally);
        if (!rule.isMetBy(tally, present)) {
            throw refused(ErrorCode.RULE_NOT_MET, "the tally " + describe(tally) + " with " + present
                    + " members present does not meet the rule in force when the vote opened (" + rule.describe() + ")");
        }
        apply(new ResolutionAdopted(resolutionId, sessionId, version, tally, rule, command.actor(), clock.instant()));
        return tally;
    }

    @CommandHandler
    Tally handle(RejectResolution command, SessionDirectory sessions, ConferenceDirectory conferences, Clock clock) {
        SessionFacts session = sessions.facts(sessionId);
        conferences.facts(conferenceId).ensureChairOn(session.date(), command.actor());
        ensureStatus(ResolutionStatus.VOTING, "rejected");
        if (rule.isMetBy(tally, session.membersPresent(tally))) {
            throw refused(ErrorCode.RULE_MET, "the tally " + describe(tally) + " meets the rule in force ("
                    + rule.describe() + "); the resolution is to be adopted, not rejected");
        }
        apply(new ResolutionRejected(resolutionId, sessionId, version, tally, rule, command.reason(), command.actor(),
                clock.instant()));
        return tally;
    }

    @CommandHandler
    void handle(PublishResolution command, SessionDirectory sessions, ConferenceDirectory conferences, Clock clock) {
        ensureChairOfSession(sessions, conferences, command.actor());
        ensureStatus(ResolutionStatus.ADOPTED, "published");
        if (command.reference() == null || command.reference().isBlank()) {
            throw refused(ErrorCode.VALIDATION_FAILED, "a publication names its reference");
        }
        apply(new ResolutionPublished(resolutionId, version, command.reference().strip(), command.actor(),
                clock.instant()));
    }

    @CommandHandler
    void handle(TransferResolution command, SessionDirectory sessions, ConferenceDirectory conferences, Clock clock) {
        ensureChairOfSession(sessions, conferences, command.actor());
        ensureStatus(ResolutionStatus.PROPOSED, "transferred (it has not been voted on)");
        if (command.sessionId() == null || command.sessionId().equals(sessionId)) {
            throw refused(ErrorCode.VALIDATION_FAILED, "a transfer names a session other than " + sessionId);
        }
        SessionFacts target = sessions.facts(command.sessionId());
        if (!target.conferenceId().equals(conferenceId)) {
            throw refused(ErrorCode.VALIDATION_FAILED, "session " + target.sessionId() + " is not one of " + conferenceId);
        }
        if (!target.status().isComing()) {
            throw refused(target.status() == SessionStatus.CLOSED ? ErrorCode.SESSION_CLOSED
                    : ErrorCode.INVALID_STATE_TRANSITION, "session " + target.sessionId() + " is " + target.status()
                    + "; a resolution moves to a coming session (SCHEDULED or POSTPONED)");
        }
        apply(new ResolutionTransferred(resolutionId, sessionId, target.sessionId(), command.actor(), clock.instant()));
    }

    // ---- named checks

    private void ensureSessionNotClosed(SessionFacts session, String what) {
        if (session.status() == SessionStatus.CLOSED) {
            throw refused(ErrorCode.SESSION_CLOSED, "session " + sessionId + " is closed and " + what);
        }
    }

    private void ensureChairOfSession(SessionDirectory sessions, ConferenceDirectory conferences, DelegationCode actor) {
        conferences.facts(conferenceId).ensureChairOn(sessions.facts(sessionId).date(), actor);
    }

    private boolean isSponsorOrCoSponsor(DelegationCode delegation) {
        return sponsor.equals(delegation) || coSponsors.contains(delegation);
    }

    private void ensureSponsor(DelegationCode actor) {
        if (!sponsor.equals(actor)) {
            throw refused(ErrorCode.NOT_SPONSOR, "only the sponsor " + sponsor + " may do this with " + resolutionId);
        }
    }

    private void ensureSponsorOrCoSponsor(DelegationCode actor) {
        if (!isSponsorOrCoSponsor(actor)) {
            throw refused(ErrorCode.NOT_SPONSOR, actor + " neither sponsors nor co-sponsors " + resolutionId
                    + "; other delegations table amendments");
        }
    }

    private void ensureStatus(ResolutionStatus required, String action) {
        if (status != required) {
            throw refused(ErrorCode.INVALID_STATE_TRANSITION, "resolution " + resolutionId + " is " + status
                    + "; only a " + required + " resolution can be " + action);
        }
    }

    private void ensureVersion(long expected) {
        if (expected != version) {
            throw refused(ErrorCode.VERSION_CONFLICT, "resolution " + resolutionId + " is at version " + version
                    + ", not " + expected + "; read it again and retry");
        }
    }

    private PendingAmendment pendingAmendment(AmendmentId amendmentId) {
        PendingAmendment amendment = pendingAmendments.get(amendmentId);
        if (amendment == null) {
            throw settledAmendments.contains(amendmentId)
                    ? refused(ErrorCode.AMENDMENT_NOT_PENDING, "amendment " + amendmentId + " was answered already")
                    : refused(ErrorCode.AMENDMENT_NOT_FOUND, "no amendment " + amendmentId + " on " + resolutionId);
        }
        return amendment;
    }

    private static String describe(Tally tally) {
        return tally.yes() + " yes, " + tally.no() + " no, " + tally.abstain() + " abstaining";
    }

    private static LedgerRefusedException refused(ErrorCode code, String detail) {
        return new LedgerRefusedException(code, detail);
    }

    // ---- state, assigned only from events

    @EventSourcingHandler
    void on(ResolutionProposed event) {
        resolutionId = event.resolutionId();
        conferenceId = event.conferenceId();
        sessionId = event.sessionId();
        sponsor = event.sponsor();
        coSponsors = new HashSet<>(event.coSponsors());
        status = ResolutionStatus.PROPOSED;
        version = 1;
        title = event.title();
        pendingAmendments = new HashMap<>();
        settledAmendments = new HashSet<>();
        votes = new HashMap<>();
        eligibleVoters = Set.of();
        tally = Tally.EMPTY;
    }

    @EventSourcingHandler
    void on(ResolutionAmended event) {
        version = event.version();
        title = event.title();
    }

    @EventSourcingHandler
    void on(AmendmentTabled event) {
        pendingAmendments.put(event.amendmentId(),
                new PendingAmendment(event.baseVersion(), event.title(), event.text(), event.actor()));
    }

    @EventSourcingHandler
    void on(TabledAmendmentAccepted event) {
        pendingAmendments.remove(event.amendmentId());
        settledAmendments.add(event.amendmentId());
        version = event.version();
        title = event.title();
    }

    @EventSourcingHandler
    void on(TabledAmendmentDeclined event) {
        pendingAmendments.remove(event.amendmentId());
        settledAmendments.add(event.amendmentId());
    }

    @EventSourcingHandler
    void on(CoSponsorJoined event) {
        coSponsors.add(event.actor());
    }

    @EventSourcingHandler
    void on(ResolutionWithdrawn event) {
        status = ResolutionStatus.WITHDRAWN;
        pendingAmendments.clear();
    }

    @EventSourcingHandler
    void on(VoteOpened event) {
        status = ResolutionStatus.VOTING;
        rule = event.rule();
        eligibleVoters = new HashSet<>(event.eligibleVoters());
        pendingAmendments.clear();
    }

    @EventSourcingHandler
    void on(VoteCast event) {
        votes.put(event.actor(), event.choice());
        tally = tally.with(event.choice());
    }

    @EventSourcingHandler
    void on(ResolutionAdopted event) {
        status = ResolutionStatus.ADOPTED;
    }

    @EventSourcingHandler
    void on(ResolutionRejected event) {
        status = ResolutionStatus.REJECTED;
    }

    @EventSourcingHandler
    void on(ResolutionTransferred event) {
        sessionId = event.toSessionId();
    }

    @EventSourcingHandler
    void on(ResolutionPublished event) {
        status = ResolutionStatus.PUBLISHED;
    }
}
