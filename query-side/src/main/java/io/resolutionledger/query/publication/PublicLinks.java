package io.resolutionledger.query.publication;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Absolute addresses for the public documents (OParl requires absolute URLs, an Atom id and an AKN reference should
 * be usable outside this server). {@code ledger.publication.base-url} (e.g. behind a reverse proxy:
 * {@code https://beschluesse.example.org}) wins; without it the address the request came in on is used.
 */
@Component
public class PublicLinks {

    private final String configured;

    public PublicLinks(@Value("${ledger.publication.base-url:}") String configured) {
        this.configured = configured.endsWith("/") ? configured.substring(0, configured.length() - 1) : configured;
    }

    public String base() {
        return configured.isBlank() ? ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString()
                : configured;
    }

    public String resolution(String id) {
        return base() + "/api/resolutions/" + id;
    }

    public String akn(String id) {
        return resolution(id) + "/akn";
    }

    public String proof(String id) {
        return resolution(id) + "/proof";
    }

    public String decisionsPdf(String sessionId) {
        return base() + "/api/sessions/" + sessionId + "/decisions.pdf";
    }
}
