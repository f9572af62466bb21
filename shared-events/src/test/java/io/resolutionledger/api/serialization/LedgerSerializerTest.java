package io.resolutionledger.api.serialization;

import io.resolutionledger.api.event.ResolutionProposed;
import io.resolutionledger.api.json.LedgerJson;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.UnknownSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LedgerSerializerTest {

    private final JacksonSerializer axon = JacksonSerializer.builder().objectMapper(LedgerJson.messageMapper()).build();
    private final LedgerSerializer cached = LedgerSerializer.of(LedgerJson.messageMapper());

    @Test
    void answersAsAxonsSerializerDoesAskedOnceOrTwice() {
        List<SerializedType> types = List.of(
                new SimpleSerializedType(ResolutionProposed.class.getName(), null),
                new SimpleSerializedType(ResolutionProposed.class.getName(), "2"),
                new SimpleSerializedType(String.class.getName(), null),
                new SimpleSerializedType("io.resolutionledger.api.event.NoSuchEvent", "1"),
                SimpleSerializedType.emptyType());
        for (int round = 0; round < 2; round++) {
            for (SerializedType type : types) {
                assertThat(cached.classForType(type)).as(type + ", round " + round).isEqualTo(axon.classForType(type));
            }
        }
        assertThat(cached.classForType(new SimpleSerializedType("io.resolutionledger.api.event.NoSuchEvent", null)))
                .isEqualTo(UnknownSerializedType.class);
        assertThat(cached.classForType(SimpleSerializedType.emptyType())).isEqualTo(Void.class);
    }

    @Test
    void readsWhatItWrites() {
        var serialized = cached.serialize("text", byte[].class);
        Object mine = cached.deserialize(serialized);
        Object axons = axon.deserialize(serialized);
        assertThat(mine).isEqualTo("text").isEqualTo(axons);
    }
}
