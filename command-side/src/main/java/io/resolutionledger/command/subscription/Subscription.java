package io.resolutionledger.command.subscription;

import io.resolutionledger.api.command.CreateSubscription;
import io.resolutionledger.api.command.DeleteSubscription;
import io.resolutionledger.api.error.ErrorCode;
import io.resolutionledger.api.error.LedgerRefusedException;
import io.resolutionledger.api.event.SubscriptionCreated;
import io.resolutionledger.api.event.SubscriptionDeleted;
import io.resolutionledger.api.event.SubscriptionSecretRotated;
import io.resolutionledger.api.command.RotateSubscriptionSecret;
import io.resolutionledger.command.config.LedgerProperties;
import io.resolutionledger.command.conference.ConferenceDirectory;
import io.resolutionledger.webhooks.WebhookProperties;
import io.resolutionledger.webhooks.WebhookTargets;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A webhook subscription of a delegation (or of the administrators): where deliveries go and which event types. The
 * query side delivers from the event log; what an owner may read is decided here, once, from the conference.
 */
@Aggregate
class Subscription {

    static final String ADMIN = "admin";
    /** an event type is the simple name of an event (ResolutionAdopted), or * for all */
    private static final Pattern EVENT_TYPE = Pattern.compile("\\*|[A-Z][A-Za-z]{2,63}");
    private static final int MAX_EVENT_TYPES = 50;

    @AggregateIdentifier
    private String subscriptionId;
    private String owner;
    private boolean deleted;
    private int generation;

    Subscription() {
        // for Axon
    }

    @CommandHandler
    Subscription(CreateSubscription command, ConferenceDirectory conferences, LedgerProperties ledger,
                 WebhookProperties webhooks, Clock clock) {
        if (!webhooks.configured()) {
            throw new LedgerRefusedException(ErrorCode.VALIDATION_FAILED,
                    "webhooks are not configured on this ledger (ledger.webhooks.secret-key)");
        }
        String owner;
        boolean readsUnpublished;
        if (command.actor() != null) {
            var conference = conferences.facts(ledger.conference().conferenceId());
            // a guest of the conference may subscribe, and gets what is published only
            readsUnpublished = conference.isMember(command.actor());
            if (!readsUnpublished && !conference.guests().contains(command.actor())) {
                conference.ensureMember(command.actor());
            }
            owner = command.actor().value();
        } else if (command.admin()) {
            owner = ADMIN;
            readsUnpublished = true;
        } else {
            throw new LedgerRefusedException(ErrorCode.FORBIDDEN, "a subscription is a delegation's or the admins'");
        }
        WebhookTargets.ensureAllowed(command.url(), webhooks.allowedHosts());
        Set<String> events = new LinkedHashSet<>(command.events());
        if (events.isEmpty() || events.size() != command.events().size() || events.size() > MAX_EVENT_TYPES
                || !events.stream().allMatch(e -> e != null && EVENT_TYPE.matcher(e).matches())) {
            throw new LedgerRefusedException(ErrorCode.VALIDATION_FAILED, "events names event types (such as "
                    + "ResolutionAdopted) once each, or *, at most " + MAX_EVENT_TYPES);
        }
        org.axonframework.modelling.command.AggregateLifecycle.apply(new SubscriptionCreated(command.subscriptionId(),
                owner, command.url(), List.copyOf(events), readsUnpublished, command.actor(), clock.instant()));
    }

    @CommandHandler
    void handle(DeleteSubscription command, Clock clock) {
        String caller = command.actor() != null ? command.actor().value() : command.admin() ? ADMIN : null;
        if (!Objects.equals(caller, owner)) {
            throw new LedgerRefusedException(ErrorCode.FORBIDDEN, "only its owner ends subscription "
                    + subscriptionId);
        }
        if (deleted) {
            throw new LedgerRefusedException(ErrorCode.INVALID_STATE_TRANSITION, "subscription " + subscriptionId
                    + " has ended already");
        }
        org.axonframework.modelling.command.AggregateLifecycle.apply(new SubscriptionDeleted(subscriptionId,
                command.actor(), clock.instant()));
    }

    /**
     * A new signing secret: the next generation, derived like the first (never in the log). The previous secret keeps
     * signing too until the overlap ends, so that the receiver can switch while deliveries go on.
     */
    @CommandHandler
    SubscriptionSecretRotated handle(RotateSubscriptionSecret command, WebhookProperties webhooks, Clock clock) {
        String caller = command.actor() != null ? command.actor().value() : command.admin() ? ADMIN : null;
        if (!Objects.equals(caller, owner)) {
            throw new LedgerRefusedException(ErrorCode.FORBIDDEN, "only its owner rotates the secret of subscription "
                    + subscriptionId);
        }
        if (deleted) {
            throw new LedgerRefusedException(ErrorCode.INVALID_STATE_TRANSITION, "subscription " + subscriptionId
                    + " has ended; it has no secret to rotate");
        }
        Instant now = clock.instant();
        SubscriptionSecretRotated rotated = new SubscriptionSecretRotated(subscriptionId, generation + 1,
                now.plus(webhooks.rotationOverlap()), command.actor(), now);
        org.axonframework.modelling.command.AggregateLifecycle.apply(rotated);
        return rotated;
    }

    @EventSourcingHandler
    void on(SubscriptionSecretRotated event) {
        generation = event.generation();
    }

    @EventSourcingHandler
    void on(SubscriptionCreated event) {
        subscriptionId = event.subscriptionId();
        owner = event.owner();
    }

    @EventSourcingHandler
    void on(SubscriptionDeleted event) {
        deleted = true;
    }
}
