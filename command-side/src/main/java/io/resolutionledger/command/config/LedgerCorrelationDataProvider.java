package io.resolutionledger.command.config;

import io.resolutionledger.api.event.EventMetadata;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.correlation.CorrelationDataProvider;

import java.util.HashMap;
import java.util.Map;

/**
 * The technical context every event inherits from the command that caused it. Axon's own
 * {@code MessageOriginProvider} would put the command's message id under {@code correlationId}; auditors need both
 * ids under names that mean what they say:
 * <ul>
 *   <li>{@code correlationId} (and Axon's {@code traceId}, the same value): the client's request, e.g. its
 *   {@code X-Correlation-Id}, shared by everything that request caused;</li>
 *   <li>{@code causationId}: the identifier of the message that directly caused this one (the command);</li>
 *   <li>{@code user}, {@code delegation}, {@code idempotencyKey}, {@code importId} (the history import that
 *   recorded it after the fact): copied when the command has them;</li>
 *   <li>{@code command}: the name of the command that caused it (its class name), so that an auditor reads from
 *   the event itself which request produced it.</li>
 * </ul>
 */
public final class LedgerCorrelationDataProvider implements CorrelationDataProvider {

    public static final String CORRELATION_ID = "correlationId";
    public static final String TRACE_ID = "traceId";
    public static final String CAUSATION_ID = "causationId";
    public static final String COMMAND = "command";
    private static final String[] COPIED = {AxonConfig.USER, AxonConfig.DELEGATION, AxonConfig.IDEMPOTENCY_KEY,
            EventMetadata.IMPORT_ID};

    @Override
    public Map<String, ?> correlationDataFor(Message<?> message) {
        MetaData metaData = message.getMetaData();
        Map<String, Object> data = new HashMap<>();
        Object correlationId = metaData.getOrDefault(CORRELATION_ID, message.getIdentifier());
        data.put(CORRELATION_ID, correlationId);
        data.put(TRACE_ID, metaData.getOrDefault(TRACE_ID, correlationId));
        data.put(CAUSATION_ID, message.getIdentifier());
        if (message instanceof CommandMessage<?> command) {
            data.put(COMMAND, command.getCommandName());
        }
        for (String key : COPIED) {
            if (metaData.containsKey(key)) {
                data.put(key, metaData.get(key));
            }
        }
        return data;
    }
}
