package io.resolutionledger.command.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.resolutionledger.api.error.ErrorCode;
import io.resolutionledger.api.json.LedgerJson;
import io.resolutionledger.command.config.AxonConfig;
import io.resolutionledger.command.idempotency.AnswerRenderer;
import io.resolutionledger.command.idempotency.IdempotencyInterceptor;
import io.resolutionledger.command.idempotency.IdempotencyKey;
import io.resolutionledger.command.idempotency.IdempotentReplay;
import io.resolutionledger.command.idempotency.IdempotencyStore;
import io.resolutionledger.command.idempotency.RequestHash;
import io.resolutionledger.command.security.Caller;
import io.resolutionledger.command.security.Pseudonyms;
import org.springframework.beans.factory.annotation.Value;
import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.HashMap;
import java.util.concurrent.TimeUnit;
import java.util.Map;
import java.util.Optional;

/**
 * Sends one command on behalf of the caller and turns its result into the HTTP answer; the controllers only
 * validate and build commands. With an {@code Idempotency-Key} the command's own transaction first looks for the
 * key's record ({@link IdempotencyInterceptor}): the same request gets the stored answer again (no new events),
 * another request under the same key gets 422. The record itself is written inside the command's transaction too;
 * when the command fails because a concurrent twin won, the twin's record is found and replayed.
 */
@Component
public class CommandDispatcher {

    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    public static final String CORRELATION_ID = "correlationId";
    /** Axon's name for the root of a causal chain; the same value as the correlation id here. */
    public static final String TRACE_ID = "traceId";
    /**
     * A request attribute: metadata the history import adds to the command it sends for one of its lines (the
     * declared business time and the import's id, see {@code HistoryImportController}).
     */
    public static final String IMPORT_METADATA = CommandDispatcher.class.getName() + ".import";

    private static final ObjectMapper CANONICAL = LedgerJson.messageMapper();

    private final CommandGateway gateway;
    private final IdempotencyStore store;
    private final AnswerRenderer renderer;
    private final CommandTargets targets;
    private final Pseudonyms pseudonyms;

    private final Duration timeout;

    /**
     * @param timeout how long a request waits for its command ({@code ledger.commands.timeout}); then it is answered
     *                503 {@code COMMAND_TIMEOUT} with {@code Retry-After}. Only a command that completed is
     *                acknowledged; one that completes after the answer is stored, and the same request repeated with
     *                the same {@code Idempotency-Key} gets its answer.
     */
    public CommandDispatcher(CommandGateway gateway, IdempotencyStore store, AnswerRenderer renderer,
                             CommandTargets targets, Pseudonyms pseudonyms,
                             @Value("${ledger.commands.timeout:10s}") Duration timeout) {
        this.timeout = timeout;
        this.gateway = gateway;
        this.store = store;
        this.renderer = renderer;
        this.targets = targets;
        this.pseudonyms = pseudonyms;
    }

    /**
     * @param body    the validated request record (null for requests without one): hashed for idempotency
     * @param command the command to send; its actor comes from the caller's token
     */
    public ResponseEntity<JsonNode> send(HttpServletRequest http, Caller caller, Object body, Object command) {
        // the person only as a pseudonym, in events and idempotency records alike (Pseudonyms)
        String person = pseudonyms.of(caller.subject());
        Optional<IdempotencyKey> key = idempotencyKey(http, person);
        String hash = key.map(k -> RequestHash.of(http.getMethod(), http.getRequestURI(),
                http.getHeader(HttpHeaders.IF_MATCH), canonical(body))).orElse(null);
        Map<String, Object> metaData = new HashMap<>();
        metaData.put(AxonConfig.USER, person);
        if (caller.delegation() != null) {
            metaData.put(AxonConfig.DELEGATION, caller.delegation().value());
        }
        String correlationId = CorrelationIdFilter.of(http);
        metaData.put(CORRELATION_ID, correlationId);
        metaData.put(TRACE_ID, correlationId);
        if (http.getAttribute(IMPORT_METADATA) instanceof Map<?, ?> imported) {
            imported.forEach((name, value) -> metaData.put(String.valueOf(name), value));
        }
        key.ifPresent(k -> {
            metaData.put(IdempotencyInterceptor.KEY, k.value());
            metaData.put(IdempotencyInterceptor.REQUEST_HASH, hash);
        });
        Object result;
        try {
            result = gateway.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                    .andMetaData(MetaData.from(metaData)), timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RuntimeException failure) {
            if (key.isPresent()) {
                // a concurrent request with the same key may have won: answer as it was answered
                Optional<ResponseEntity<JsonNode>> replay = replaySafely(key.get(), hash, failure);
                if (replay.isPresent()) {
                    return replay.get();
                }
            }
            // the failure with what the problem details need to know about this command
            throw new CommandFailedException(command, targets.of(command).orElse(null),
                    http.getHeader(HttpHeaders.IF_MATCH) != null, failure);
        }
        if (result instanceof IdempotentReplay replay) {
            return replay(replay, hash);
        }
        return renderer.render(command, result).toResponseEntity();
    }

    private Optional<ResponseEntity<JsonNode>> replay(IdempotencyKey key, String hash) {
        return store.find(key).map(found -> replay(new IdempotentReplay(found.requestHash(), found.answer()), hash));
    }

    private static ResponseEntity<JsonNode> replay(IdempotentReplay found, String hash) {
        if (!found.requestHash().equals(hash)) {
            throw new InvalidRequestException(ErrorCode.IDEMPOTENCY_KEY_REUSED,
                    "This Idempotency-Key was already used for a different request; use a new key.");
        }
        ResponseEntity<JsonNode> first = found.answer().toResponseEntity();
        return ResponseEntity.status(first.getStatusCode())
                .headers(first.getHeaders())
                .header(REPLAYED_HEADER, "true")
                .body(first.getBody());
    }

    private Optional<ResponseEntity<JsonNode>> replaySafely(IdempotencyKey key, String hash, RuntimeException failure) {
        try {
            return replay(key, hash);
        } catch (InvalidRequestException reused) {
            throw reused;
        } catch (RuntimeException lookupFailed) {
            failure.addSuppressed(lookupFailed);
            return Optional.empty();
        }
    }

    private static Optional<IdempotencyKey> idempotencyKey(HttpServletRequest http, String person) {
        String header = http.getHeader(IdempotencyKey.HEADER);
        if (header == null) {
            return Optional.empty();
        }
        if (!IdempotencyKey.isValid(header)) {
            throw InvalidRequestException.field(IdempotencyKey.HEADER,
                    "must be 1-" + IdempotencyKey.MAX_LENGTH + " printable ASCII characters without spaces");
        }
        return Optional.of(new IdempotencyKey(person, header));
    }

    private static byte[] canonical(Object body) {
        if (body == null) {
            return new byte[0];
        }
        try {
            return CANONICAL.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize a validated request", e);
        }
    }
}
