package io.resolutionledger.command.conference;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Period;
import java.time.ZoneId;

/** {@code ledger.chair.*}: the rules of {@link ChairRules}, a resource the aggregates' command handlers take. */
@Configuration(proxyBeanMethods = false)
class ChairRulesConfig {

    @Bean
    ChairRules chairRules(@Value("${ledger.chair.handover-lead-time:P0D}") Period leadTime,
                          @Value("${ledger.chair.recording-window:P14D}") Period recordingWindow,
                          @Value("${ledger.chair.second-term-allowed:false}") boolean secondTermAllowed,
                          @Value("${ledger.chair.zone:Europe/Berlin}") ZoneId zone) {
        return new ChairRules(leadTime, recordingWindow, secondTermAllowed, zone);
    }
}
