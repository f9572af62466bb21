package io.resolutionledger.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What {@code ./ledger token} prints ({@link DevTokens#main}) and what the harnesses send ({@link CallerTokens}): RS256
 * tokens that verify against the committed development public key the services trust with the local profile, with
 * the claims of the services' JWT contract.
 */
class DevTokensTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theCommandLineTokenOfADelegateVerifiesAgainstTheDevelopmentPublicKeyAndCarriesItsClaims() throws Exception {
        long before = Instant.now().getEpochSecond();
        String token = DevTokens.fromOptions("--delegation", "DE-BY", "--minutes", "30");

        JsonNode header = part(token, 0);
        JsonNode claims = part(token, 1);
        assertThat(verifies(token)).isTrue();
        assertThat(header.path("alg").asText()).isEqualTo("RS256");
        assertThat(header.path("kid").asText()).isEqualTo("ledger-dev");
        assertThat(claims.path("iss").asText()).isEqualTo("resolution-ledger-dev");
        assertThat(claims.path("aud").asText()).isEqualTo("ledger");
        assertThat(claims.path("sub").asText()).isEqualTo("DE-BY-dev-user");
        assertThat(claims.path("delegation").asText()).isEqualTo("DE-BY");
        assertThat(claims.path("roles")).containsExactly(JSON.getNodeFactory().textNode("delegate"));
        assertThat(claims.path("exp").asLong()).isBetween(before + 30 * 60, Instant.now().getEpochSecond() + 30 * 60);
        assertThat(claims.path("nbf").asLong()).isLessThanOrEqualTo(before);
    }

    @Test
    void aRoleTokenHasNoDelegationAndTheSubjectGiven() throws Exception {
        String token = DevTokens.fromOptions("--role", "auditor", "--sub", "anna");

        JsonNode claims = part(token, 1);
        assertThat(verifies(token)).isTrue();
        assertThat(claims.path("sub").asText()).isEqualTo("anna");
        assertThat(claims.has("delegation")).isFalse();
        assertThat(claims.path("roles")).containsExactly(JSON.getNodeFactory().textNode("auditor"));
        long lifetime = claims.path("exp").asLong() - claims.path("iat").asLong();
        assertThat(lifetime).isEqualTo(480 * 60 + 60); // the default 8 hours, iat a minute back
    }

    @Test
    void wrongOptionsAreNamed() {
        assertThatThrownBy(() -> DevTokens.fromOptions("--role", "delegate"))
                .hasMessage("a delegate token needs --delegation (e.g. DE-BY)");
        assertThatThrownBy(() -> DevTokens.fromOptions("--role", "chair"))
                .hasMessage("role is delegate, auditor or admin");
        assertThatThrownBy(() -> DevTokens.fromOptions("--delegation"))
                .hasMessage("--delegation needs a value");
        assertThatThrownBy(() -> DevTokens.fromOptions("--delegaton", "DE-BY"))
                .hasMessageStartingWith("unknown option --delegaton");
        assertThatThrownBy(() -> DevTokens.fromOptions("--delegation", "DE-BY", "--minutes", "soon"))
                .hasMessage("--minutes is a whole number of minutes above 0, not soon");
    }

    @Test
    void aHarnessCallerKeepsItsTokenAndEachVariantIsAnotherCallerOfTheSameDelegation() throws Exception {
        CallerTokens callers = new CallerTokens("bench", java.time.Duration.ofHours(6));

        String de = callers.token("DE-BY");
        String client3 = callers.token("DE-BY", "c3");
        String admin = callers.token("role:admin");

        assertThat(callers.token("DE-BY")).isSameAs(de);
        assertThat(verifies(de)).isTrue();
        assertThat(verifies(client3)).isTrue();
        assertThat(verifies(admin)).isTrue();
        assertThat(part(de, 1).path("sub").asText()).isEqualTo("bench-DE-BY");
        assertThat(part(client3, 1).path("sub").asText()).isEqualTo("bench-DE-BY-c3");
        assertThat(part(client3, 1).path("delegation").asText()).isEqualTo("DE-BY");
        assertThat(part(admin, 1).path("sub").asText()).isEqualTo("bench-admin");
        assertThat(part(admin, 1).has("delegation")).isFalse();
        assertThat(part(admin, 1).path("roles")).containsExactly(JSON.getNodeFactory().textNode("admin"));
    }

    @Test
    void aTokenWithAnAlteredClaimNoLongerVerifies() throws Exception {
        String token = DevTokens.fromOptions("--delegation", "DE-BY");
        String[] parts = token.split("\\.");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                part(token, 1).toString().replace("DE-BY", "DE-BE").getBytes(StandardCharsets.UTF_8)) + "." + parts[2];

        assertThat(verifies(forged)).isFalse();
    }

    private static JsonNode part(String token, int i) throws Exception {
        return JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[i]));
    }

    /** RS256 against dev-keys/dev-public.pem, the key the services' local profile trusts. */
    private static boolean verifies(String token) throws Exception {
        String pem = Files.readString(Path.of("../dev-keys/dev-public.pem"))
                .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(pem)));
        int lastDot = token.lastIndexOf('.');
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initVerify(key);
        rs256.update(token.substring(0, lastDot).getBytes(StandardCharsets.US_ASCII));
        return rs256.verify(Base64.getUrlDecoder().decode(token.substring(lastDot + 1)));
    }
}
