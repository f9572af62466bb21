package io.resolutionledger.api.proof;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * What a published resolution's {@code /proof} answers: a signed checkpoint, the log's verifier key, and every event
 * of the resolution as a leaf with its audit path to that checkpoint; optionally a consistency proof from an earlier
 * tree size that the reader already holds a checkpoint of. Everything needed to decide offline.
 *
 * @param consistency the proof that the checkpoint's tree extends the tree of size {@code from} (null if not asked)
 */
public record ProofBundle(String resolutionId, String checkpoint, String publicKey, List<Entry> entries,
                          Consistency consistency) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public record Entry(long index, byte[] leaf, List<byte[]> inclusion) {
    }

    public record Consistency(long from, long to, List<byte[]> hashes) {
    }

    public JsonNode json() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        if (resolutionId != null) {
            node.put("resolutionId", resolutionId);
        }
        node.put("checkpoint", checkpoint);
        node.put("publicKey", publicKey);
        ArrayNode list = node.putArray("entries");
        for (Entry entry : entries) {
            ObjectNode e = list.addObject();
            e.put("index", entry.index());
            e.put("leaf", Base64.getEncoder().encodeToString(entry.leaf()));
            e.set("inclusion", hashes(entry.inclusion()));
        }
        if (consistency != null) {
            ObjectNode c = node.putObject("consistency");
            c.put("from", consistency.from());
            c.put("to", consistency.to());
            c.set("hashes", hashes(consistency.hashes()));
        }
        return node;
    }

    public static ArrayNode hashes(List<byte[]> hashes) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        hashes.forEach(h -> array.add(Base64.getEncoder().encodeToString(h)));
        return array;
    }

    public static List<byte[]> hashes(JsonNode array) {
        List<byte[]> hashes = new ArrayList<>();
        if (array == null || !array.isArray()) {
            throw new IllegalArgumentException("hashes are a JSON array of base64 strings");
        }
        array.forEach(h -> hashes.add(Base64.getDecoder().decode(h.asText())));
        return hashes;
    }

    public static ProofBundle parse(byte[] json) {
        try {
            return parse(JSON.readTree(json));
        } catch (IOException e) {
            throw new IllegalArgumentException("the bundle is not JSON: " + e.getMessage(), e);
        }
    }

    public static ProofBundle parse(JsonNode node) {
        if (node == null || !node.isObject() || !node.path("checkpoint").isTextual() || !node.path("entries").isArray()) {
            throw new IllegalArgumentException("a bundle has a checkpoint and entries");
        }
        List<Entry> entries = new ArrayList<>();
        for (JsonNode e : node.get("entries")) {
            entries.add(new Entry(e.path("index").asLong(-1), Base64.getDecoder().decode(e.path("leaf").asText()),
                    hashes(e.get("inclusion"))));
        }
        Consistency consistency = null;
        JsonNode c = node.get("consistency");
        if (c != null && c.isObject()) {
            consistency = new Consistency(c.path("from").asLong(-1), c.path("to").asLong(-1), hashes(c.get("hashes")));
        }
        return new ProofBundle(node.path("resolutionId").asText(null), node.get("checkpoint").asText(),
                node.path("publicKey").asText(null), entries, consistency);
    }
}
