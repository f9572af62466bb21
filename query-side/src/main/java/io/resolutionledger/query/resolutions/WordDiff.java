package io.resolutionledger.query.resolutions;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A word-level diff: the texts are cut into words and the whitespace between them, the longest common subsequence
 * of those tokens is kept as EQUAL and the rest becomes DELETE (only in the old text) or INSERT (only in the new).
 * The common head and tail are cut off first, so the quadratic table only spans the part that changed; beyond a
 * bound even that falls back to "all of it replaced" rather than using unbounded memory.
 */
public final class WordDiff {

    public enum Op { EQUAL, INSERT, DELETE }

    public record Edit(Op op, String text) {
    }

    private static final Pattern TOKEN = Pattern.compile("\\s+|[^\\s]+");
    private static final long MAX_CELLS = 4_000_000L;

    private WordDiff() {
    }

    public static List<Edit> diff(String before, String after) {
        List<String> a = tokens(before);
        List<String> b = tokens(after);
        int head = 0;
        while (head < a.size() && head < b.size() && a.get(head).equals(b.get(head))) {
            head++;
        }
        int tail = 0;
        while (tail < a.size() - head && tail < b.size() - head
                && a.get(a.size() - 1 - tail).equals(b.get(b.size() - 1 - tail))) {
            tail++;
        }
        List<Edit> edits = new ArrayList<>();
        add(edits, Op.EQUAL, String.join("", a.subList(0, head)));
        middle(edits, a.subList(head, a.size() - tail), b.subList(head, b.size() - tail));
        add(edits, Op.EQUAL, String.join("", a.subList(a.size() - tail, a.size())));
        return edits;
    }

    /** Readable in one string: {@code [-removed words-]{+added words+}}, the rest as it is. */
    public static String unified(List<Edit> edits) {
        StringBuilder out = new StringBuilder();
        for (Edit edit : edits) {
            switch (edit.op()) {
                case EQUAL -> out.append(edit.text());
                case DELETE -> out.append("[-").append(edit.text()).append("-]");
                case INSERT -> out.append("{+").append(edit.text()).append("+}");
            }
        }
        return out.toString();
    }

    private static void middle(List<Edit> edits, List<String> a, List<String> b) {
        int n = a.size();
        int m = b.size();
        if ((long) (n + 1) * (m + 1) > MAX_CELLS) {
            add(edits, Op.DELETE, String.join("", a));
            add(edits, Op.INSERT, String.join("", b));
            return;
        }
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < n && j < m) {
            if (a.get(i).equals(b.get(j))) {
                add(edits, Op.EQUAL, a.get(i));
                i++;
                j++;
            } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
                add(edits, Op.DELETE, a.get(i++));
            } else {
                add(edits, Op.INSERT, b.get(j++));
            }
        }
        while (i < n) {
            add(edits, Op.DELETE, a.get(i++));
        }
        while (j < m) {
            add(edits, Op.INSERT, b.get(j++));
        }
    }

    /** Appends, merging with the previous edit of the same kind. */
    private static void add(List<Edit> edits, Op op, String text) {
        if (text.isEmpty()) {
            return;
        }
        if (!edits.isEmpty()) {
            Edit last = edits.get(edits.size() - 1);
            if (last.op() == op) {
                edits.set(edits.size() - 1, new Edit(op, last.text() + text));
                return;
            }
        }
        edits.add(new Edit(op, text));
    }

    private static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        if (text == null) {
            return tokens;
        }
        Matcher matcher = TOKEN.matcher(text);
        while (matcher.find()) {
            tokens.add(matcher.group());
        }
        return tokens;
    }
}
