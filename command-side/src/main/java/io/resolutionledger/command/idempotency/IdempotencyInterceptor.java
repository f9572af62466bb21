package io.resolutionledger.command.idempotency;

import io.resolutionledger.command.config.AxonConfig;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.util.Optional;

/**
 * Idempotency keys inside the command's own unit of work (Axon attaches the Spring transaction before handler
 * interceptors run, so both statements use the command's connection and transaction). First the key is looked up:
 * a key used before ends the command here with an {@link IdempotentReplay} of the first answer, before any
 * aggregate is loaded (one query; none for a command without a key). Otherwise the command is handled and the
 * answer's insert is registered in {@code onPrepareCommit} after the event store's own, so the record commits
 * atomically with the events, or not at all. A refused command throws before anything is registered and leaves no
 * record. Two concurrent requests with one key: the second insert hits the primary key, its unit of work rolls
 * back (its events with it), and the web layer replays the first answer.
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
        if (!(key instanceof String k && caller instanceof String c && hash instanceof String h)) {
            return interceptorChain.proceed();
        }
        IdempotencyKey idempotencyKey = new IdempotencyKey(c, k);
        Optional<IdempotencyRecord> used = store.find(idempotencyKey);
        if (used.isPresent()) {
            return new IdempotentReplay(used.get().requestHash(), used.get().answer());
        }
        Object result = interceptorChain.proceed();
        {
            CommandAnswer answer = renderer.render(command.getPayload(), result);
            String resultType = result == null ? null : result.getClass().getName();
            unitOfWork.onPrepareCommit(u -> store.insert(idempotencyKey, h, resultType, answer));
        }
        return result;
    }
}
