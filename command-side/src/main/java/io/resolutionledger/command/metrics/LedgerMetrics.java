package io.resolutionledger.command.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.resolutionledger.api.error.ErrorCode;
import io.resolutionledger.api.event.ResolutionAdopted;
import io.resolutionledger.api.event.ResolutionProposed;
import io.resolutionledger.api.event.ResolutionRejected;
import io.resolutionledger.api.event.VoteCast;
import org.axonframework.common.Registration;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Business counters of the command side, fed from the events this JVM appends (there are no event processors on
 * the command side): the component subscribes to Axon's {@link EventBus}. A subscriber is called when the unit of
 * work that applied the events prepares its commit, i.e. before the transaction commits; the counters therefore move
 * only after that commit succeeded, so a command that is rolled back (a lost append race, a failed idempotency
 * record) is never counted. With Axon Server (profile {@code axon-server}) the event bus is Axon Server's event store,
 * which delivers this JVM's own events to local subscribers the same way.
 *
 * <ul>
 *   <li>{@value #PROPOSED} — tag {@code delegation}: the sponsor</li>
 *   <li>{@value #ADOPTED}, {@value #REJECTED}</li>
 *   <li>{@value #VOTES} — no tags: a delegation's vote is the ledger's business, never a metric's (a scrape must
 *       not tell how a delegation voted on a matter that is not published)</li>
 *   <li>{@value #REFUSED} — tag {@code code}: the {@link ErrorCode} of a command the domain refused (counted by
 *       {@link RefusalCounter})</li>
 * </ul>
 * Delegations are the conference's configured members, so the tags stay few.
 */
@Component
public class LedgerMetrics implements DisposableBean {

    public static final String PROPOSED = "ledger.resolutions.proposed";
    public static final String ADOPTED = "ledger.resolutions.adopted";
    public static final String REJECTED = "ledger.resolutions.rejected";
    public static final String VOTES = "ledger.votes.cast";
    public static final String REFUSED = "ledger.commands.refused";

    private final MeterRegistry registry;
    private final Registration subscription;
    private final Counter adopted;
    private final Counter rejected;
    // each series is registered once, the first time it is needed, and found again without building a meter id
    private final Map<String, Counter> proposed = new ConcurrentHashMap<>();
    private final Counter votes;
    private final Map<ErrorCode, Counter> refused = new ConcurrentHashMap<>();

    public LedgerMetrics(MeterRegistry registry, EventBus eventBus) {
        this.registry = registry;
        // registered up front, so that the series exist (at 0) from the start and rate() works on the first event
        this.adopted = Counter.builder(ADOPTED).description("Resolutions adopted").register(registry);
        this.rejected = Counter.builder(REJECTED).description("Resolutions rejected").register(registry);
        this.votes = Counter.builder(VOTES).description("Votes cast").register(registry);
        this.subscription = eventBus.subscribe(this::onPublished);
    }

    private void onPublished(List<? extends EventMessage<?>> events) {
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().afterCommit(unitOfWork -> count(events));
        } else {
            count(events);
        }
    }

    void count(List<? extends EventMessage<?>> events) {
        for (EventMessage<?> event : events) {
            Object payload = event.getPayload();
            if (payload instanceof ResolutionProposed proposal) {
                proposed.computeIfAbsent(proposal.sponsor().value(), delegation -> Counter.builder(PROPOSED)
                        .description("Resolutions proposed, by sponsoring delegation")
                        .tag("delegation", delegation).register(registry)).increment();
            } else if (payload instanceof ResolutionAdopted) {
                adopted.increment();
            } else if (payload instanceof ResolutionRejected) {
                rejected.increment();
            } else if (payload instanceof VoteCast) {
                votes.increment();
            }
        }
    }

    /** A command refused by the domain with this code (see {@link RefusalCounter}). */
    public void refused(ErrorCode code) {
        refused.computeIfAbsent(code, c -> Counter.builder(REFUSED).description("Commands refused by the domain, by error code")
                .tag("code", c.name()).register(registry)).increment();
    }

    @Override
    public void destroy() {
        subscription.cancel();
    }
}
