package io.resolutionledger.webapp.devlogin;

import io.resolutionledger.testkit.TestDatabase;
import io.resolutionledger.webapp.WebAppApplication;
import io.resolutionledger.webapp.support.WebStack;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The development sign-in mints tokens with a public key: the web app refuses to start with it outside the local
 * profile or off loopback, and refuses to start with no way to sign in at all.
 */
class DevLoginGuardTest {

    private static final TestDatabase.Database DATABASE = TestDatabase.newDatabase();

    private static Throwable start(String... arguments) throws Exception {
        List<String> all = new ArrayList<>(List.of("--server.port=0", "--spring.main.banner-mode=off",
                "--spring.datasource.url=" + DATABASE.url(), "--spring.datasource.username=" + DATABASE.user(),
                "--spring.datasource.password=" + DATABASE.password(),
                "--spring.autoconfigure.exclude=" + String.join(",", WebStack.foreignAutoConfigurations(
                        "org.springframework.boot.autoconfigure.quartz.QuartzAutoConfiguration")),
                "--ledger.web.dev-login.key=file:" + Path.of("../dev-keys/dev-private.pem").toAbsolutePath()));
        all.addAll(List.of(arguments));
        try {
            new SpringApplicationBuilder(WebAppApplication.class).run(all.toArray(String[]::new)).close();
            return null;
        } catch (RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            return root;
        }
    }

    @Test
    void it_refuses_to_start_off_loopback() throws Exception {
        Throwable failure = start("--spring.profiles.active=local", "--server.address=0.0.0.0");
        assertThat(failure).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("allowed only on loopback").hasMessageContaining("server.address is 0.0.0.0");
    }

    @Test
    void it_refuses_to_start_on_all_interfaces_too() throws Exception {
        Throwable failure = start("--spring.profiles.active=local", "--server.address=");
        assertThat(failure).hasMessageContaining("unset (all interfaces)");
    }

    @Test
    void it_refuses_to_start_without_the_local_profile() throws Exception {
        Throwable failure = start("--ledger.web.dev-login.enabled=true", "--server.address=127.0.0.1");
        assertThat(failure).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("for the local profile only");
    }

    @Test
    void it_refuses_to_start_when_nobody_could_sign_in() throws Exception {
        Throwable failure = start("--server.address=127.0.0.1");
        assertThat(failure).isInstanceOf(IllegalStateException.class).hasMessageContaining("nobody could sign in");
        assertThatThrownBy(() -> {
            throw new IllegalStateException(String.valueOf(start("--server.address=127.0.0.1",
                    "--ledger.web.oidc.issuer=http://127.0.0.1:1/realms/ledger")));
        }).hasMessageContaining("client-secret");
    }
}
