package io.resolutionledger.command.web;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.resolutionledger.api.error.ErrorCode;
import io.resolutionledger.api.error.LedgerRefusedException;
import io.resolutionledger.api.error.Refusal;
import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.messaging.HandlerExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.lang.Nullable;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Maps every failure of a command request to a problem detail, in this one place: refusals by their
 * {@link ErrorCode}, Axon's concurrency and not-found exceptions by route, Spring MVC's own errors (400, 405, 406,
 * 415, …), an unreachable store to 503 with {@code Retry-After}, and anything else to a generic 500 whose stack
 * trace stays in the log.
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);
    static final String RETRY_AFTER_SECONDS = "2";

    @ExceptionHandler(InvalidRequestException.class)
    ResponseEntity<Object> invalid(InvalidRequestException e, HttpServletRequest request) {
        ProblemDetail problem = e.code() == ErrorCode.VALIDATION_FAILED
                ? ProblemWriter.validation(e.getMessage(), e.errors(), request.getRequestURI())
                : ProblemWriter.problem(e.code(), e.getMessage(), request.getRequestURI());
        return respond(problem, null);
    }

    /** Refusals, Axon's exceptions, the store, and the unexpected: see {@link #classify}. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> any(Exception e, HttpServletRequest request) {
        Classified c = classify(e, request);
        HttpHeaders headers = new HttpHeaders();
        if (c.code() == ErrorCode.STORE_UNAVAILABLE) {
            headers.set(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
            log.warn("event store unavailable for {} {}: {}", request.getMethod(), request.getRequestURI(), e.toString());
        } else if (c.code() == ErrorCode.INTERNAL_ERROR) {
            log.error("unexpected failure of {} {}", request.getMethod(), request.getRequestURI(), e);
        }
        return respond(ProblemWriter.problem(c.code(), c.detail(), request.getRequestURI()), headers);
    }

    record Classified(ErrorCode code, String detail) {
    }

    /** Walks the cause chain: the first cause that says what went wrong decides. */
    static Classified classify(Throwable failure, HttpServletRequest request) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof LedgerRefusedException refused) {
                return new Classified(refused.code(), refused.getMessage());
            }
            if (t instanceof InvalidRequestException invalid) {
                return new Classified(invalid.code(), invalid.getMessage());
            }
            if (t instanceof HandlerExecutionException hee) {
                Optional<Object> details = hee.getDetails();
                if (details.isPresent() && details.get() instanceof Refusal refusal) {
                    return new Classified(refusal.code(), refusal.detail());
                }
            }
            if (t instanceof AggregateStreamCreationException) {
                return alreadyExists();
            }
            if (t instanceof ConcurrencyException) {
                if (isCreation(request)) {
                    return alreadyExists();
                }
                // 412 answers a stale If-Match; a request without one lost every retry of an append race
                return request.getHeader(HttpHeaders.IF_MATCH) != null
                        ? new Classified(ErrorCode.VERSION_CONFLICT,
                        "Someone else changed it at the same time; read the current version and try again.")
                        : new Classified(ErrorCode.CONCURRENT_MODIFICATION,
                        "Many changes reached it at the same moment and this one could not be applied; nothing was "
                                + "written. Send the request again.");
            }
            if (t instanceof AggregateNotFoundException) {
                ErrorCode code = notFoundCode(request);
                return new Classified(code, "No " + notFoundNoun(code) + " with that id.");
            }
            if (t instanceof IncompatibleAggregateException) {
                // the id names an aggregate of another kind (a session's id used as a resolution's): not found
                ErrorCode code = isCreation(request) && trimmed(request.getRequestURI()).equals("/api/resolutions")
                        ? ErrorCode.SESSION_NOT_FOUND : notFoundCode(request);
                return new Classified(code, "No " + notFoundNoun(code) + " with that id.");
            }
            if (isStoreUnavailable(t)) {
                return new Classified(ErrorCode.STORE_UNAVAILABLE,
                        "The event store is unavailable at the moment; nothing was written. Try again shortly.");
            }
        }
        return new Classified(ErrorCode.INTERNAL_ERROR,
                "An unexpected error occurred; it has been logged. Nothing the request could change was left half done.");
    }

    private static Classified alreadyExists() {
        return new Classified(ErrorCode.ALREADY_EXISTS, "Something with that id already exists.");
    }

    static boolean isStoreUnavailable(Throwable t) {
        if (t instanceof DataAccessResourceFailureException || t instanceof TransientDataAccessResourceException
                || t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                || t instanceof java.net.ConnectException || t instanceof java.io.EOFException) {
            return true;
        }
        // Axon's JDBC engine wraps a connection that died under it ("Connection is closed", no SQL state) in its own
        // JdbcException; what Spring saw meanwhile is attached as suppressed
        for (Throwable suppressed : t.getSuppressed()) {
            if (suppressed != t && isStoreUnavailable(suppressed)) {
                return true;
            }
        }
        if (t instanceof SQLException sql && sql.getSQLState() == null
                && String.valueOf(sql.getMessage()).contains("Connection is closed")) {
            return true;
        }
        if (t instanceof SQLException sql && sql.getSQLState() != null) {
            String state = sql.getSQLState();
            // 08: connection exception; 53: insufficient resources; 57P: operator intervention (shutdown)
            return state.startsWith("08") || state.startsWith("53") || state.startsWith("57P");
        }
        return false;
    }

    /** Creations (a new resolution, a new session) conflict with an existing aggregate: 409, not 412. */
    private static boolean isCreation(HttpServletRequest request) {
        if (request == null || !HttpMethod.POST.matches(request.getMethod())) {
            return false;
        }
        String path = trimmed(request.getRequestURI());
        return path.equals("/api/resolutions") || path.equals("/api/sessions");
    }

    private static ErrorCode notFoundCode(HttpServletRequest request) {
        String path = request == null ? "" : trimmed(request.getRequestURI());
        if (path.startsWith("/api/resolutions")) {
            return ErrorCode.RESOLUTION_NOT_FOUND;
        }
        if (path.startsWith("/api/sessions")) {
            return ErrorCode.SESSION_NOT_FOUND;
        }
        if (path.startsWith("/api/chair")) {
            return ErrorCode.CONFERENCE_NOT_FOUND;
        }
        return ErrorCode.NOT_FOUND;
    }

    private static String notFoundNoun(ErrorCode code) {
        return switch (code) {
            case RESOLUTION_NOT_FOUND -> "resolution";
            case SESSION_NOT_FOUND -> "session";
            case CONFERENCE_NOT_FOUND -> "conference";
            default -> "resource";
        };
    }

    private static String trimmed(String path) {
        return path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
    }

    // ---- Spring MVC's own exceptions ----

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        List<ProblemWriter.FieldProblem> errors = new ArrayList<>();
        for (FieldError error : ex.getBindingResult().getFieldErrors()) {
            errors.add(new ProblemWriter.FieldProblem(error.getField(), error.getDefaultMessage()));
        }
        ex.getBindingResult().getGlobalErrors().forEach(error ->
                errors.add(new ProblemWriter.FieldProblem(error.getObjectName(), error.getDefaultMessage())));
        errors.sort(Comparator.comparing(ProblemWriter.FieldProblem::field));
        return respond(ProblemWriter.validation("The request has invalid fields.", errors, uri(request)), null);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
                                                                            HttpHeaders headers,
                                                                            HttpStatusCode status,
                                                                            WebRequest request) {
        List<ProblemWriter.FieldProblem> errors = new ArrayList<>();
        ex.getParameterValidationResults().forEach(result -> result.getResolvableErrors().forEach(error ->
                errors.add(new ProblemWriter.FieldProblem(result.getMethodParameter().getParameterName(),
                        error.getDefaultMessage()))));
        return respond(ProblemWriter.validation("The request has invalid fields.", errors, uri(request)), null);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof PayloadTooLargeException tooLarge) {
                return respond(ProblemWriter.problem(ErrorCode.PAYLOAD_TOO_LARGE,
                        "The request body is too large: " + tooLarge.getMessage() + ".", uri(request)), null);
            }
        }
        for (Throwable t = ex; t != null; t = t.getCause()) {
            // broken JSON (also when Jackson wraps it with the field it was reading), or over the parser's limits
            if (t instanceof JsonParseException || t instanceof StreamConstraintsException) {
                return respond(ProblemWriter.problem(ErrorCode.MALFORMED_REQUEST,
                        "The request body is not well-formed JSON or exceeds the parser's limits (nesting depth "
                                + JsonLimits.MAX_NESTING_DEPTH + ").", uri(request)), null);
            }
        }
        Throwable cause = ex.getCause();
        if (cause instanceof UnrecognizedPropertyException unknown) {
            return respond(ProblemWriter.validation("The request has invalid fields.",
                    List.of(new ProblemWriter.FieldProblem(path(unknown), "unknown field")), uri(request)), null);
        }
        if (cause instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            return respond(ProblemWriter.validation("The request has invalid fields.",
                    List.of(new ProblemWriter.FieldProblem(path(mismatch), "wrong type or format")),
                    uri(request)), null);
        }
        if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            return respond(ProblemWriter.validation("The request has invalid fields.",
                    List.of(new ProblemWriter.FieldProblem(path(mapping), "invalid value")), uri(request)), null);
        }
        String detail = cause instanceof JsonProcessingException
                ? "The request body is not well-formed JSON."
                : "The request body is missing or unreadable.";
        return respond(ProblemWriter.problem(ErrorCode.MALFORMED_REQUEST, detail, uri(request)), null);
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    /** Everything else Spring MVC raises: keep its status, answer in our shape. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, @Nullable Object body,
                                                             HttpHeaders headers, HttpStatusCode statusCode,
                                                             WebRequest request) {
        ErrorCode code;
        String detail;
        if (ex instanceof HttpRequestMethodNotSupportedException m) {
            code = ErrorCode.METHOD_NOT_ALLOWED;
            detail = "Method " + m.getMethod() + " is not allowed here.";
        } else if (ex instanceof HttpMediaTypeNotSupportedException) {
            code = ErrorCode.UNSUPPORTED_MEDIA_TYPE;
            detail = "Send the request body as application/json.";
        } else if (ex instanceof NoResourceFoundException) {
            code = ErrorCode.NOT_FOUND;
            detail = "No such resource.";
        } else if (ex instanceof HttpMediaTypeNotAcceptableException) {
            return ResponseEntity.status(statusCode).headers(headers).build();
        } else if (statusCode.is4xxClientError()) {
            code = statusCode.value() == 404 ? ErrorCode.NOT_FOUND : ErrorCode.MALFORMED_REQUEST;
            detail = "The request is not valid: " + ex.getClass().getSimpleName() + ".";
        } else if (statusCode.value() == 503) {
            code = ErrorCode.STORE_UNAVAILABLE;
            detail = "The service is unavailable at the moment; try again shortly.";
        } else {
            log.error("unexpected failure of {}", uri(request), ex);
            code = ErrorCode.INTERNAL_ERROR;
            detail = "An unexpected error occurred; it has been logged.";
        }
        ProblemDetail problem = ProblemWriter.problem(code, detail, uri(request));
        problem.setStatus(code == ErrorCode.MALFORMED_REQUEST || code == ErrorCode.NOT_FOUND
                ? statusCode.value() : code.httpStatus());
        HttpHeaders out = new HttpHeaders();
        out.addAll(headers);
        return respond(problem, out);
    }

    private static ResponseEntity<Object> respond(ProblemDetail problem, HttpHeaders headers) {
        return ResponseEntity.status(problem.getStatus())
                .headers(headers)
                .contentType(ProblemWriter.PROBLEM_JSON)
                .body(problem);
    }

    private static String uri(WebRequest request) {
        return request instanceof ServletWebRequest servlet ? servlet.getRequest().getRequestURI() : null;
    }
}
