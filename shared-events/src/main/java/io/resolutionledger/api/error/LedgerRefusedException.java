package io.resolutionledger.api.error;

/** A command or query refused for a reason the caller can act on; carries a stable {@link ErrorCode}. */
public class LedgerRefusedException extends RuntimeException {

    private final ErrorCode code;

    public LedgerRefusedException(ErrorCode code, String detail) {
        super(detail, null, false, false);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

    public Refusal toRefusal() {
        return new Refusal(code, getMessage());
    }
}
