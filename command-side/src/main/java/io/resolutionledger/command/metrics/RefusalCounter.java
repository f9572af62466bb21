package io.resolutionledger.command.metrics;

import io.resolutionledger.api.error.LedgerRefusedException;
import io.resolutionledger.api.error.Refusal;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.HandlerExecutionException;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

/**
 * Counts the commands the domain refuses ({@code ledger.commands.refused}, tagged with the error code). A command
 * handler interceptor — Axon's Spring Boot auto-configuration registers every such bean on the command bus, local or
 * Axon Server — so it sees each refusal once where it is decided, whether it still is a
 * {@link LedgerRefusedException} or already travels as the {@link Refusal} details of a command execution exception
 * (the command-bus interceptor of {@code config.CommandBusConfig} converts it; the order of the two is not fixed).
 * Refusals are never retried, so nothing is counted twice. Requests that never reach the command bus (validation,
 * authentication) are counted by Spring's {@code http.server.requests} timer under their status.
 */
@Component
public class RefusalCounter implements MessageHandlerInterceptor<CommandMessage<?>> {

    private final LedgerMetrics metrics;

    public RefusalCounter(LedgerMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain)
            throws Exception {
        try {
            return chain.proceed();
        } catch (LedgerRefusedException refused) {
            metrics.refused(refused.code());
            throw refused;
        } catch (HandlerExecutionException failure) {
            failure.getDetails().filter(Refusal.class::isInstance).map(Refusal.class::cast)
                    .ifPresent(refusal -> metrics.refused(refusal.code()));
            throw failure;
        }
    }
}
