package io.resolutionledger.command.resolution;

import io.resolutionledger.command.caching.AggregateRepositories;
import io.resolutionledger.command.caching.StoreCheckedCachingRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The resolutions' repository: cached, checked against the store on every load (see {@link AggregateRepositories}). */
@Configuration(proxyBeanMethods = false)
class ResolutionRepositoryConfig {

    static final String NAME = "resolutionRepository";

    @Bean(NAME)
    StoreCheckedCachingRepository<Resolution> resolutionRepository(AggregateRepositories repositories) {
        return repositories.repository(Resolution.class);
    }
}
