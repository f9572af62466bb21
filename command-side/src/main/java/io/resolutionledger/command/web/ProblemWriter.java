package io.resolutionledger.command.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.resolutionledger.api.error.ErrorCode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * The one shape of every error the command side answers: RFC 9457 {@code application/problem+json} with
 * {@code type}, {@code title}, {@code status}, {@code detail}, {@code instance}, the stable {@code code} and, for
 * {@code VALIDATION_FAILED}, the offending fields. Used by the controller advice and by the filters and security
 * handlers that answer before a controller is reached.
 */
@Component
public class ProblemWriter {

    public static final String TYPE_BASE = io.resolutionledger.web.Problems.TYPE_BASE;
    public static final MediaType PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON;

    /** One offending field of an invalid request. */
    public record FieldProblem(String field, String message) {
    }

    private final ObjectMapper objectMapper;

    public ProblemWriter(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    public static ProblemDetail problem(ErrorCode code, String detail, String instance) {
        ProblemDetail problem = io.resolutionledger.web.Problems.of(code, detail);
        if (instance != null) {
            problem.setInstance(URI.create(instance));
        }
        return problem;
    }

    public static ProblemDetail validation(String detail, List<FieldProblem> errors, String instance) {
        ProblemDetail problem = problem(ErrorCode.VALIDATION_FAILED, detail, instance);
        problem.setProperty("errors", errors);
        return problem;
    }

    /** "RESOLUTION_NOT_FOUND" → "Resolution not found". */
    static String title(ErrorCode code) {
        return io.resolutionledger.web.Problems.title(code);
    }

    public void write(HttpServletRequest request, HttpServletResponse response, ErrorCode code, String detail)
            throws IOException {
        write(response, problem(code, detail, safeInstance(request)));
    }

    public void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(problem.getStatus());
        response.setContentType(PROBLEM_JSON.toString());
        response.setCharacterEncoding("UTF-8");
        objectMapper.writeValue(response.getOutputStream(), problem);
        response.flushBuffer();
    }

    static String safeInstance(HttpServletRequest request) {
        try {
            URI.create(request.getRequestURI());
            return request.getRequestURI();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
