package io.resolutionledger.webapp.relay;

import com.fasterxml.jackson.databind.JsonNode;
import io.resolutionledger.webapp.support.Browser;
import io.resolutionledger.webapp.support.WebStack;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The development sign-in, and a command and a read relayed with the session's token. */
class DevLoginRelayTest {

    private static WebStack stack;

    @BeforeAll
    static void stack() {
        stack = WebStack.shared();
        org.junit.jupiter.api.Assumptions.assumeTrue(stack.signIn() == WebStack.SignIn.DEV, "a development-login stack");
    }

    @Test
    void a_development_sign_in_shows_its_claims_and_relays_a_command_and_a_read() {
        Browser anonymous = stack.browser();
        assertThat(anonymous.get("/bff/me").json().path("authenticated").asBoolean()).isFalse();

        Browser admin = stack.signInDev(null, "admin", "Ada Admin");
        JsonNode me = admin.get("/bff/me").json();
        assertThat(me.path("authenticated").asBoolean()).isTrue();
        assertThat(me.path("devLogin").asBoolean()).isTrue();
        assertThat(me.path("roles").toString()).isEqualTo("[\"admin\"]");
        assertThat(me.path("name").asText()).isEqualTo("Ada Admin");

        Browser.Response handover = admin.post("/bff/command/chair/handovers",
                "{\"year\":2024,\"to\":[\"DE-BY\"],\"effectiveFrom\":\"2024-01-01\"}",
                "Idempotency-Key", UUID.randomUUID().toString());
        assertThat(handover.status()).as(handover.body()).isIn(201, 409);

        Browser chair = stack.signInDev("DE-BY", "delegate", "Bea Bayern");
        assertThat(chair.get("/bff/me").json().path("delegation").asText()).isEqualTo("DE-BY");
        Browser.Response scheduled = chair.post("/bff/command/sessions", "{\"sessionId\":\"s-" + UUID.randomUUID()
                + "\",\"number\":1,\"kind\":\"REGULAR\",\"date\":\"2024-04-19\",\"place\":\"Potsdam\"}");
        assertThat(scheduled.status()).as(scheduled.body()).isEqualTo(201);

        Browser.Response read = chair.get("/bff/query/chair?on=2024-05-01");
        assertThat(read.status()).as(read.body()).isEqualTo(200);
        assertThat(read.body()).contains("DE-BY");
    }
}
