package io.resolutionledger.api.value;

import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The identifiers' and delegation codes' shapes are checked by loops; their specification is the regular expression
 * each documents, and the loops must agree with it on every string (here: 200,000 random strings of the characters
 * that matter, of every length around the limits, and the named edge cases).
 */
class IdentifierShapesTest {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern DELEGATION = Pattern.compile("[A-Z]{2}(-[A-Z0-9]{1,8})?");
    private static final String ALPHABET = "AZaz09Mm5._-/ äÄ\u0000+:é";

    @Test
    void identifiersAgreeWithTheirRegularExpression() {
        Random random = new Random(20261201);
        for (int i = 0; i < 100_000; i++) {
            String s = random(random, 70);
            assertThat(Identifiers.isValid(s)).as("'%s'", s).isEqualTo(IDENTIFIER.matcher(s).matches());
        }
        assertThat(Identifiers.isValid(null)).isFalse();
        assertThat(Identifiers.isValid("")).isFalse();
        assertThat(Identifiers.isValid("a")).isTrue();
        assertThat(Identifiers.isValid("a".repeat(64))).isTrue();
        assertThat(Identifiers.isValid("a".repeat(65))).isFalse();
        assertThat(Identifiers.isValid("-a")).isFalse();
        assertThat(Identifiers.isValid("res-2024_1.2")).isTrue();
        assertThat(Identifiers.isValid("a/b")).isFalse();
    }

    @Test
    void delegationCodesAgreeWithTheirRegularExpression() {
        Random random = new Random(17);
        String upper = "ABYZ09-a";
        for (int i = 0; i < 100_000; i++) {
            int length = random.nextInt(13);
            StringBuilder b = new StringBuilder();
            for (int j = 0; j < length; j++) {
                b.append(upper.charAt(random.nextInt(upper.length())));
            }
            String s = b.toString();
            assertThat(DelegationCode.isValid(s)).as("'%s'", s).isEqualTo(DELEGATION.matcher(s).matches());
        }
        assertThat(DelegationCode.isValid("DE-BY")).isTrue();
        assertThat(DelegationCode.isValid("DE")).isTrue();
        assertThat(DelegationCode.isValid("DE-BSI")).isTrue();
        assertThat(DelegationCode.isValid("DE-12345678")).isTrue();
        assertThat(DelegationCode.isValid("DE-123456789")).isFalse();
        assertThat(DelegationCode.isValid("DE-")).isFalse();
        assertThat(DelegationCode.isValid("de-by")).isFalse();
        assertThat(DelegationCode.isValid(null)).isFalse();
        assertThatThrownBy(() -> DelegationCode.of("DE_BY")).isInstanceOf(IllegalArgumentException.class);
    }

    private static String random(Random random, int maxLength) {
        int length = random.nextInt(maxLength + 1);
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return b.toString();
    }
}
