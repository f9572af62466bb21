package io.resolutionledger.query.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.resolutionledger.api.proof.LedgerLeaf;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import io.resolutionledger.query.eventstore.EventStoreGateway;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Reads events through the gateway's stored path (Axon's storage engine without upcasters, never SQL of its own, so
 * the storage engine can be swapped) and turns them into leaves. A leaf commits to what was stored: the payload and
 * metadata bytes, type and revision as written (the serializer hands back the stored bytes when it is the one that
 * read them), so a field the Java classes do not know is still part of the leaf, and an upcaster added later changes
 * no leaf.
 */
@Component
public class LeafReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final EventStoreGateway events;
    private final Serializer serializer;

    public LeafReader(EventStoreGateway events, @Qualifier("eventSerializer") Serializer serializer) {
        this.events = events;
        this.serializer = serializer;
    }

    public LedgerLeaf leaf(long index, EventMessage<?> event) {
        SerializedObject<byte[]> payload = event.serializePayload(serializer, byte[].class);
        byte[] metaData = event.serializeMetaData(serializer, byte[].class).getData();
        JsonNode payloadTree = tree(payload.getData());
        String recordedAt = event.getTimestamp().toString();
        JsonNode occurred = payloadTree.get("occurredAt");
        String occurredAt = occurred != null && occurred.isTextual() ? occurred.asText() : recordedAt;
        String aggregateId = null;
        String aggregateType = null;
        long sequence = -1;
        if (event instanceof DomainEventMessage<?> domain) {
            aggregateId = domain.getAggregateIdentifier();
            aggregateType = domain.getType();
            sequence = domain.getSequenceNumber();
        }
        return new LedgerLeaf(index, event.getIdentifier(), aggregateId, aggregateType, sequence,
                payload.getType().getName(), payload.getType().getRevision(), occurredAt, recordedAt, payloadTree,
                metaData == null ? JsonNodeFactory.instance.objectNode() : tree(metaData));
    }

    private static JsonNode tree(byte[] json) {
        try {
            JsonNode node = JSON.readTree(json);
            return node == null ? JsonNodeFactory.instance.nullNode() : node;
        } catch (IOException e) {
            // stored bytes that are not JSON still make a leaf (as text), so that verification sees them
            return JsonNodeFactory.instance.textNode(new String(json, java.nio.charset.StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw new UncheckedIOException(new IOException(e));
        }
    }

    /**
     * The global index of the store's newest event (-1 when empty). Readers that must see the store itself stop
     * there: beyond it Axon's embedded store would hand them its live tail from memory, where an event deleted from
     * the table may still be cached.
     */
    public long headIndex() {
        return position(events.head());
    }

    /** A stream of the store's events after global index {@code after} (-1: from the start). */
    public BlockingStream<TrackedEventMessage<?>> openAfter(long after) {
        return events.openStored(after < 0 ? null : events.after(after));
    }

    /** The event at a global index, if it is (still) there. */
    public Optional<TrackedEventMessage<?>> at(long globalIndex) {
        try (BlockingStream<TrackedEventMessage<?>> stream = openAfter(globalIndex - 1)) {
            if (stream.hasNextAvailable(2, TimeUnit.SECONDS)) {
                TrackedEventMessage<?> event = stream.nextAvailable();
                if (position(event.trackingToken()) == globalIndex) {
                    return Optional.of(event);
                }
            }
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Every event of one aggregate, in its order. */
    public List<DomainEventMessage<?>> aggregate(String aggregateIdentifier) {
        return events.storedAggregate(aggregateIdentifier).stream().map(EventStoreGateway.Positioned::domain)
                .filter(java.util.Objects::nonNull).toList();
    }

    public static long position(TrackingToken token) {
        return token == null ? -1 : token.position().orElse(-1);
    }
}
