package io.resolutionledger.command.web;

import io.resolutionledger.api.error.ErrorCode;

import java.util.List;

/** A request refused by the web layer before dispatch (bad id in the path, bad header, too many holders, …). */
public class InvalidRequestException extends RuntimeException {

    private final transient ErrorCode code;
    private final transient List<ProblemWriter.FieldProblem> errors;

    public InvalidRequestException(ErrorCode code, String detail) {
        this(code, detail, List.of());
    }

    public InvalidRequestException(ErrorCode code, String detail, List<ProblemWriter.FieldProblem> errors) {
        super(detail, null, false, false);
        this.code = code;
        this.errors = List.copyOf(errors);
    }

    public static InvalidRequestException field(String field, String message) {
        return new InvalidRequestException(ErrorCode.VALIDATION_FAILED, "The request has invalid fields.",
                List.of(new ProblemWriter.FieldProblem(field, message)));
    }

    public ErrorCode code() {
        return code;
    }

    public List<ProblemWriter.FieldProblem> errors() {
        return errors;
    }
}
