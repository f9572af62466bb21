package io.resolutionledger.query.admin;

import io.resolutionledger.query.config.Projections;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Marks every answer drawn from a projection that is being rebuilt with {@code X-Projection-Rebuilding: <names>}:
 * its rows are incomplete until the replay is done, and a client must be able to tell. Answers rebuilt from the event
 * store itself (history, {@code ?asOf=}, the chair on a day, the audit log and export) are not marked.
 */
@Configuration(proxyBeanMethods = false)
public class RebuildingHeaderInterceptor implements HandlerInterceptor, WebMvcConfigurer {

    public static final String HEADER = "X-Projection-Rebuilding";

    /** Which paths each projection serves. */
    private static final Map<String, Pattern> SERVES = Map.of(
            Projections.READ_MODELS, Pattern.compile("^(/api/resolutions(/[^/]+(/(versions|tabled-amendments|votes).*)?)?/?"
                    + "|/api/sessions(/.*)?|/api/chair/handovers/?|/api/stats(/.*)?)$"));

    private final ProjectionAdmin admin;

    public RebuildingHeaderInterceptor(ProjectionAdmin admin) {
        this.admin = admin;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/api/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        List<String> rebuilding = admin.rebuilding();
        if (rebuilding.isEmpty() || request.getParameter("asOf") != null) {
            return true;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        List<String> affected = rebuilding.stream()
                .filter(name -> SERVES.containsKey(name) && SERVES.get(name).matcher(path).matches()).toList();
        if (!affected.isEmpty()) {
            response.setHeader(HEADER, String.join(", ", affected));
        }
        return true;
    }
}
