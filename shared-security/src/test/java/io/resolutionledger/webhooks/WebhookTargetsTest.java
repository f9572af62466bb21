package io.resolutionledger.webhooks;

import io.resolutionledger.api.error.ErrorCode;
import io.resolutionledger.api.error.LedgerRefusedException;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Where webhooks may go: the checks both services share (the command side at subscribing, the query side at sending). */
class WebhookTargetsTest {

    @Test
    void a_subscription_url_is_http_or_https_on_a_listed_host_without_credentials() {
        List<String> allowed = List.of("hooks.example.org", "::1");
        assertThat(WebhookTargets.ensureAllowed("https://HOOKS.example.org/ledger", allowed).getHost())
                .isEqualTo("HOOKS.example.org");
        assertThat(WebhookTargets.ensureAllowed("http://[::1]:8080/x", allowed)).isNotNull();
        assertThatThrownBy(() -> WebhookTargets.ensureAllowed("https://other.example.org/", allowed))
                .isInstanceOfSatisfying(LedgerRefusedException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.HOST_NOT_ALLOWED));
        for (String bad : List.of("ftp://hooks.example.org/", "https://user:pw@hooks.example.org/",
                "https://hooks.example.org/#frag", "not a url")) {
            assertThatThrownBy(() -> WebhookTargets.ensureAllowed(bad, allowed)).as(bad)
                    .isInstanceOfSatisfying(LedgerRefusedException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED));
        }
    }

    @Test
    void link_local_and_metadata_addresses_are_recognised() throws Exception {
        assertThat(WebhookTargets.isLinkLocal(InetAddress.getByName("169.254.169.254"))).isTrue();
        assertThat(WebhookTargets.isLinkLocal(InetAddress.getByName("fe80::1"))).isTrue();
        assertThat(WebhookTargets.isLinkLocal(InetAddress.getByName("fd00:ec2::254"))).isTrue();
        assertThat(WebhookTargets.isLinkLocal(InetAddress.getByName("127.0.0.1"))).isFalse();
        assertThat(WebhookTargets.isLinkLocal(InetAddress.getByName("10.0.0.1"))).isFalse();
    }

    @Test
    void before_each_delivery_the_host_must_still_be_listed_and_resolve_to_no_link_local_address() {
        assertThat(WebhookTargets.deliverable(URI.create("http://127.0.0.1:9/x"), List.of("127.0.0.1"))).isEmpty();
        assertThat(WebhookTargets.deliverable(URI.create("http://127.0.0.1:9/x"), List.of("localhost")))
                .hasValueSatisfying(why -> assertThat(why).contains("no longer on"));
        // a link-local address listed literally is the operator's choice (ensureAllowed refuses it otherwise)
        assertThat(WebhookTargets.deliverable(URI.create("http://169.254.169.254/latest"), List.of("169.254.169.254")))
                .isEmpty();
        assertThat(WebhookTargets.deliverable(URI.create("http://[fe80::1]/x"), List.of("fe80::1"))).isEmpty();
        assertThat(WebhookTargets.deliverable(URI.create("http://no-such-host.invalid/x"), List.of("no-such-host.invalid")))
                .hasValueSatisfying(why -> assertThat(why).contains("does not resolve"));
    }
}
