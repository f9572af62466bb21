package io.resolutionledger.api.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.resolutionledger.api.event.ResolutionAdopted;
import io.resolutionledger.api.event.ResolutionRejected;
import io.resolutionledger.api.value.DecidedBy;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

import java.util.Set;

/**
 * {@link ResolutionAdopted} and {@link ResolutionRejected} revision 1 to 2: {@code decidedBy} was added when written
 * procedures came, which the ledger decides by itself. Every outcome recorded before was declared by the chair.
 */
public final class OutcomeUpcaster extends SingleEventUpcaster {

    static final Set<SimpleSerializedType> REVISION_1 = Set.of(
            new SimpleSerializedType(ResolutionAdopted.class.getName(), "1"),
            new SimpleSerializedType(ResolutionRejected.class.getName(), "1"));
    static final String REVISION_2 = "2";

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return REVISION_1.contains(representation.getType());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(
                new SimpleSerializedType(representation.getType().getName(), REVISION_2),
                JsonNode.class, OutcomeUpcaster::declaredByTheChair);
    }

    private static JsonNode declaredByTheChair(JsonNode payload) {
        if (payload instanceof ObjectNode object && !object.has("decidedBy")) {
            ObjectNode copy = object.deepCopy();
            copy.put("decidedBy", DecidedBy.CHAIR.name());
            return copy;
        }
        return payload;
    }
}
