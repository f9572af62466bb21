package io.resolutionledger.command.config;

import io.resolutionledger.command.resolution.TranslationLanguages;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Set;

/** Which languages translations may be in (ledger.translations.*; the command handler receives the bean). */
@Configuration(proxyBeanMethods = false)
class TranslationLanguagesConfig {

    @Bean
    TranslationLanguages translationLanguages(@Value("${ledger.translations.original:de}") String original,
                                              @Value("${ledger.translations.languages:en}") Set<String> languages) {
        return new TranslationLanguages(original.strip(), languages.stream().map(String::strip).collect(
                java.util.stream.Collectors.toSet()));
    }
}
