package io.resolutionledger.web;

import io.resolutionledger.api.error.ErrorCode;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

import java.net.URI;
import java.util.Locale;

/**
 * The one shape of an RFC 9457 problem detail that both services answer: {@code type} names the error code under
 * {@link #TYPE_BASE}, {@code title} is the code in words, {@code code} the code itself (what clients branch on).
 */
public final class Problems {

    public static final String TYPE_BASE = "https://resolution-ledger.io/problems/";

    private Problems() {
    }

    /** The problem of an error code, with its code's HTTP status. */
    public static ProblemDetail of(ErrorCode code, String detail) {
        return of(code.httpStatus(), code, detail);
    }

    /** The problem of an error code answered with another status (e.g. a container error mapped to a code). */
    public static ProblemDetail of(int status, ErrorCode code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(status), detail);
        problem.setType(URI.create(TYPE_BASE + code.name().toLowerCase(Locale.ROOT).replace('_', '-')));
        problem.setTitle(title(code));
        problem.setProperty("code", code.name());
        return problem;
    }

    /** {@code RESOLUTION_NOT_FOUND} → "Resolution not found". */
    public static String title(ErrorCode code) {
        String words = code.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
