package io.resolutionledger.command.security;

import io.resolutionledger.command.support.CommandSideIntegrationTest;
import io.resolutionledger.command.support.TestTokens;
import io.resolutionledger.security.CachingJwtDecoder;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;

/** The configured decoder is wrapped, and what it refuses stays refused however often it is sent. */
class CachingJwtDecoderWiringTest extends CommandSideIntegrationTest {

    @Autowired
    JwtDecoder decoder;

    @Test
    void theConfiguredDecoderIsCached() {
        assertThat(decoder).isInstanceOf(CachingJwtDecoder.class);
    }

    @Test
    void refusedTokensStayRefusedAndAcceptedOnesStayAccepted() {
        String expired = TestTokens.expired("DE-BY");
        String forged = TestTokens.forged("DE-BY");
        String valid = TestTokens.delegate("DE-BY");
        for (int i = 0; i < 3; i++) {
            assertThat(post("/api/resolutions", expired, "{}").status()).isEqualTo(401);
            assertThat(post("/api/resolutions", forged, "{}").status()).isEqualTo(401);
            // accepted, then refused for its empty body: authentication passed
            assertThat(post("/api/resolutions", valid, "{}").status()).isEqualTo(400);
        }
    }
}
