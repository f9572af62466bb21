package io.resolutionledger.query.web;

import io.resolutionledger.api.error.ErrorCode;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

import java.net.URI;
import java.util.Map;

/** Builds the RFC 9457 problem details of this service: always with a stable {@code code}. */
public final class Problems {

    private Problems() {
    }

    public static ProblemDetail of(ErrorCode code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(code.httpStatus()), detail);
        problem.setType(URI.create("https://resolution-ledger.io/problems/" + code.name().toLowerCase().replace('_', '-')));
        problem.setTitle(title(code));
        problem.setProperty("code", code.name());
        return problem;
    }

    public static ProblemDetail invalid(Map<String, String> fields) {
        ProblemDetail problem = of(ErrorCode.VALIDATION_FAILED, "invalid parameters: " + String.join(", ", fields.keySet()));
        problem.setProperty("errors", fields.entrySet().stream()
                .map(e -> Map.of("field", e.getKey(), "message", e.getValue()))
                .toList());
        return problem;
    }

    private static String title(ErrorCode code) {
        String words = code.name().toLowerCase().replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
