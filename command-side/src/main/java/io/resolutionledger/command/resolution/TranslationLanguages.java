package io.resolutionledger.command.resolution;

import io.resolutionledger.api.error.ErrorCode;
import io.resolutionledger.api.error.LedgerRefusedException;

import java.util.Set;
import java.util.TreeSet;

/**
 * The languages a resolution may be translated into ({@code ledger.translations.languages}, ISO 639-1) and the
 * language of its original text ({@code ledger.translations.original}), which no translation may claim.
 */
public record TranslationLanguages(String original, Set<String> languages) {

    public TranslationLanguages {
        languages = Set.copyOf(languages);
        if (languages.contains(original)) {
            throw new IllegalArgumentException("the original language " + original + " is no translation language");
        }
    }

    void ensureOffered(String language) {
        if (language == null || !languages.contains(language)) {
            throw new LedgerRefusedException(ErrorCode.VALIDATION_FAILED, "translations are offered into "
                    + String.join(", ", new TreeSet<>(languages)) + " (the original is " + original + "), not into "
                    + language);
        }
    }
}
