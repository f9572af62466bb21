package io.resolutionledger.query.web;

import io.resolutionledger.api.error.ErrorCode;
import org.springframework.http.ProblemDetail;

import java.util.Map;

/** Builds the RFC 9457 problem details of this service: always with a stable {@code code}. */
public final class Problems {

    private Problems() {
    }

    public static ProblemDetail of(ErrorCode code, String detail) {
        return io.resolutionledger.web.Problems.of(code, detail);
    }

    public static ProblemDetail invalid(Map<String, String> fields) {
        ProblemDetail problem = of(ErrorCode.VALIDATION_FAILED, "invalid parameters: " + String.join(", ", fields.keySet()));
        problem.setProperty("errors", fields.entrySet().stream()
                .map(e -> Map.of("field", e.getKey(), "message", e.getValue()))
                .toList());
        return problem;
    }

}
