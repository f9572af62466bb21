package io.resolutionledger.api.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.resolutionledger.api.event.VoteOpened;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

import java.util.Locale;

/**
 * {@link VoteOpened} revision 1 to 2: the rule gets the name it has in the conference's catalogue. A revision-1 vote
 * was opened under the conference's single rule, which the catalogue names after its kind ({@code QUALIFIED_MAJORITY}
 * becomes {@code qualified-majority}); the stored terms stay as they were, so no outcome is rewritten.
 */
public final class VoteOpenedUpcaster extends SingleEventUpcaster {

    static final SimpleSerializedType REVISION_1 = new SimpleSerializedType(VoteOpened.class.getName(), "1");
    static final String REVISION_2 = "2";

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return REVISION_1.equals(representation.getType());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(new SimpleSerializedType(REVISION_1.getName(), REVISION_2),
                JsonNode.class, VoteOpenedUpcaster::nameTheRule);
    }

    static JsonNode nameTheRule(JsonNode payload) {
        if (payload instanceof ObjectNode object && !object.has("ruleName")) {
            ObjectNode copy = object.deepCopy();
            String kind = object.path("rule").path("kind").asText(null);
            if (kind == null) {
                copy.putNull("ruleName");
            } else {
                copy.put("ruleName", kind.toLowerCase(Locale.ROOT).replace('_', '-'));
            }
            return copy;
        }
        return payload;
    }
}
