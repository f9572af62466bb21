package io.resolutionledger.webapp.devlogin;

import io.resolutionledger.api.error.ErrorCode;
import io.resolutionledger.security.DevelopmentTokens;
import io.resolutionledger.web.Problems;
import io.resolutionledger.webapp.security.LedgerClientRegistrations;
import io.resolutionledger.webapp.security.SignedInUsers;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.authentication.session.SessionAuthenticationStrategy;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

import java.net.URI;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The local development sign-in ({@code ./ledger up}): pick a delegation, a role and a name; the web app mints a
 * short-lived token with the development key, with the claims of the services' JWT contract (the same shape as the
 * tests' tokens, {@link DevelopmentTokens}), and keeps it in the session exactly as an OIDC sign-in would: an
 * {@link OAuth2AuthenticationToken} with an OIDC user, and an authorized client holding the access token, after the
 * same session-fixation and CSRF-token rotation. Exists only when {@link DevLoginConfiguration} is on.
 */
@RestController
@ConditionalOnProperty(name = "ledger.web.dev-login.enabled", havingValue = "true")
public class DevLoginController {

    static final List<String> ROLES = List.of("delegate", "auditor", "admin");
    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{M}\\p{N} .'\\-]{1,80}");

    private final DevLoginProperties properties;
    private final List<String> delegations;
    private final PrivateKey key;
    private final LedgerClientRegistrations registrations;
    private final SessionAuthenticationStrategy sessionStrategy;
    private final SecurityContextRepository contextRepository;
    private final OAuth2AuthorizedClientRepository authorizedClients;
    private final SecurityContextHolderStrategy holder = SecurityContextHolder.getContextHolderStrategy();

    DevLoginController(DevLoginConfiguration.DevLogin devLogin, LedgerClientRegistrations registrations,
                       SessionAuthenticationStrategy sessionStrategy, SecurityContextRepository contextRepository,
                       OAuth2AuthorizedClientRepository authorizedClients) {
        this.properties = devLogin.properties();
        this.delegations = devLogin.delegations();
        this.key = devLogin.key();
        this.registrations = registrations;
        this.sessionStrategy = sessionStrategy;
        this.contextRepository = contextRepository;
        this.authorizedClients = authorizedClients;
    }

    @GetMapping(value = "/dev-login", produces = MediaType.TEXT_HTML_VALUE)
    public ResponseEntity<String> page(CsrfToken csrf) {
        StringBuilder options = new StringBuilder();
        for (String delegation : delegations) {
            options.append("<option value=\"").append(HtmlUtils.htmlEscape(delegation)).append("\">")
                    .append(HtmlUtils.htmlEscape(delegation)).append("</option>");
        }
        String html = """
                <!DOCTYPE html>
                <html lang="en">
                <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
                <title>Development sign-in — not for production</title></head>
                <body>
                <main>
                <h1>Development sign-in — not for production</h1>
                <p><strong>This sign-in exists only in the local profile on this machine (loopback).</strong> It mints a
                token with the development key of <code>dev-keys/</code>, whose private half is public: anyone can be
                anyone here. Deployments sign in with the identity provider.</p>
                <form method="post" action="/dev-login">
                <input type="hidden" name="%s" value="%s">
                <p><label for="delegation">Delegation</label>
                <select id="delegation" name="delegation"><option value="">(none: auditor or admin)</option>%s</select></p>
                <fieldset><legend>Role</legend>
                <p><input type="radio" id="role-delegate" name="role" value="delegate" checked>
                <label for="role-delegate">delegate</label></p>
                <p><input type="radio" id="role-auditor" name="role" value="auditor">
                <label for="role-auditor">auditor</label></p>
                <p><input type="radio" id="role-admin" name="role" value="admin">
                <label for="role-admin">admin</label></p>
                </fieldset>
                <p><label for="name">Name</label> <input id="name" name="name" required maxlength="80"
                autocomplete="name"></p>
                <p><button type="submit">Sign in for development</button></p>
                </form>
                <p>The sign-in lasts %d minutes.</p>
                </main>
                </body>
                </html>
                """.formatted(HtmlUtils.htmlEscape(csrf.getParameterName()), HtmlUtils.htmlEscape(csrf.getToken()),
                options, properties.tokenLifetime().toMinutes());
        return ResponseEntity.ok().header(HttpHeaders.CACHE_CONTROL, "no-store")
                .contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8)).body(html);
    }

    @PostMapping(value = "/dev-login", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    public ResponseEntity<?> signIn(@RequestParam(required = false) String delegation,
                                    @RequestParam(required = false) String role,
                                    @RequestParam(required = false) String name,
                                    HttpServletRequest request, HttpServletResponse response) {
        Map<String, String> errors = new LinkedHashMap<>();
        String chosenRole = role == null ? "" : role.strip();
        String chosenDelegation = delegation == null || delegation.isBlank() ? null : delegation.strip();
        String chosenName = name == null ? "" : name.strip();
        if (!ROLES.contains(chosenRole)) {
            errors.put("role", "one of " + String.join(", ", ROLES));
        }
        if (chosenRole.equals("delegate") && chosenDelegation == null) {
            errors.put("delegation", "a delegate acts for a delegation: pick one");
        }
        if (chosenDelegation != null && !delegations.contains(chosenDelegation)) {
            errors.put("delegation", "not a delegation of the conference: " + String.join(", ", delegations));
        }
        if (!NAME.matcher(chosenName).matches()) {
            errors.put("name", "1 to 80 letters, digits, spaces, dots, apostrophes or hyphens");
        }
        if (!errors.isEmpty()) {
            ProblemDetail problem = Problems.of(ErrorCode.VALIDATION_FAILED, "The development sign-in needs a role, "
                    + "a delegation for a delegate, and a name.");
            problem.setProperty("errors", errors);
            return ResponseEntity.status(HttpStatus.BAD_REQUEST).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(problem);
        }

        // the same person each time the same name signs in for the same delegation and role
        String subject = "dev:" + (chosenDelegation != null ? chosenDelegation : chosenRole) + ":"
                + chosenName.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", "-");
        Map<String, Object> claims = DevelopmentTokens.claims(subject,
                chosenRole.equals("delegate") ? chosenDelegation : null, List.of(chosenRole),
                properties.tokenLifetime());
        claims.put("name", chosenName);
        String token = DevelopmentTokens.sign(claims, key);

        Instant issuedAt = Instant.ofEpochSecond(((Number) claims.get("iat")).longValue());
        Instant expiresAt = Instant.ofEpochSecond(((Number) claims.get("exp")).longValue());
        Map<String, Object> idClaims = new LinkedHashMap<>(claims);
        idClaims.put("iat", issuedAt);
        idClaims.put("nbf", Instant.ofEpochSecond(((Number) claims.get("nbf")).longValue()));
        idClaims.put("exp", expiresAt);
        OidcUser user = new DefaultOidcUser(SignedInUsers.authorities(claims.get("roles")),
                new OidcIdToken(token, issuedAt, expiresAt, idClaims), "sub");
        OAuth2AuthenticationToken authentication = new OAuth2AuthenticationToken(user, user.getAuthorities(),
                LedgerClientRegistrations.DEV);

        sessionStrategy.onAuthentication(authentication, request, response);
        SecurityContext context = holder.createEmptyContext();
        context.setAuthentication(authentication);
        holder.setContext(context);
        contextRepository.saveContext(context, request, response);
        authorizedClients.saveAuthorizedClient(new OAuth2AuthorizedClient(
                registrations.findByRegistrationId(LedgerClientRegistrations.DEV), subject,
                new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, token, issuedAt, expiresAt)),
                authentication, request, response);
        return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create("/")).build();
    }
}
