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
import org.axonframework.commandhandling.AsynchronousCommandBus;
import org.axonframework.commandhandling.CommandBusSpanFactory;
import org.axonframework.commandhandling.DuplicateCommandHandlerResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.interceptors.CorrelationDataInterceptor;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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

    /**
     * The commands' own threads (a bulkhead): the HTTP thread waits for its command at most
     * {@code ledger.commands.timeout} (web.CommandDispatcher) and is then answered 503 while the command, if the
     * database hangs, stays on one of these threads until the JDBC timeouts end it. At most
     * {@code ledger.commands.threads} run at once and {@code ledger.commands.queue} wait; beyond that a command is
     * refused at once (503, nothing written) rather than pinning yet another request thread.
     */
    @Bean(destroyMethod = "shutdown")
    ThreadPoolExecutor commandExecutor(@Value("${ledger.commands.threads:32}") int threads,
                                       @Value("${ledger.commands.queue:256}") int queue) {
        AtomicInteger number = new AtomicInteger();
        ThreadPoolExecutor executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(queue), r -> {
                    Thread t = new Thread(r, "command-" + number.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.AbortPolicy());
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }

    /**
     * Axon's own asynchronous bus in place of the auto-configured {@code SimpleCommandBus}, built the same way
     * (transaction manager, duplicate-handler resolver, span factory, message monitor, correlation data), but
     * handling each command on {@link #commandExecutor}, so that a wait for it can time out. With Axon Server it is
     * the local segment, as Axon's auto-configuration's would be.
     */
    @Bean(destroyMethod = "shutdown")
    @Qualifier("localSegment")
    public AsynchronousCommandBus commandBus(TransactionManager transactionManager,
                                             org.axonframework.config.Configuration axon,
                                             DuplicateCommandHandlerResolver duplicateCommandHandlerResolver,
                                             ThreadPoolExecutor commandExecutor) {
        AsynchronousCommandBus bus = AsynchronousCommandBus.builder()
                .executor(commandExecutor)
                .transactionManager(transactionManager)
                .duplicateCommandHandlerResolver(duplicateCommandHandlerResolver)
                .spanFactory(axon.getComponent(CommandBusSpanFactory.class))
                .messageMonitor(axon.messageMonitor(CommandBus.class, "commandBus"))
                .build();
        bus.registerHandlerInterceptor(new CorrelationDataInterceptor<>(axon.correlationDataProviders()));
        return bus;
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
