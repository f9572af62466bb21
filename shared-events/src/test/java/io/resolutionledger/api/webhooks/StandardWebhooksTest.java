package io.resolutionledger.api.webhooks;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Standard Webhooks signature, against the specification's own example, and the derived secrets. */
class StandardWebhooksTest {

    @Test
    void the_signature_of_the_specifications_example() {
        // standard-webhooks spec.md: secret, id, timestamp and payload of its example, and the signature it gives
        byte[] key = StandardWebhooks.keyOf("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        String signature = StandardWebhooks.signature(key, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330,
                "{\"test\": 2432232314}");
        assertThat(signature).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void each_subscription_has_its_own_secret_derived_from_the_ledgers_key() {
        byte[] ledgerKey = "a key of the ledger, outside the database".getBytes(StandardCharsets.UTF_8);
        String one = StandardWebhooks.secret(ledgerKey, "sub-1");
        assertThat(one).startsWith("whsec_").isEqualTo(StandardWebhooks.secret(ledgerKey, "sub-1"))
                .isNotEqualTo(StandardWebhooks.secret(ledgerKey, "sub-2"));
        assertThat(StandardWebhooks.keyOf(one)).isEqualTo(StandardWebhooks.key(ledgerKey, "sub-1")).hasSize(32);
        assertThat(Base64.getDecoder().decode(one.substring(6))).hasSize(32);
        assertThatThrownBy(() -> StandardWebhooks.keyOf("secret")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void each_rotation_derives_a_new_secret_and_both_sign_during_the_overlap() {
        byte[] ledgerKey = "a key of the ledger, outside the database".getBytes(StandardCharsets.UTF_8);
        assertThat(StandardWebhooks.secret(ledgerKey, "sub-1", 0)).isEqualTo(StandardWebhooks.secret(ledgerKey, "sub-1"));
        assertThat(StandardWebhooks.secret(ledgerKey, "sub-1", 1)).isNotEqualTo(StandardWebhooks.secret(ledgerKey, "sub-1"))
                .isNotEqualTo(StandardWebhooks.secret(ledgerKey, "sub-1", 2));
        byte[] current = StandardWebhooks.key(ledgerKey, "sub-1", 1);
        byte[] previous = StandardWebhooks.key(ledgerKey, "sub-1", 0);
        String header = StandardWebhooks.signatures(java.util.List.of(current, previous), "msg_1", 1614265330, "{}");
        // the specification's form: space-delimited "v1,<base64>" entries, any one of which a receiver may verify
        assertThat(header.split(" ")).containsExactly(StandardWebhooks.signature(current, "msg_1", 1614265330, "{}"),
                StandardWebhooks.signature(previous, "msg_1", 1614265330, "{}"));
        assertThatThrownBy(() -> StandardWebhooks.key(ledgerKey, "sub-1", -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
