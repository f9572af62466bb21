package io.resolutionledger.command.metrics;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * While a command is handled, the logging MDC carries the correlation id from the command's metadata
 * ({@code correlationId}, set by the web layer from the request). The HTTP filter already does so on the request
 * thread; this covers the threads that are not the request's: retries of a lost append race (run on the retry
 * scheduler) and commands arriving through Axon Server.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class CommandLogContext implements MessageHandlerInterceptor<CommandMessage<?>> {

    static final String METADATA_KEY = "correlationId";

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain)
            throws Exception {
        Object id = unitOfWork.getMessage().getMetaData().get(METADATA_KEY);
        if (!(id instanceof String correlationId)) {
            return chain.proceed();
        }
        String previous = MDC.get(CorrelationIdMdcFilter.MDC_KEY);
        MDC.put(CorrelationIdMdcFilter.MDC_KEY, correlationId);
        try {
            return chain.proceed();
        } finally {
            if (previous == null) {
                MDC.remove(CorrelationIdMdcFilter.MDC_KEY);
            } else {
                MDC.put(CorrelationIdMdcFilter.MDC_KEY, previous);
            }
        }
    }
}
