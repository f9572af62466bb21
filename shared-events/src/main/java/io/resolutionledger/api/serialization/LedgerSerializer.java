package io.resolutionledger.api.serialization;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.UnknownSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Axon's {@link JacksonSerializer}, with the class of each known type name looked up once. Axon asks for the class of
 * every message it reads (handler matching, sequencing, upcasting); Jackson's {@code TypeFactory.findClass} behind it
 * calls {@code Class.forName} each time, which was 2-4 % of a rebuild's JVM samples (JFR, BENCHMARKS.md). The class
 * depends only on the type's name (its revision is for upcasters), so the cache is keyed by name; names Axon cannot
 * resolve stay Axon's concern (its own cache of unknown classes), and the cache holds no more names than there are
 * message classes.
 */
public final class LedgerSerializer extends JacksonSerializer {

    private final ConcurrentMap<String, Class<?>> classes = new ConcurrentHashMap<>();

    private LedgerSerializer(Builder builder) {
        super(builder);
    }

    /** A serializer of messages (or state) in the JSON of {@code mapper}. */
    public static LedgerSerializer of(ObjectMapper mapper) {
        return new LedgerSerializer(JacksonSerializer.builder().objectMapper(mapper));
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class classForType(SerializedType type) {
        Class<?> known = classes.get(type.getName());
        if (known != null) {
            return known;
        }
        Class<?> found = super.classForType(type);
        if (found != UnknownSerializedType.class && found != Void.class) {
            classes.putIfAbsent(type.getName(), found);
        }
        return found;
    }
}
