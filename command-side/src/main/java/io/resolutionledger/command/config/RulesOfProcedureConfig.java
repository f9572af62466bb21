package io.resolutionledger.command.config;

import io.resolutionledger.command.resolution.RulesOfProcedure;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class RulesOfProcedureConfig {

    @Bean
    RulesOfProcedure rulesOfProcedure(LedgerProperties properties) {
        var rule = properties.conference().votingRule().toVotingRule();
        return () -> rule;
    }
}
