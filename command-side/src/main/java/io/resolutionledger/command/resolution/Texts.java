package io.resolutionledger.command.resolution;

import io.resolutionledger.api.error.ErrorCode;
import io.resolutionledger.api.error.LedgerRefusedException;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

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

    /** An addressee's or partner's code: upper-case letters, digits and hyphens (BUND, EU, TK-UNTERNEHMEN, WMK). */
    static final Pattern PARTY_CODE = Pattern.compile("[A-Z][A-Z0-9]*(-[A-Z0-9]+)*");
    static final int MAX_PARTY_CODE = 40;
    static final int MAX_PARTIES = 20;
    static final int MAX_TASK = 2_000;

    /** Addressees or partners as recorded: each code once, in the order given. */
    static List<String> ensureParties(List<String> codes, String what) {
        Set<String> distinct = new LinkedHashSet<>();
        for (String code : codes) {
            if (code == null || code.length() > MAX_PARTY_CODE || !PARTY_CODE.matcher(code).matches()) {
                throw new LedgerRefusedException(ErrorCode.VALIDATION_FAILED, what + " are codes of upper-case "
                        + "letters, digits and hyphens (e.g. BUND, TK-UNTERNEHMEN), at most " + MAX_PARTY_CODE
                        + " characters; not " + code);
            }
            distinct.add(code);
        }
        if (distinct.size() != codes.size() || distinct.size() > MAX_PARTIES) {
            throw new LedgerRefusedException(ErrorCode.VALIDATION_FAILED, what + " are named once each, at most "
                    + MAX_PARTIES);
        }
        return List.copyOf(distinct);
    }

    static String ensureTask(String task) {
        if (task == null || task.isBlank() || task.length() > MAX_TASK) {
            throw new LedgerRefusedException(ErrorCode.VALIDATION_FAILED, "a mandate's task has 1 to " + MAX_TASK
                    + " characters");
        }
        return task.strip();
    }
}
