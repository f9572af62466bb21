package io.resolutionledger.command.web;

import io.resolutionledger.api.error.ErrorCode;
import io.resolutionledger.api.value.AmendmentId;
import io.resolutionledger.api.value.Identifiers;
import io.resolutionledger.api.value.ResolutionId;
import io.resolutionledger.api.value.SessionId;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Path variables and the {@code If-Match} precondition, checked before anything is dispatched. */
final class Paths {

    private static final Pattern ETAG = Pattern.compile("\"(\\d{1,18})\"");

    private Paths() {
    }

    static ResolutionId resolution(String id) {
        require(id, "resolutionId");
        return ResolutionId.of(id);
    }

    static SessionId session(String id) {
        require(id, "sessionId");
        return SessionId.of(id);
    }

    static AmendmentId amendment(String id) {
        require(id, "amendmentId");
        return AmendmentId.of(id);
    }

    static String subscription(String id) {
        require(id, "subscriptionId");
        return id;
    }

    static String mandate(String id) {
        require(id, "mandateId");
        return id;
    }

    private static void require(String id, String field) {
        if (!Identifiers.isValid(id)) {
            throw InvalidRequestException.field(field,
                    "must be 1-64 characters of letters, digits, '.', '_' or '-'");
        }
    }

    /** The version an amending request expects: {@code If-Match: "<version>"}; 428 when missing, 400 when bad. */
    static long expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new InvalidRequestException(ErrorCode.PRECONDITION_REQUIRED,
                    "Send If-Match: \"<version>\" with the version you are changing (the ETag you last read).");
        }
        Matcher m = ETAG.matcher(ifMatch.trim());
        if (!m.matches()) {
            throw new InvalidRequestException(ErrorCode.MALFORMED_REQUEST,
                    "If-Match must be one strong entity tag holding a version, e.g. If-Match: \"3\".");
        }
        return Long.parseLong(m.group(1));
    }
}
