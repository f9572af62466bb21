package io.resolutionledger.security;

import org.springframework.core.env.Environment;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Actuator endpoints other than health carry what anonymous readers must not see (metrics about unpublished
 * business, the environment's shape). Both services expose them only to administrators on the API port, or freely on
 * a management port of their own ({@code management.server.port}, e.g. 9081 in docker-compose.yml), which is not
 * published and which only the operator's network (Prometheus) reaches.
 */
public final class ManagementPort {

    private ManagementPort() {
    }

    /** Matches requests that arrived on a separate management port; never matches when there is none. */
    public static RequestMatcher requestsOnIt(Environment environment) {
        Integer management = environment.getProperty("management.server.port", Integer.class);
        Integer server = environment.getProperty("server.port", Integer.class);
        if (management == null || management <= 0 || management.equals(server)) {
            return request -> false;
        }
        int port = management;
        return request -> request.getLocalPort() == port;
    }
}
