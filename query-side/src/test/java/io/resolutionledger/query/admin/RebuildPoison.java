package io.resolutionledger.query.admin;

import io.resolutionledger.api.event.ResolutionProposed;
import io.resolutionledger.query.config.Generation;
import io.resolutionledger.query.config.ReadModelGenerations;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Test only: one more handler of the read-models group, registered like its projections (once per generation), that
 * fails on a resolution titled with {@link #MARKER} while {@link #ARMED} is set, but only in the generation being
 * rebuilt: a poison event that the live model has handled long ago and a rebuild meets again.
 */
public class RebuildPoison {

    public static final String MARKER = "REBUILD-POISON";
    public static final AtomicBoolean ARMED = new AtomicBoolean(false);

    private final Generation generation;
    private final ReadModelGenerations generations;

    RebuildPoison(Generation generation, ReadModelGenerations generations) {
        this.generation = generation;
        this.generations = generations;
    }

    @EventHandler
    void on(ResolutionProposed event) {
        if (ARMED.get() && generations.state().building() == generation && event.title().contains(MARKER)) {
            throw new IllegalStateException("poisoned for the rebuild: " + event.resolutionId().value());
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Registration {
        @Bean
        ConfigurerModule rebuildPoison(ReadModelGenerations generations) {
            return ReadModelGenerations.projection(generation -> new RebuildPoison(generation, generations));
        }
    }
}
