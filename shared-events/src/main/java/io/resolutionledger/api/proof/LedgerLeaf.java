package io.resolutionledger.api.proof;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;

/**
 * One leaf of the ledger's log (API.md, "Verifiable history"): the RFC 8785 canonical JSON of an event's place in
 * the log, its identity, its two times, its payload and its metadata. The leaf's bytes are what is hashed; everything
 * an outsider learns from a proof, they read from these bytes.
 *
 * @param occurredAt the business time the event carries (its payload's {@code occurredAt}), ISO-8601
 * @param recordedAt when the event store stored it (Axon's event timestamp), ISO-8601
 */
public record LedgerLeaf(long index, String eventId, String aggregateId, String aggregateType, long sequence,
                         String type, String revision, String occurredAt, String recordedAt, JsonNode payload,
                         JsonNode metadata) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public JsonNode json() {
        ObjectNode leaf = JsonNodeFactory.instance.objectNode();
        leaf.put("index", index);
        leaf.put("eventId", eventId);
        leaf.put("aggregateId", aggregateId);
        leaf.put("aggregateType", aggregateType);
        leaf.put("sequence", sequence);
        leaf.put("type", type);
        leaf.put("revision", revision);
        leaf.put("occurredAt", occurredAt);
        leaf.put("recordedAt", recordedAt);
        leaf.set("payload", payload == null ? JsonNodeFactory.instance.nullNode() : payload);
        leaf.set("metadata", metadata == null ? JsonNodeFactory.instance.objectNode() : metadata);
        return leaf;
    }

    public byte[] bytes() {
        return Jcs.canonicalize(json());
    }

    public byte[] hash() {
        return Merkle.leafHash(bytes());
    }

    /** The simple name of the payload type ({@code ResolutionAdopted} for {@code …event.ResolutionAdopted}). */
    public String simpleType() {
        return type == null ? null : type.substring(type.lastIndexOf('.') + 1);
    }

    /** Reads a leaf back from its bytes; the bytes must be canonical, so that what is shown is what was hashed. */
    public static LedgerLeaf parse(byte[] bytes) {
        JsonNode node;
        try {
            node = JSON.readTree(bytes);
        } catch (IOException e) {
            throw new IllegalArgumentException("a leaf is JSON: " + e.getMessage(), e);
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("a leaf is a JSON object");
        }
        LedgerLeaf leaf = new LedgerLeaf(node.path("index").asLong(-1), text(node, "eventId"),
                text(node, "aggregateId"), text(node, "aggregateType"), node.path("sequence").asLong(-1),
                text(node, "type"), text(node, "revision"), text(node, "occurredAt"), text(node, "recordedAt"),
                node.get("payload"), node.get("metadata"));
        if (!java.util.Arrays.equals(Jcs.canonicalize(node), bytes)) {
            throw new IllegalArgumentException("the leaf is not in RFC 8785 canonical form");
        }
        return leaf;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
