package io.resolutionledger.command.session;

import io.resolutionledger.command.caching.AggregateRepositories;
import io.resolutionledger.command.caching.StoreCheckedCachingRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The sessions' repository: cached, checked against the store on every load (see {@link AggregateRepositories}). */
@Configuration(proxyBeanMethods = false)
class SessionRepositoryConfig {

    static final String NAME = "sessionRepository";

    @Bean(NAME)
    StoreCheckedCachingRepository<Session> sessionRepository(AggregateRepositories repositories) {
        return repositories.repository(Session.class);
    }
}
