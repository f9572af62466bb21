package io.resolutionledger.webapp.ui;

import io.resolutionledger.api.error.ErrorCode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every refusal code the command side, the query side and the web app can answer (one enum, shared-events) has its
 * sentence in German and in English in the pages' text table ({@code static/texts.js}, {@code PROBLEMS}), so that a
 * code added later cannot reach a delegation as a bare code or an English detail only.
 */
class RefusalTextsTest {

    @Test
    void every_problem_code_has_a_german_and_an_english_sentence() throws IOException {
        String texts;
        try (InputStream in = RefusalTextsTest.class.getResourceAsStream("/static/texts.js")) {
            assertThat(in).as("static/texts.js on the class path").isNotNull();
            texts = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        int problems = texts.indexOf("const PROBLEMS");
        int german = texts.indexOf("\n  de: {", problems);
        int english = texts.indexOf("\n  en: {", german);
        int end = texts.indexOf("\n};", english);
        assertThat(problems).isPositive();
        String de = texts.substring(german, english);
        String en = texts.substring(english, end);
        List<String> missing = new ArrayList<>();
        for (ErrorCode code : ErrorCode.values()) {
            Pattern entry = Pattern.compile("\\n\\s+" + code.name() + ": '([^']{12,})'");
            Matcher inGerman = entry.matcher(de);
            Matcher inEnglish = entry.matcher(en);
            if (!inGerman.find()) {
                missing.add(code + " (de)");
            }
            if (!inEnglish.find()) {
                missing.add(code + " (en)");
            } else if (inGerman.find(0) && inGerman.group(1).equals(inEnglish.group(1))) {
                missing.add(code + " (the same text in both languages)");
            }
        }
        assertThat(missing).isEmpty();
    }
}
