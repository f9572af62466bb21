package io.resolutionledger.api.upcasting;

import io.resolutionledger.api.event.ResolutionAdopted;
import io.resolutionledger.api.event.ResolutionRejected;
import io.resolutionledger.api.json.LedgerJson;
import io.resolutionledger.api.value.DecidedBy;
import io.resolutionledger.api.value.Tally;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Outcomes stored before written procedures existed read as declared by the chair. */
class OutcomeUpcasterTest {

    private final JacksonSerializer serializer = JacksonSerializer.builder()
            .objectMapper(LedgerJson.messageMapper()).build();

    private <T> T upcast(String fixture, Class<T> type) throws Exception {
        // the approved JSON of revision 1 is exactly what the store holds for outcomes recorded before revision 2
        byte[] stored = Files.readAllBytes(Path.of("src/test/resources/approved/" + fixture));
        GenericDomainEventEntry<byte[]> entry = new GenericDomainEventEntry<>("Resolution",
                "7f1c9b1e-2d1a-4c55-9a57-0c8a1d3f4b21", 5, "e-1", "2024-04-19T10:15:30.123Z",
                type.getName(), "1", stored, "{}".getBytes());
        List<IntermediateEventRepresentation> upcast = LedgerUpcasters.chain()
                .upcast(Stream.of(new InitialEventRepresentation(entry, serializer))).toList();
        assertThat(upcast).hasSize(1);
        IntermediateEventRepresentation event = upcast.get(0);
        assertThat(event.getType()).isEqualTo(new SimpleSerializedType(type.getName(), "2"));
        return serializer.deserialize(new SimpleSerializedObject<>(event.getData(byte[].class).getData(),
                byte[].class, event.getType()));
    }

    @Test
    void a_stored_revision_1_adoption_reads_as_declared_by_the_chair() throws Exception {
        ResolutionAdopted adopted = upcast("ResolutionAdopted.r1.json", ResolutionAdopted.class);
        assertThat(adopted.decidedBy()).isEqualTo(DecidedBy.CHAIR);
        assertThat(adopted.tally()).isEqualTo(new Tally(14, 1, 1));
        assertThat(adopted.actor().value()).isEqualTo("DE-BE");
    }

    @Test
    void a_stored_revision_1_rejection_reads_as_declared_by_the_chair() throws Exception {
        ResolutionRejected rejected = upcast("ResolutionRejected.r1.json", ResolutionRejected.class);
        assertThat(rejected.decidedBy()).isEqualTo(DecidedBy.CHAIR);
        assertThat(rejected.reason()).isEqualTo("Mehrheit verfehlt");
    }
}
