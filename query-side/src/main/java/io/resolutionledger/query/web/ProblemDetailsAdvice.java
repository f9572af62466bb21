package io.resolutionledger.query.web;

import io.resolutionledger.api.error.ErrorCode;
import io.resolutionledger.api.error.LedgerRefusedException;
import io.resolutionledger.api.error.StoreFailures;
import jakarta.validation.ConstraintViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every error of the query API as problem details with a {@code code}, in one place. Client mistakes (bad numbers,
 * dates, enum values, out-of-range paging) are 400 VALIDATION_FAILED naming the field; nothing a client can send
 * produces a 500, and no response carries a stack trace. What never reaches Spring MVC is answered by
 * {@link ContainerErrorsConfig}.
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);
    static final String RETRY_AFTER_SECONDS = "5";

    @ExceptionHandler(LedgerRefusedException.class)
    public ResponseEntity<ProblemDetail> refused(LedgerRefusedException e) {
        return respond(Problems.of(e.code(), e.getMessage()));
    }

    @ExceptionHandler(InvalidParameterException.class)
    public ResponseEntity<ProblemDetail> invalid(InvalidParameterException e) {
        return respond(Problems.invalid(e.fields()));
    }

    @ExceptionHandler(ConstraintViolationException.class)
    public ResponseEntity<ProblemDetail> violated(ConstraintViolationException e) {
        Map<String, String> fields = new LinkedHashMap<>();
        e.getConstraintViolations().forEach(v -> {
            String path = v.getPropertyPath().toString();
            fields.put(path.substring(path.lastIndexOf('.') + 1), v.getMessage());
        });
        return respond(Problems.invalid(fields));
    }

    /** An unreachable database (whatever wraps it: see {@link StoreFailures}) is 503, anything else a logged 500. */
    @ExceptionHandler(Exception.class)
    public ResponseEntity<ProblemDetail> unexpected(Exception e) {
        if (StoreFailures.isStoreUnavailable(e)) {
            log.warn("read model unavailable: {}", e.toString());
            return unavailable();
        }
        log.error("unexpected error", e);
        return respond(Problems.of(ErrorCode.INTERNAL_ERROR, "an unexpected error occurred"));
    }

    static ResponseEntity<ProblemDetail> unavailable() {
        return ResponseEntity.status(503)
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(ErrorCode.STORE_UNAVAILABLE, "the read model is unavailable; retry shortly"));
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
                                                        HttpStatusCode status, WebRequest request) {
        String field = ex instanceof MethodArgumentTypeMismatchException m ? m.getName() : ex.getPropertyName();
        String expected = ex.getRequiredType() == null ? "a valid value" : describe(ex.getRequiredType());
        return body(Problems.invalid(Map.of(field == null ? "parameter" : field, "must be " + expected)));
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
                                                                          HttpHeaders headers, HttpStatusCode status,
                                                                          WebRequest request) {
        return body(Problems.invalid(Map.of(ex.getParameterName(), "is required")));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
                                                                            HttpHeaders headers, HttpStatusCode status,
                                                                            WebRequest request) {
        Map<String, String> fields = new LinkedHashMap<>();
        ex.getParameterValidationResults().forEach(r -> r.getResolvableErrors().forEach(err ->
                fields.put(r.getMethodParameter().getParameterName(), err.getDefaultMessage())));
        return body(Problems.invalid(fields));
    }

    /** Spring's own errors (405, 406, 415, missing path, ...) keep their status but gain a code. */
    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode statusCode,
                                                          WebRequest request) {
        if (body instanceof ProblemDetail problem && (problem.getProperties() == null
                || !problem.getProperties().containsKey("code"))) {
            problem.setProperty("code", ErrorCode.forHttpStatus(statusCode.value()).name());
        }
        return super.createResponseEntity(body, headers, statusCode, request);
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
                                                             HttpStatusCode statusCode, WebRequest request) {
        if (body == null && ex instanceof ErrorResponse errorResponse) {
            body = errorResponse.updateAndGetBody(getMessageSource(), java.util.Locale.ROOT);
        }
        return super.handleExceptionInternal(ex, body, headers, statusCode, request);
    }

    private static String describe(Class<?> type) {
        if (type.isEnum()) {
            StringBuilder values = new StringBuilder("one of ");
            Object[] constants = type.getEnumConstants();
            for (int i = 0; i < constants.length; i++) {
                values.append(i == 0 ? "" : ", ").append(constants[i]);
            }
            return values.toString();
        }
        return switch (type.getSimpleName()) {
            case "int", "Integer", "long", "Long" -> "a whole number";
            case "LocalDate" -> "a date (YYYY-MM-DD)";
            case "Instant", "OffsetDateTime" -> "an ISO 8601 instant with offset";
            default -> "a valid " + type.getSimpleName();
        };
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus())
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    private static ResponseEntity<Object> body(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus())
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
