package io.resolutionledger.query.config;

import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.EnumMap;
import java.util.Map;

/**
 * One {@link BatchPreloads} per generation of the read-models group: the projections of one generation's processor
 * load the rows their batch starts with together (a slice's projection registers its table in its constructor).
 */
@Component
public class ReadModelPreloads {

    private final Map<Generation, BatchPreloads> preloads = new EnumMap<>(Generation.class);

    public ReadModelPreloads(NamedParameterJdbcTemplate jdbc) {
        for (Generation generation : Generation.values()) {
            preloads.put(generation, new BatchPreloads(jdbc.getJdbcTemplate()));
        }
    }

    public BatchPreloads of(Generation generation) {
        return preloads.get(generation);
    }
}
