package io.resolutionledger.command.conference;

import io.resolutionledger.command.caching.AggregateRepositories;
import io.resolutionledger.command.caching.StoreCheckedCachingRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The conferences' repository: cached, checked against the store on every load (see {@link AggregateRepositories}). */
@Configuration(proxyBeanMethods = false)
class ConferenceRepositoryConfig {

    static final String NAME = "conferenceRepository";

    @Bean(NAME)
    StoreCheckedCachingRepository<Conference> conferenceRepository(AggregateRepositories repositories) {
        return repositories.repository(Conference.class);
    }
}
