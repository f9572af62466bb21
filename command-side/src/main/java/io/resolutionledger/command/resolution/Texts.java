package io.resolutionledger.command.resolution;

import io.resolutionledger.api.error.ErrorCode;
import io.resolutionledger.api.error.LedgerRefusedException;

/** The domain's own limits on titles and texts; the web layer checks the same limits earlier, with field names. */
final class Texts {

    static final int MAX_TITLE = 300;
    static final int MAX_TEXT = 100_000;

    private Texts() {
    }

    static String ensureTitle(String title) {
        if (title == null || title.isBlank() || title.length() > MAX_TITLE) {
            throw new LedgerRefusedException(ErrorCode.VALIDATION_FAILED,
                    "a title has 1 to " + MAX_TITLE + " characters");
        }
        return title;
    }

    static String ensureText(String text) {
        if (text == null || text.isBlank() || text.length() > MAX_TEXT) {
            throw new LedgerRefusedException(ErrorCode.VALIDATION_FAILED,
                    "a text has 1 to " + MAX_TEXT + " characters");
        }
        return text;
    }
}
