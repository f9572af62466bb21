package io.resolutionledger.command.config;

import io.resolutionledger.api.value.VotingRule;
import io.resolutionledger.command.resolution.RulesOfProcedure;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.LinkedHashMap;
import java.util.Map;

@Configuration(proxyBeanMethods = false)
class RulesOfProcedureConfig {

    @Bean
    RulesOfProcedure rulesOfProcedure(LedgerProperties properties) {
        Map<String, VotingRule> catalogue = new LinkedHashMap<>();
        properties.conference().votingRules().forEach((name, rule) -> catalogue.put(name, rule.toVotingRule()));
        return new RulesOfProcedure(catalogue, properties.conference().defaultVotingRule());
    }
}
