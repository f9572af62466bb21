package io.resolutionledger.query.docs;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The query side's OpenAPI description ({@code /v3/api-docs}, browsable at {@code /swagger-ui.html}). */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfig {

    public static final String BEARER = "bearer-jwt";

    @Bean
    public OpenAPI querySideOpenApi(@Value("${ledger.api.version:0.1.0}") String version) {
        return new OpenAPI()
                .info(new Info()
                        .title("Resolution Ledger — query API")
                        .version(version)
                        .license(new License().name("see the repository"))
                        .description("""
                                Reads of the resolutions, sessions, chair and figures of a ministers' conference, \
                                a live stream of changes (server-sent events), and the auditors' toolkit (history, \
                                time travel with `?asOf=`, integrity check, export) and administration (projection \
                                rebuilds, dead letters). Anonymous callers see only published resolutions, sessions, \
                                the chair and figures; a JWT with role `delegate` sees everything of its conference; \
                                `/api/audit/**` and `/history` need role `auditor`, `/api/admin/**` role `admin`. \
                                Lists are paged (`page`, `size` ≤ 200) as `{items, page, size, total}`. Errors are \
                                RFC 9457 problem details with a stable `code`. Commands are on the command side \
                                (port 8081)."""))
                .components(new Components().addSecuritySchemes(BEARER, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                        .description("RS256 JWT with claims sub, delegation (members) and roles")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }
}
