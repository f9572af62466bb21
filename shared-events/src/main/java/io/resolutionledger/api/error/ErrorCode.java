package io.resolutionledger.api.error;

/**
 * Stable, machine-readable reasons for refusing a request. Clients switch on these names; never rename one.
 * The {@link Kind} tells the web layer which HTTP status answers it, in one place.
 */
public enum ErrorCode {
    // unknown ids
    RESOLUTION_NOT_FOUND(Kind.NOT_FOUND),
    SESSION_NOT_FOUND(Kind.NOT_FOUND),
    CONFERENCE_NOT_FOUND(Kind.NOT_FOUND),
    AMENDMENT_NOT_FOUND(Kind.NOT_FOUND),
    MANDATE_NOT_FOUND(Kind.NOT_FOUND),
    NOT_FOUND(Kind.NOT_FOUND),
    SUBSCRIPTION_NOT_FOUND(Kind.NOT_FOUND),
    // who may act
    NOT_A_MEMBER(Kind.FORBIDDEN),
    GUEST_ACTING(Kind.FORBIDDEN),
    NOT_SPONSOR(Kind.FORBIDDEN),
    NOT_CHAIR(Kind.FORBIDDEN),
    NOT_HOLDER_OF_CHAIR(Kind.FORBIDDEN),
    SPONSOR_CANNOT_TABLE(Kind.FORBIDDEN),
    FORBIDDEN(Kind.FORBIDDEN),
    UNAUTHENTICATED(Kind.UNAUTHENTICATED),
    // what the state allows
    INVALID_STATE_TRANSITION(Kind.CONFLICT),
    SESSION_NOT_OPEN(Kind.CONFLICT),
    SESSION_CLOSED(Kind.CONFLICT),
    ALREADY_VOTED(Kind.CONFLICT),
    /** the member is not recorded present in the session that votes */
    NOT_PRESENT(Kind.CONFLICT),
    ALREADY_COSPONSOR(Kind.CONFLICT),
    AMENDMENT_NOT_PENDING(Kind.CONFLICT),
    AMENDMENT_OUTDATED(Kind.CONFLICT),
    RULE_NOT_MET(Kind.CONFLICT),
    RULE_MET(Kind.CONFLICT),
    /** a written procedure's deadline has come: its vote takes no more votes */
    DEADLINE_PASSED(Kind.CONFLICT),
    /** a written procedure is decided by the ledger at its deadline, not declared by the chair */
    DECIDED_BY_DEADLINE(Kind.CONFLICT),
    /** a written procedure is concluded at its deadline, not before */
    DEADLINE_NOT_REACHED(Kind.CONFLICT),
    /** a mandate reported done takes no more reports */
    MANDATE_DONE(Kind.CONFLICT),
    ALREADY_EXISTS(Kind.CONFLICT),
    CHAIR_ALREADY_SET(Kind.CONFLICT),
    NO_CHAIR_YET(Kind.CONFLICT),
    HANDOVER_SKIPS_YEAR(Kind.CONFLICT),
    /** the chair of Y+1 is handed over during year Y (rules of procedure: lead time, recording window) */
    HANDOVER_OUTSIDE_TERM(Kind.CONFLICT),
    /** the outgoing chair names itself again, and the rules of procedure allow no second term */
    SECOND_TERM_NOT_ALLOWED(Kind.CONFLICT),
    /** business dated before the recording window: only the history import records it */
    BACKDATED(Kind.CONFLICT),
    /** an imported command's business time precedes its aggregate's latest event: history is recorded in order */
    OUT_OF_ORDER(Kind.CONFLICT),
    /** a session before the conference's founding date may only be INFORMAL (a predecessor format's meeting) */
    BEFORE_FOUNDING(Kind.CONFLICT),
    /** an INFORMAL session takes no decisions: no proposals, no votes */
    INFORMAL_SESSION(Kind.CONFLICT),
    // optimistic concurrency
    VERSION_CONFLICT(Kind.PRECONDITION_FAILED),
    /** many writers at once on one aggregate, without If-Match: nothing was written, send the request again */
    CONCURRENT_MODIFICATION(Kind.CONFLICT),
    PRECONDITION_REQUIRED(Kind.PRECONDITION_REQUIRED),
    // input
    VALIDATION_FAILED(Kind.INVALID),
    TOO_MANY_CHAIR_HOLDERS(Kind.INVALID),
    MALFORMED_REQUEST(Kind.INVALID),
    /** the rule named is not in the conference's catalogue of voting rules */
    UNKNOWN_RULE(Kind.INVALID),
    /** an imported command's business time lies in the future */
    OCCURRED_IN_FUTURE(Kind.INVALID),
    /** an import line names a command that cannot be imported */
    UNKNOWN_COMMAND(Kind.INVALID),
    /** a webhook's URL names a host not on ledger.webhooks.allowed-hosts, or a link-local or metadata address */
    HOST_NOT_ALLOWED(Kind.INVALID),
    PAYLOAD_TOO_LARGE(Kind.PAYLOAD_TOO_LARGE),
    UNSUPPORTED_MEDIA_TYPE(Kind.UNSUPPORTED_MEDIA_TYPE),
    METHOD_NOT_ALLOWED(Kind.METHOD_NOT_ALLOWED),
    IDEMPOTENCY_KEY_REUSED(Kind.UNPROCESSABLE),
    RATE_LIMITED(Kind.TOO_MANY_REQUESTS),
    // infrastructure
    STORE_UNAVAILABLE(Kind.UNAVAILABLE),
    /** every live-stream connection of the instance is taken: try again after Retry-After */
    STREAM_CAPACITY_REACHED(Kind.UNAVAILABLE),
    /** every slot for reads of this instance is busy (the rest of the connections are kept for the projections) */
    READS_SATURATED(Kind.UNAVAILABLE),
    /** the identity provider could not be asked to check the token (its discovery or keys did not answer) */
    IDENTITY_PROVIDER_UNAVAILABLE(Kind.UNAVAILABLE),
    /** the command did not complete within the configured time; it may still be stored: repeat with the same key */
    COMMAND_TIMEOUT(Kind.UNAVAILABLE),
    INTERNAL_ERROR(Kind.INTERNAL);

    public enum Kind {
        INVALID(400), UNAUTHENTICATED(401), FORBIDDEN(403), NOT_FOUND(404), METHOD_NOT_ALLOWED(405),
        CONFLICT(409), PRECONDITION_FAILED(412), PAYLOAD_TOO_LARGE(413), UNSUPPORTED_MEDIA_TYPE(415),
        UNPROCESSABLE(422), PRECONDITION_REQUIRED(428), TOO_MANY_REQUESTS(429), INTERNAL(500), UNAVAILABLE(503);

        private final int httpStatus;

        Kind(int httpStatus) {
            this.httpStatus = httpStatus;
        }

        public int httpStatus() {
            return httpStatus;
        }
    }

    private final Kind kind;

    ErrorCode(Kind kind) {
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public int httpStatus() {
        return kind.httpStatus();
    }

    /**
     * The generic code of a status that something other than our own code decided (the servlet container, Spring's
     * dispatcher): 400 {@code MALFORMED_REQUEST}, 404 {@code NOT_FOUND}, 503 {@code STORE_UNAVAILABLE}, ….
     */
    public static ErrorCode forHttpStatus(int status) {
        return switch (status) {
            case 400, 414, 431 -> MALFORMED_REQUEST;
            case 401 -> UNAUTHENTICATED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 409 -> INVALID_STATE_TRANSITION;
            case 412 -> VERSION_CONFLICT;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 422 -> IDEMPOTENCY_KEY_REUSED;
            case 428 -> PRECONDITION_REQUIRED;
            case 429 -> RATE_LIMITED;
            case 503 -> STORE_UNAVAILABLE;
            default -> status >= 500 ? INTERNAL_ERROR : MALFORMED_REQUEST;
        };
    }
}
