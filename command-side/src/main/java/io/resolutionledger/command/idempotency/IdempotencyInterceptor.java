package io.resolutionledger.command.idempotency;

import io.resolutionledger.command.config.AxonConfig;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Records the answer of a command that carries an idempotency key, inside the command's own unit of work: Axon
 * attaches the Spring transaction before handler interceptors run, and the insert is registered in
 * {@code onPrepareCommit} after the event store's own, so the record commits atomically with the events, or not
 * at all. A refused command throws before anything is registered and leaves no record. Two concurrent requests
 * with one key: the second insert hits the primary key, its unit of work rolls back (its events with it), and the
 * web layer replays the first answer.
 */
public class IdempotencyInterceptor implements MessageHandlerInterceptor<CommandMessage<?>> {

    /** Metadata keys the web layer sets; {@code idempotencyKey} is also copied onto the events. */
    public static final String KEY = AxonConfig.IDEMPOTENCY_KEY;
    public static final String CALLER = AxonConfig.USER;
    public static final String REQUEST_HASH = "requestHash";

    private final IdempotencyStore store;
    private final AnswerRenderer renderer;

    public IdempotencyInterceptor(IdempotencyStore store, AnswerRenderer renderer) {
        this.store = store;
        this.renderer = renderer;
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork,
                         InterceptorChain interceptorChain) throws Exception {
        CommandMessage<?> command = unitOfWork.getMessage();
        Object key = command.getMetaData().get(KEY);
        Object caller = command.getMetaData().get(CALLER);
        Object hash = command.getMetaData().get(REQUEST_HASH);
        Object result = interceptorChain.proceed();
        if (key instanceof String k && caller instanceof String c && hash instanceof String h) {
            IdempotencyKey idempotencyKey = new IdempotencyKey(c, k);
            CommandAnswer answer = renderer.render(command.getPayload(), result);
            String resultType = result == null ? null : result.getClass().getName();
            unitOfWork.onPrepareCommit(u -> store.insert(idempotencyKey, h, resultType, answer));
        }
        return result;
    }
}
