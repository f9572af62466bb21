package io.resolutionledger.command.idempotency;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IdempotencyKeyTest {

    @Test
    void aKeyIsOneTo128PrintableCharactersWithoutSpaces() {
        assertThat(IdempotencyKey.isValid("3f2c5e4a-8a9b-4c1d-9e2f-0a1b2c3d4e5f")).isTrue();
        assertThat(IdempotencyKey.isValid("k".repeat(128))).isTrue();
        assertThat(IdempotencyKey.isValid("k".repeat(129))).isFalse();
        assertThat(IdempotencyKey.isValid("")).isFalse();
        assertThat(IdempotencyKey.isValid("with space")).isFalse();
        assertThat(IdempotencyKey.isValid("tab\t")).isFalse();
        assertThat(IdempotencyKey.isValid("ümlaut")).isFalse();
    }

    @Test
    void theHashSeparatesMethodPathPreconditionAndBody() {
        String base = RequestHash.of("POST", "/api/a", null, "{}".getBytes());
        assertThat(RequestHash.of("POST", "/api/a", null, "{}".getBytes())).isEqualTo(base).hasSize(64);
        assertThat(RequestHash.of("POST", "/api/b", null, "{}".getBytes())).isNotEqualTo(base);
        assertThat(RequestHash.of("POST", "/api/a", "\"1\"", "{}".getBytes())).isNotEqualTo(base);
        assertThat(RequestHash.of("POST", "/api/a", null, "{\"a\":1}".getBytes())).isNotEqualTo(base);
        // no ambiguity between the parts
        assertThat(RequestHash.of("POST", "/api/ab", null, new byte[0]))
                .isNotEqualTo(RequestHash.of("POST", "/api/a", "b", new byte[0]));
    }
}
