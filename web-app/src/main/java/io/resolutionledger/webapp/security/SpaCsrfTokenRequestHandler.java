package io.resolutionledger.webapp.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.csrf.CsrfTokenRequestHandler;
import org.springframework.security.web.csrf.XorCsrfTokenRequestAttributeHandler;
import org.springframework.util.StringUtils;

import java.util.function.Supplier;

/**
 * CSRF tokens for pages whose script reads the {@code XSRF-TOKEN} cookie: the header {@code X-XSRF-TOKEN} carries
 * the cookie's raw value, while a server-rendered form (the development sign-in) carries the masked value Spring
 * renders against BREACH. Loading the token on every request makes sure the cookie exists before the page's first
 * state-changing call (Spring defers it otherwise).
 */
final class SpaCsrfTokenRequestHandler implements CsrfTokenRequestHandler {

    private final CsrfTokenRequestHandler header = new CsrfTokenRequestAttributeHandler();
    private final CsrfTokenRequestHandler masked = new XorCsrfTokenRequestAttributeHandler();

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, Supplier<CsrfToken> csrfToken) {
        masked.handle(request, response, csrfToken);
        csrfToken.get();
    }

    @Override
    public String resolveCsrfTokenValue(HttpServletRequest request, CsrfToken csrfToken) {
        boolean inHeader = StringUtils.hasText(request.getHeader(csrfToken.getHeaderName()));
        return (inHeader ? header : masked).resolveCsrfTokenValue(request, csrfToken);
    }
}
