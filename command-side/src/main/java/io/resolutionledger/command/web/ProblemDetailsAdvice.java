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
import io.resolutionledger.api.error.StoreFailures;
import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.messaging.HandlerExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
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

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Maps every failure of a command request to a problem detail, in this one place: refusals by their
 * {@link ErrorCode}, Axon's concurrency and not-found exceptions by the context the dispatcher attached
 * ({@link CommandFailedException}), Spring MVC's own errors (400, 405, 406, 415, …), an unreachable store to 503
 * with {@code Retry-After}, and anything else to a generic 500 whose stack trace stays in the log. What never
 * reaches Spring MVC is answered by {@link ContainerErrorsConfig}.
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
        Classified c = classify(e);
        HttpHeaders headers = new HttpHeaders();
        if (c.code() == ErrorCode.STORE_UNAVAILABLE || c.code() == ErrorCode.COMMAND_TIMEOUT) {
            headers.set(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
            log.warn("event store unavailable for {} {}: {}", request.getMethod(), request.getRequestURI(), e.toString());
        } else if (c.code() == ErrorCode.INTERNAL_ERROR) {
            log.error("unexpected failure of {} {}", request.getMethod(), request.getRequestURI(), e);
        }
        return respond(ProblemWriter.problem(c.code(), c.detail(), request.getRequestURI()), headers);
    }

    record Classified(ErrorCode code, String detail) {
    }

    /**
     * Walks the cause chain: the first cause that says what went wrong decides. What Axon's exceptions do not say
     * (which aggregate was not found, whether a lost race was a creation) comes from the {@link CommandFailedException}
     * the dispatcher wrapped around them; an unreachable store is recognised by {@link StoreFailures}.
     */
    static Classified classify(Throwable failure) {
        CommandFailedException command = null;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CommandFailedException c && command == null) {
                command = c;
            }
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
            if (t instanceof java.util.concurrent.TimeoutException) {
                return new Classified(ErrorCode.COMMAND_TIMEOUT, "The command did not complete in time (the event "
                        + "store is slow or unavailable). It may still be stored: repeat the request with the same "
                        + "Idempotency-Key, which answers as the first time, or check before sending it again.");
            }
            if (t instanceof java.util.concurrent.RejectedExecutionException) {
                return new Classified(ErrorCode.STORE_UNAVAILABLE, "Every command slot is busy waiting for the "
                        + "event store; nothing was written. Try again shortly.");
            }
            if (t instanceof AggregateStreamCreationException) {
                return alreadyExists();
            }
            if (t instanceof ConcurrencyException) {
                if (command != null && command.creation()) {
                    return alreadyExists();
                }
                // 412 answers a stale If-Match; a request without one lost every retry of an append race
                return command != null && command.conditional()
                        ? new Classified(ErrorCode.VERSION_CONFLICT,
                        "Someone else changed it at the same time; read the current version and try again.")
                        : new Classified(ErrorCode.CONCURRENT_MODIFICATION,
                        "Many changes reached it at the same moment and this one could not be applied; nothing was "
                                + "written. Send the request again.");
            }
            if (t instanceof AggregateNotFoundException || t instanceof IncompatibleAggregateException) {
                // an id of another kind of aggregate (a session's id used as a resolution's) is not found either
                Class<?> type = command == null ? null : command.target().map(CommandTargets.Target::aggregateType)
                        .orElse(null);
                return notFound(type);
            }
        }
        if (StoreFailures.isStoreUnavailable(failure)) {
            return new Classified(ErrorCode.STORE_UNAVAILABLE,
                    "The event store is unavailable at the moment; nothing was written. Try again shortly.");
        }
        return new Classified(ErrorCode.INTERNAL_ERROR,
                "An unexpected error occurred; it has been logged. Nothing the request could change was left half done.");
    }

    private static Classified alreadyExists() {
        return new Classified(ErrorCode.ALREADY_EXISTS, "Something with that id already exists.");
    }

    /** {@code RESOLUTION_NOT_FOUND} for the aggregate {@code Resolution}, and so on; {@code NOT_FOUND} otherwise. */
    static Classified notFound(Class<?> aggregateType) {
        if (aggregateType == null) {
            return new Classified(ErrorCode.NOT_FOUND, "No resource with that id.");
        }
        String noun = aggregateType.getSimpleName();
        ErrorCode code = Arrays.stream(ErrorCode.values())
                .filter(c -> c.name().equals(noun.toUpperCase(Locale.ROOT) + "_NOT_FOUND"))
                .findFirst().orElse(ErrorCode.NOT_FOUND);
        return new Classified(code, "No " + noun.toLowerCase(Locale.ROOT) + " with that id.");
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
