package io.resolutionledger.api.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.resolutionledger.api.event.ResolutionPublished;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * {@link ResolutionPublished} revision 1 to 2: the field {@code reference} is renamed {@code publicationReference}.
 * Stored events are never rewritten: every reader of the store (aggregates on the command side, projections, history
 * and time travel on the query side) gets the new shape through the storage engine's upcaster chain.
 */
public final class ResolutionPublishedUpcaster extends SingleEventUpcaster {

    static final SimpleSerializedType REVISION_1 =
            new SimpleSerializedType(ResolutionPublished.class.getName(), "1");
    static final String REVISION_2 = "2";

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return REVISION_1.equals(representation.getType());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(new SimpleSerializedType(REVISION_1.getName(), REVISION_2),
                JsonNode.class, ResolutionPublishedUpcaster::rename);
    }

    private static JsonNode rename(JsonNode payload) {
        if (payload instanceof ObjectNode object && object.has("reference") && !object.has("publicationReference")) {
            ObjectNode copy = object.deepCopy();
            copy.set("publicationReference", copy.remove("reference"));
            return copy;
        }
        return payload;
    }
}
