package io.resolutionledger.command.conference;

import io.resolutionledger.api.command.EstablishConference;
import io.resolutionledger.api.command.HandOverChair;
import io.resolutionledger.api.error.ErrorCode;
import io.resolutionledger.api.error.LedgerRefusedException;
import io.resolutionledger.api.event.ChairHandedOver;
import io.resolutionledger.api.event.ConferenceEstablished;
import io.resolutionledger.api.value.ConferenceId;
import io.resolutionledger.api.value.DelegationCode;
import io.resolutionledger.command.clock.Timeline;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.modelling.command.AggregateMember;
import org.axonframework.modelling.command.CommandHandlerInterceptor;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** A conference: its members and guests, and its chair year by year as handed over in the ledger. */
@Aggregate(snapshotTriggerDefinition = "ledgerSnapshotTrigger", repository = ConferenceRepositoryConfig.NAME)
class Conference {

    @AggregateIdentifier
    private ConferenceId conferenceId;
    private Set<DelegationCode> members;
    private Set<DelegationCode> guests;
    private List<ConferenceFacts.ChairTerm> terms;
    private Instant establishedAt;
    /** The business time of the latest event: imported history is recorded in order (see {@link Timeline}). */
    @AggregateMember
    private Timeline timeline = new Timeline();

    Conference() {
        // for Axon
    }

    @CommandHandlerInterceptor
    void inBusinessOrder(CommandMessage<?> command) {
        timeline.ensureInOrder(command);
    }

    @CommandHandler
    Conference(EstablishConference command, Clock clock) {
        if (command.members().isEmpty()) {
            throw refused(ErrorCode.VALIDATION_FAILED, "a conference needs at least one member");
        }
        Set<DelegationCode> overlap = new HashSet<>(command.members());
        overlap.retainAll(command.guests());
        if (!overlap.isEmpty()) {
            throw refused(ErrorCode.VALIDATION_FAILED, "a delegation is either member or guest: " + overlap);
        }
        apply(new ConferenceEstablished(command.conferenceId(), command.name(), sorted(command.members()),
                sorted(command.guests()), null, clock.instant()));
    }

    @CommandHandler
    void handle(HandOverChair command, Clock clock, ChairRules rules) {
        List<DelegationCode> to = command.to();
        if (to.isEmpty()) {
            throw refused(ErrorCode.VALIDATION_FAILED, "a hand-over names one or two incoming delegations");
        }
        if (to.size() > 2) {
            throw refused(ErrorCode.TOO_MANY_CHAIR_HOLDERS, "the chair is held by one or two delegations, not " + to.size());
        }
        if (Set.copyOf(to).size() != to.size()) {
            throw refused(ErrorCode.VALIDATION_FAILED, "the incoming delegations are named twice");
        }
        for (DelegationCode incoming : to) {
            if (!members.contains(incoming)) {
                throw refused(ErrorCode.NOT_A_MEMBER, "only members hold the chair; " + incoming + " is not one");
            }
        }
        if (command.effectiveFrom() == null || command.effectiveFrom().getYear() != command.year()) {
            throw refused(ErrorCode.VALIDATION_FAILED, "effectiveFrom must be a day of " + command.year());
        }
        List<DelegationCode> from = ensureMayHandOver(command);
        if (!command.byAdministrator()) {
            rules.ensureMayHandOverNow(command.year(), clock);
            rules.ensureNotToThemselves(from, to);
        }
        apply(new ChairHandedOver(conferenceId, command.year(), from, to, command.effectiveFrom(),
                command.byAdministrator() ? null : command.actor(), clock.instant()));
    }

    /** The holders of year Y hand over to year Y+1; an administrator sets only the very first chair. */
    private List<DelegationCode> ensureMayHandOver(HandOverChair command) {
        if (terms.isEmpty()) {
            if (!command.byAdministrator()) {
                throw refused(ErrorCode.NO_CHAIR_YET, "the first chair of " + conferenceId + " is set by an administrator");
            }
            return List.of();
        }
        if (command.byAdministrator()) {
            throw refused(ErrorCode.CHAIR_ALREADY_SET,
                    "the chair of " + conferenceId + " is handed over by its holders, not by an administrator");
        }
        ConferenceFacts.ChairTerm last = terms.get(terms.size() - 1);
        if (command.year() != last.year() + 1) {
            throw refused(ErrorCode.HANDOVER_SKIPS_YEAR, "the chair of " + last.year() + " hands over to "
                    + (last.year() + 1) + ", not to " + command.year());
        }
        if (!last.holders().contains(command.actor())) {
            throw refused(ErrorCode.NOT_HOLDER_OF_CHAIR, command.actor() + " does not hold the chair of "
                    + last.year() + " (" + ConferenceFacts.join(last.holders()) + " do)");
        }
        return last.holders();
    }

    ConferenceFacts facts() {
        return new ConferenceFacts(conferenceId, members, guests, terms, establishedAt);
    }

    @EventSourcingHandler
    void on(ConferenceEstablished event) {
        conferenceId = event.conferenceId();
        members = new HashSet<>(event.members());
        guests = new HashSet<>(event.guests());
        terms = new ArrayList<>();
        establishedAt = event.occurredAt();
    }

    @EventSourcingHandler
    void on(ChairHandedOver event) {
        terms.add(new ConferenceFacts.ChairTerm(event.year(), event.to(), event.effectiveFrom()));
    }

    private static List<DelegationCode> sorted(List<DelegationCode> codes) {
        return codes.stream().sorted().toList();
    }

    private static LedgerRefusedException refused(ErrorCode code, String detail) {
        return new LedgerRefusedException(code, detail);
    }
}
