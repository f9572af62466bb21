package io.resolutionledger.api.upcasting;

import io.resolutionledger.api.event.VoteOpened;
import io.resolutionledger.api.json.LedgerJson;
import io.resolutionledger.api.value.VotingRule;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.SerializedObject;
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

/** A vote opened before rules had names, as it is stored, reads as revision 2 with its rule named after its kind. */
class VoteOpenedUpcasterTest {

    private final JacksonSerializer serializer = JacksonSerializer.builder()
            .objectMapper(LedgerJson.messageMapper()).build();

    @Test
    void a_stored_revision_1_vote_reads_with_the_rule_named_after_its_kind() throws Exception {
        // the approved JSON of revision 1 is exactly what the store holds for votes opened before revision 2
        byte[] stored = Files.readAllBytes(Path.of("src/test/resources/approved/VoteOpened.r1.json"));
        GenericDomainEventEntry<byte[]> entry = new GenericDomainEventEntry<>("Resolution",
                "7f1c9b1e-2d1a-4c55-9a57-0c8a1d3f4b21", 3, "e-1", "2024-04-19T10:15:30.123Z",
                VoteOpened.class.getName(), "1", stored, "{}".getBytes());

        List<IntermediateEventRepresentation> upcast = LedgerUpcasters.chain()
                .upcast(Stream.of(new InitialEventRepresentation(entry, serializer))).toList();

        assertThat(upcast).hasSize(1);
        IntermediateEventRepresentation event = upcast.get(0);
        assertThat(event.getType()).isEqualTo(new SimpleSerializedType(VoteOpened.class.getName(), "2"));
        SerializedObject<?> data = event.getData();
        VoteOpened opened = serializer.deserialize(new SimpleSerializedObject<>(
                event.getData(byte[].class).getData(), byte[].class, data.getType()));
        assertThat(opened.ruleName()).isEqualTo("qualified-majority");
        assertThat(opened.rule()).isEqualTo(VotingRule.qualifiedMajority(13, 9));
        assertThat(opened.version()).isEqualTo(3);
        assertThat(opened.eligibleVoters()).hasSize(3);
    }

    @Test
    void a_revision_2_vote_passes_unchanged() {
        GenericDomainEventEntry<byte[]> entry = new GenericDomainEventEntry<>("Resolution", "r", 3, "e-2",
                "2024-04-19T10:15:30.123Z", VoteOpened.class.getName(), "2",
                "{\"ruleName\":\"unanimity\"}".getBytes(), "{}".getBytes());
        IntermediateEventRepresentation event = LedgerUpcasters.chain()
                .upcast(Stream.of(new InitialEventRepresentation(entry, serializer))).toList().get(0);
        assertThat(new String(event.getData(byte[].class).getData())).isEqualTo("{\"ruleName\":\"unanimity\"}");
    }
}
