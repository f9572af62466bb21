package io.resolutionledger.command.config;

import io.resolutionledger.api.error.LedgerRefusedException;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.commandhandling.gateway.ExponentialBackOffIntervalRetryScheduler;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

@Configuration(proxyBeanMethods = false)
public class CommandBusConfig {

    /**
     * Two instances (or two requests) appending to one aggregate at once collide on the (aggregate, sequence) key; the
     * loser gets Axon's transient {@code ConcurrencyException} and is retried here against the fresh state, where the
     * aggregate decides again (a stale {@code If-Match} then becomes a clean VERSION_CONFLICT).
     */
    @Bean(destroyMethod = "shutdown")
    ScheduledExecutorService commandRetryExecutor() {
        return Executors.newScheduledThreadPool(1, r -> {
            Thread t = new Thread(r, "command-retry");
            t.setDaemon(true);
            return t;
        });
    }

    @Bean
    public CommandGateway commandGateway(CommandBus commandBus, ScheduledExecutorService commandRetryExecutor,
                                         @Value("${ledger.commands.max-retries:6}") int maxRetries) {
        commandBus.registerHandlerInterceptor(new RefusalInterceptor());
        return DefaultCommandGateway.builder()
                .commandBus(commandBus)
                .retryScheduler(ExponentialBackOffIntervalRetryScheduler.builder()
                        .retryExecutor(commandRetryExecutor)
                        .maxRetryCount(maxRetries)
                        // 10, 20, 40, ... ms: writers that collided spread out instead of colliding again
                        .backoffFactor(10)
                        // only a lost append race is worth another try; refusals and failures are final
                        .nonTransientFailurePredicate(failure -> !isAppendRace(failure))
                        .build())
                .build();
    }

    static boolean isAppendRace(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConcurrencyException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Carries a domain refusal as the details of a {@link CommandExecutionException}, the one form in which it
     * crosses any command bus (local or Axon Server) with its code intact.
     */
    static final class RefusalInterceptor implements MessageHandlerInterceptor<CommandMessage<?>> {
        @Override
        public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain)
                throws Exception {
            try {
                return chain.proceed();
            } catch (LedgerRefusedException refused) {
                throw new CommandExecutionException(refused.getMessage(), null, refused.toRefusal());
            }
        }
    }
}
