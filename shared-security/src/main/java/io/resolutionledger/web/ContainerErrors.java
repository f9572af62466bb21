package io.resolutionledger.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.resolutionledger.api.error.ErrorCode;
import io.resolutionledger.api.error.StoreFailures;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.catalina.Container;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.http.MediaType;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Problem details for the errors our handlers never see. Two ways an error escapes Spring MVC's advice:
 * <ul>
 *   <li>Tomcat refuses the request before any servlet runs (an encoded {@code /} or NUL in the path, a URI or header
 *   over the limit, a malformed request line): its host's {@link ErrorReportValve} would answer an HTML page. It is
 *   replaced by {@link ProblemErrorReportValve}, which answers {@code application/problem+json}.</li>
 *   <li>A filter or the firewall calls {@code sendError} (Spring Security's request firewall, …): the servlet
 *   container forwards to {@code /error}, where {@link ProblemErrorController} stands in for Boot's JSON error
 *   controller.</li>
 * </ul>
 * Both services install them (each one's {@code web.ContainerErrorsConfig}: the valve as a bean, the controller as a
 * hidden subclass, with its own {@code Retry-After}); both are tested with raw sockets.
 */
public final class ContainerErrors {

    private static final Logger log = LoggerFactory.getLogger(ContainerErrors.class);

    private ContainerErrors() {
    }

    static ProblemDetail problem(int status, ErrorCode code, String detail) {
        return Problems.of(status, code, detail);
    }

    /** What a status means to the client, in one sentence that reveals nothing about the server. */
    public static String detail(int status) {
        return switch (status) {
            case 400 -> "The request could not be read: its request line, path or headers are malformed "
                    + "(an encoded '/' or NUL in the path is refused).";
            case 404 -> "No such resource.";
            case 405 -> "This method is not allowed here.";
            case 413 -> "The request is too large.";
            case 414 -> "The request URI is too long.";
            case 431 -> "The request headers are too large.";
            case 503 -> "The service is unavailable at the moment; try again shortly.";
            default -> status >= 500 ? "An unexpected error occurred; it has been logged." : "The request was refused.";
        };
    }

    /** Replaces Tomcat's HTML error report by problem details (a bean of each service). */
    public static WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports(ObjectMapper objectMapper) {
        return new ValveInstaller(status -> {
            try {
                return objectMapper.writeValueAsBytes(problem(status, ErrorCode.forHttpStatus(status), detail(status)));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Runs after Boot's own Tomcat customizer, which installs the plain error report valve this one replaces. */
    static final class ValveInstaller implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

        private final ProblemErrorReportValve.Renderer renderer;

        ValveInstaller(ProblemErrorReportValve.Renderer renderer) {
            this.renderer = renderer;
        }

        @Override
        public void customize(TomcatServletWebServerFactory factory) {
            factory.addContextCustomizers(context -> ProblemErrorReportValve.install(context.getParent(), renderer));
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }

    /** Tomcat's host-level error report, as RFC 9457 problem details instead of an HTML page. */
    public static class ProblemErrorReportValve extends ErrorReportValve {

        /** Renders the problem detail of a status. */
        public interface Renderer {
            byte[] render(int status);
        }

        private final Renderer renderer;

        public ProblemErrorReportValve(Renderer renderer) {
            this.renderer = renderer;
        }

        static void install(Container host, Renderer renderer) {
            if (host instanceof StandardHost standardHost) {
                // the host adds a valve of this class at start unless one is there: ours is
                standardHost.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
            }
            for (Valve valve : host.getPipeline().getValves()) {
                if (valve instanceof ErrorReportValve) {
                    host.getPipeline().removeValve(valve);
                }
            }
            host.getPipeline().addValve(new ProblemErrorReportValve(renderer));
        }

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int status = response.getStatus();
            // as the base class: only errors (sendError), nothing written yet, reported once, and only while the
            // connection can still carry an answer
            if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
                return;
            }
            AtomicBoolean ioAllowed = new AtomicBoolean(true);
            response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
            if (!ioAllowed.get()) {
                return;
            }
            byte[] body = renderer.render(status);
            try {
                response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                response.setCharacterEncoding("UTF-8");
                response.setContentLength(body.length);
                OutputStream out = response.getOutputStream();
                out.write(body);
                response.finishResponse();
            } catch (IOException | IllegalStateException e) {
                // the client is gone or the answer is already on its way: nothing left to tell
            }
        }
    }

    /**
     * What the servlet container forwards to {@code /error}: the same problem details as everywhere else. Each service
     * subclasses it as a hidden {@code @RestController} (found by component scanning; Boot's own error controller
     * backs off when one exists), naming how long a client should wait when the store is unavailable.
     */
    public abstract static class ProblemErrorController implements ErrorController {

        private final String retryAfterSeconds;

        protected ProblemErrorController(String retryAfterSeconds) {
            this.retryAfterSeconds = retryAfterSeconds;
        }

        @RequestMapping("${server.error.path:${error.path:/error}}")
        public ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
            Object attribute = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
            int status = attribute instanceof Integer i ? i : 500;
            Throwable failure = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
            HttpHeaders headers = new HttpHeaders();
            if (status >= 500 && StoreFailures.isStoreUnavailable(failure)) {
                status = 503;
                headers.set(HttpHeaders.RETRY_AFTER, retryAfterSeconds);
            } else if (status >= 500) {
                log.error("unexpected failure of {}", request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI),
                        failure);
            }
            return ResponseEntity.status(status).headers(headers).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(problem(status, ErrorCode.forHttpStatus(status), detail(status)));
        }
    }
}
