package io.resolutionledger.query.security;

import io.micrometer.core.instrument.MeterRegistry;
import io.resolutionledger.query.support.QuerySideTest;
import io.resolutionledger.query.support.Tokens;
import io.resolutionledger.security.CachingJwtDecoder;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A reader sends one token with many reads (the dashboard's polls, the stream's reconnects): the query side verifies
 * it once until its expiry, as the command side does, and what it refuses stays refused however often it comes.
 * Spring Security's per-filter observations are off here too; the request as a whole is still timed.
 */
class ReaderTokensTest extends QuerySideTest {

    @Autowired
    JwtDecoder decoder;

    @Autowired
    MeterRegistry meters;

    @Test
    void the_configured_decoder_is_cached() {
        assertThat(decoder).isInstanceOf(CachingJwtDecoder.class);
    }

    @Test
    void refused_tokens_stay_refused_and_accepted_ones_stay_accepted() {
        String expired = Tokens.expired("DE-BY");
        String foreign = Tokens.foreign("DE-BY");
        String wrongAudience = Tokens.wrongAudience("DE-BY");
        String valid = Tokens.auditor();
        for (int i = 0; i < 3; i++) {
            assertThat(http().get("/api/audit/events", expired).status()).isEqualTo(401);
            assertThat(http().get("/api/audit/events", foreign).status()).isEqualTo(401);
            assertThat(http().get("/api/audit/events", wrongAudience).status()).isEqualTo(401);
            assertThat(http().get("/api/audit/events", valid).status()).isEqualTo(200);
        }
    }

    @Test
    void requests_are_timed_but_the_security_filters_are_not_observed_one_by_one() {
        assertThat(http().get("/api/resolutions", Tokens.delegate("DE-BY")).status()).isEqualTo(200);
        assertThat(meters.find("http.server.requests").timers()).isNotEmpty();
        assertThat(meters.getMeters()).noneMatch(m -> m.getId().getName().startsWith("spring.security"));
    }
}
