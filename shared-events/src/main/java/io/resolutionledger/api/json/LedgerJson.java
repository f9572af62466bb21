package io.resolutionledger.api.json;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one JSON shape of every stored message. Both services build their Axon serializers from here, so that what
 * the command side writes the query side reads, whatever else Spring puts on the classpath (see STACK.md: the
 * shape of an {@code Instant} otherwise changes when spring-web arrives).
 */
public final class LedgerJson {

    private LedgerJson() {
    }

    /** Events, commands, queries and metadata: ISO-8601 times, unknown fields tolerated (forward compatible). */
    public static ObjectMapper messageMapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .build();
    }

    /**
     * Snapshots of aggregates and tracking tokens: the same shape, but read and written through fields, because an
     * aggregate's state is private and has no getters.
     */
    public static ObjectMapper stateMapper() {
        ObjectMapper mapper = messageMapper();
        mapper.setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE);
        mapper.setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY);
        mapper.setVisibility(PropertyAccessor.CREATOR, JsonAutoDetect.Visibility.ANY);
        return mapper;
    }
}
