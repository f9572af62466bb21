package io.resolutionledger.command.resolution;

import io.resolutionledger.api.command.AcceptTabledAmendment;
import io.resolutionledger.api.command.AddTranslation;
import io.resolutionledger.api.command.AdoptResolution;
import io.resolutionledger.api.command.AmendResolution;
import io.resolutionledger.api.command.CastVote;
import io.resolutionledger.api.command.CoSponsorResolution;
import io.resolutionledger.api.command.GiveMandate;
import io.resolutionledger.api.command.ReportOnMandate;
import io.resolutionledger.api.command.DeclineTabledAmendment;
import io.resolutionledger.api.command.OpenVote;
import io.resolutionledger.api.command.OpenWrittenProcedure;
import io.resolutionledger.api.command.ConcludeWrittenProcedure;
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
import io.resolutionledger.api.event.MandateGiven;
import io.resolutionledger.api.event.MandateReported;
import io.resolutionledger.api.event.ResolutionAddressed;
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
import io.resolutionledger.api.event.WrittenProcedureOpened;
import io.resolutionledger.api.value.AmendmentId;
import io.resolutionledger.api.value.ConferenceId;
import io.resolutionledger.api.value.DecidedBy;
import io.resolutionledger.api.value.DelegationCode;
import io.resolutionledger.api.value.MandateStatus;
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
import io.resolutionledger.command.clock.Timeline;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.modelling.command.AggregateMember;
import org.axonframework.modelling.command.CommandHandlerInterceptor;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import io.resolutionledger.command.clock.BusinessClock;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Objects;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A resolution from proposal to publication. Command handlers decide (named checks, typed refusals) and apply;
 * event-sourcing handlers only assign. Chair authority is judged by the date of the resolution's session.
 *
 * <p>A vote is taken in a session, or in writing (a written procedure, {@link #deadline} set): then the ledger
 * decides by itself, at the deadline (a durable deadline of the {@link DeadlineManager}, see
 * {@code config.DeadlineConfig}) or as soon as no outstanding vote can change the outcome.
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
    /** The business time of the latest event: imported history is recorded in order (see {@link Timeline}). */
    @AggregateMember
    private Timeline timeline = new Timeline();
    /** the deadline of a vote in writing; null for a vote in a session */
    private Instant deadline;
    private List<String> addressees;
    private List<String> partners;
    /** mandate id → its owner and where it stands */
    private Map<String, Mandate> mandates;

    /** A mandate of the adopted resolution. */
    record Mandate(DelegationCode owner, MandateStatus status) {
    }

    /** A tabled amendment awaiting the sponsor's answer. */
    record PendingAmendment(long baseVersion, String title, String text, DelegationCode tabledBy) {
    }

    Resolution() {
        // for Axon
    }

    @CommandHandlerInterceptor
    void inBusinessOrder(CommandMessage<?> command) {
        timeline.ensureInOrder(command);
    }

    @CommandHandler
    Resolution(ProposeResolution command, SessionDirectory sessions, ConferenceDirectory conferences, Clock clock) {
        SessionFacts session = sessions.facts(command.sessionId());
        ConferenceFacts conference = conferences.facts(session.conferenceId());
        conference.ensureMember(command.actor());
        session.ensureTakesDecisions();
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
        List<String> addressees = Texts.ensureParties(command.addressees(), "addressees");
        List<String> partners = Texts.ensureParties(command.partners(), "partners");
        Instant now = clock.instant();
        apply(new ResolutionProposed(command.resolutionId(), session.conferenceId(), session.sessionId(),
                command.title().strip(), command.text(), command.topics().stream().distinct().toList(),
                command.actor(), coSponsors.stream().sorted().toList(), command.actor(), now));
        if (!addressees.isEmpty() || !partners.isEmpty()) {
            apply(new ResolutionAddressed(command.resolutionId(), addressees, partners, command.actor(), now));
        }
    }

    @CommandHandler
    long handle(AmendResolution command, Clock clock) {
        ensureSponsorOrCoSponsor(command.actor());
        ensureStatus(ResolutionStatus.PROPOSED, "amended");
        ensureVersion(command.expectedVersion());
        Texts.ensureText(command.text());
        String newTitle = command.title() == null ? title : Texts.ensureTitle(command.title()).strip();
        List<String> newAddressees = command.addressees() == null ? addressees()
                : Texts.ensureParties(command.addressees(), "addressees");
        List<String> newPartners = command.partners() == null ? partners()
                : Texts.ensureParties(command.partners(), "partners");
        Instant now = clock.instant();
        apply(new ResolutionAmended(resolutionId, version + 1, newTitle, command.text(), command.reason(),
                command.actor(), now));
        if (!newAddressees.equals(addressees()) || !newPartners.equals(partners())) {
            apply(new ResolutionAddressed(resolutionId, newAddressees, newPartners, command.actor(), now));
        }
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

    /**
     * The chair of the session's date circulates the proposal: the vote opens now, without a session, and the ledger
     * decides at the deadline. The deadline is scheduled in this command's unit of work, so it is stored if and only
     * if the events are.
     */
    @CommandHandler
    VoteOpened handle(OpenWrittenProcedure command, SessionDirectory sessions, ConferenceDirectory conferences,
                      RulesOfProcedure rules, Clock clock, DeadlineManager deadlines) {
        ConferenceFacts conference = conferences.facts(conferenceId);
        conference.ensureChairOn(sessions.facts(sessionId).date(), command.actor());
        ensureStatus(ResolutionStatus.PROPOSED, "put to a written procedure");
        Instant now = clock.instant();
        if (command.deadline() == null || !command.deadline().isAfter(now)) {
            throw refused(ErrorCode.VALIDATION_FAILED, "a written procedure's deadline lies in the future (now is "
                    + now + ")");
        }
        RulesOfProcedure.NamedRule rule = rules.rule(command.rule());
        VoteOpened opened = new VoteOpened(resolutionId, sessionId, version, rule.name(), rule.terms(),
                conference.members().stream().sorted().toList(), command.actor(), now);
        apply(new WrittenProcedureOpened(resolutionId, command.deadline(), command.actor(), now));
        apply(opened);
        // a procedure recorded after the fact (an import) may have a deadline that lies in the wall clock's past: a
        // job for it would fire at once, before the import's later lines (its votes) are in. Such a procedure is
        // concluded by the ConcludeWrittenProcedure line that records its end, judged at the deadline all the same.
        Instant wallNow = clock instanceof BusinessClock business ? business.wallClock().instant() : now;
        if (command.deadline().isAfter(wallNow)) {
            deadlines.schedule(command.deadline(), WrittenProcedureDeadline.NAME,
                    new WrittenProcedureDeadline(resolutionId.value(), version));
        }
        return opened;
    }

    /**
     * The deadline has passed and the ledger records what it decides at the deadline, the same decision as
     * {@link #on(WrittenProcedureDeadline)}: for a procedure imported after its deadline, or a deadline no scheduler
     * fired. The chair of the session's date or an administrator; refused before the deadline (business time), and
     * when the procedure has ended already.
     */
    @CommandHandler
    Object handle(ConcludeWrittenProcedure command, SessionDirectory sessions,
                                   ConferenceDirectory conferences, Clock clock, DeadlineManager deadlines) {
        if (!command.admin()) {
            conferences.facts(conferenceId).ensureChairOn(sessions.facts(sessionId).date(), command.actor());
        }
        if (!isWritten()) {
            throw refused(ErrorCode.INVALID_STATE_TRANSITION, resolutionId + " is not in a written procedure");
        }
        ensureStatus(ResolutionStatus.VOTING, "concluded");
        Instant now = clock.instant();
        if (now.isBefore(deadline)) {
            throw refused(ErrorCode.DEADLINE_NOT_REACHED, "the written procedure on " + resolutionId
                    + " ends at its deadline " + deadline + ", not before (now is " + now + ")");
        }
        Object outcome = decideInWriting(WrittenOutcome.metAtDeadline(rule, tally), DecidedBy.DEADLINE, deadline);
        deadlines.cancelAllWithinScope(WrittenProcedureDeadline.NAME);
        return outcome;
    }

    @CommandHandler
    void handle(CastVote command, SessionDirectory sessions, ConferenceDirectory conferences, Clock clock,
                DeadlineManager deadlines) {
        if (!eligibleVoters.contains(command.actor())) {
            // guests and outsiders are refused with the reason the conference gives
            conferences.facts(conferenceId).ensureMember(command.actor());
        }
        ensureStatus(ResolutionStatus.VOTING, "voted on");
        if (!eligibleVoters.contains(command.actor())) {
            throw refused(ErrorCode.NOT_A_MEMBER, command.actor() + " was not a member when the vote opened");
        }
        Instant now = clock.instant();
        if (isWritten()) {
            // the deadline counts, not whether its job has run yet
            if (!now.isBefore(deadline)) {
                throw refused(ErrorCode.DEADLINE_PASSED, "the written procedure on " + resolutionId
                        + " ended at its deadline " + deadline + "; no more votes are taken");
            }
        } else {
            SessionFacts session = sessions.facts(sessionId);
            // closing the session ended its votes: what was cast stands, the chair adopts or rejects on it
            ensureSessionNotClosed(session, "takes no more votes");
            session.ensurePresent(command.actor());
        }
        if (votes.containsKey(command.actor())) {
            throw refused(ErrorCode.ALREADY_VOTED, command.actor() + " has voted on " + resolutionId + " already");
        }
        if (command.choice() == null) {
            throw refused(ErrorCode.VALIDATION_FAILED, "a vote is YES, NO or ABSTAIN");
        }
        apply(new VoteCast(resolutionId, version, command.choice(), command.actor(), now));
        if (isWritten()) {
            Optional<Boolean> settled = WrittenOutcome.settled(rule, tally, eligibleVoters.size() - votes.size());
            if (settled.isPresent()) {
                decideInWriting(settled.get(), DecidedBy.EARLY_CONCLUSION, now);
                deadlines.cancelAllWithinScope(WrittenProcedureDeadline.NAME);
            }
        }
    }

    /**
     * A written procedure's deadline came: the rule decides on the votes cast, with no one present. Runs once per
     * deadline (the clustered job store fires it on one instance); a deadline of a procedure that has ended already
     * (concluded early, its cancellation lost) decides nothing.
     */
    @DeadlineHandler(deadlineName = WrittenProcedureDeadline.NAME)
    void on(WrittenProcedureDeadline due) {
        if (status != ResolutionStatus.VOTING || !isWritten() || due.version() != version) {
            return;
        }
        decideInWriting(WrittenOutcome.metAtDeadline(rule, tally), DecidedBy.DEADLINE, deadline);
    }

    /** Applies the outcome event of a written procedure and answers it. */
    private Object decideInWriting(boolean adopted, DecidedBy decidedBy, Instant at) {
        if (adopted) {
            ResolutionAdopted outcome = new ResolutionAdopted(resolutionId, sessionId, version, tally, rule, decidedBy,
                    null, at);
            apply(outcome);
            return outcome;
        }
        String when = decidedBy == DecidedBy.DEADLINE ? "at the deadline" : "whatever the outstanding votes";
        ResolutionRejected outcome = new ResolutionRejected(resolutionId, sessionId, version, tally, rule, "the tally "
                + describe(tally) + " " + when + " does not meet the rule in force (" + rule.describe() + ")",
                decidedBy, null, at);
        apply(outcome);
        return outcome;
    }

    @CommandHandler
    Tally handle(AdoptResolution command, SessionDirectory sessions, ConferenceDirectory conferences, Clock clock) {
        SessionFacts session = sessions.facts(sessionId);
        conferences.facts(conferenceId).ensureChairOn(session.date(), command.actor());
        ensureStatus(ResolutionStatus.VOTING, "adopted");
        ensureDecidedByTheChair();
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
        ensureDecidedByTheChair();
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
        target.ensureTakesDecisions();
        if (!target.status().isComing()) {
            throw refused(target.status() == SessionStatus.CLOSED ? ErrorCode.SESSION_CLOSED
                    : ErrorCode.INVALID_STATE_TRANSITION, "session " + target.sessionId() + " is " + target.status()
                    + "; a resolution moves to a coming session (SCHEDULED or POSTPONED)");
        }
        apply(new ResolutionTransferred(resolutionId, sessionId, target.sessionId(), command.actor(), clock.instant()));
    }

    @CommandHandler
    void handle(GiveMandate command, SessionDirectory sessions, ConferenceDirectory conferences, Clock clock) {
        ensureChairOfSession(sessions, conferences, command.actor());
        if (status != ResolutionStatus.ADOPTED && status != ResolutionStatus.PUBLISHED) {
            throw refused(ErrorCode.INVALID_STATE_TRANSITION, "resolution " + resolutionId + " is " + status
                    + "; only an adopted (or published) resolution gives mandates");
        }
        if (mandates().containsKey(command.mandateId())) {
            throw refused(ErrorCode.ALREADY_EXISTS, "mandate " + command.mandateId() + " exists");
        }
        String task = Texts.ensureTask(command.task());
        if (command.owner() == null || command.due() == null) {
            throw refused(ErrorCode.VALIDATION_FAILED, "a mandate names its owner and its due date");
        }
        conferences.facts(conferenceId).ensureMember(command.owner());
        apply(new MandateGiven(resolutionId, command.mandateId(), task, command.owner(), command.due(),
                command.actor(), clock.instant()));
    }

    @CommandHandler
    void handle(ReportOnMandate command, SessionDirectory sessions, ConferenceDirectory conferences, Clock clock) {
        Mandate mandate = mandates().get(command.mandateId());
        if (mandate == null) {
            throw refused(ErrorCode.MANDATE_NOT_FOUND, "no mandate " + command.mandateId() + " of " + resolutionId);
        }
        if (!Objects.equals(mandate.owner(), command.actor())) {
            // not its owner: then only the chair of the session's date follows it up
            ensureChairOfSession(sessions, conferences, command.actor());
        }
        if (mandate.status() == MandateStatus.DONE) {
            throw refused(ErrorCode.MANDATE_DONE, "mandate " + command.mandateId() + " was reported done");
        }
        if (command.status() != MandateStatus.IN_PROGRESS && command.status() != MandateStatus.DONE) {
            throw refused(ErrorCode.VALIDATION_FAILED, "a report says IN_PROGRESS or DONE");
        }
        String note = command.note() == null || command.note().isBlank() ? null : Texts.ensureTask(command.note());
        apply(new MandateReported(resolutionId, command.mandateId(), command.status(), note, command.actor(),
                clock.instant()));
    }

    // ---- named checks

    // a snapshot taken before addressees and mandates existed restores these fields as null

    private List<String> addressees() {
        return addressees == null ? List.of() : addressees;
    }

    private List<String> partners() {
        return partners == null ? List.of() : partners;
    }

    private Map<String, Mandate> mandates() {
        return mandates == null ? Map.of() : mandates;
    }

    private boolean isWritten() {
        return deadline != null;
    }

    private void ensureDecidedByTheChair() {
        if (isWritten()) {
            throw refused(ErrorCode.DECIDED_BY_DEADLINE, "the written procedure on " + resolutionId
                    + " is decided by the ledger at its deadline " + deadline + " (or earlier, once no outstanding"
                    + " vote can change the outcome), not by the chair");
        }
    }

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
        addressees = List.of();
        partners = List.of();
        mandates = new HashMap<>();
    }

    @EventSourcingHandler
    void on(ResolutionAddressed event) {
        addressees = event.addressees();
        partners = event.partners();
    }

    @EventSourcingHandler
    void on(MandateGiven event) {
        if (mandates == null) {
            mandates = new HashMap<>();
        }
        mandates.put(event.mandateId(), new Mandate(event.owner(), MandateStatus.OPEN));
    }

    @EventSourcingHandler
    void on(MandateReported event) {
        if (mandates != null) {
            mandates.computeIfPresent(event.mandateId(), (id, m) -> new Mandate(m.owner(), event.status()));
        }
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
    void on(WrittenProcedureOpened event) {
        deadline = event.deadline();
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
