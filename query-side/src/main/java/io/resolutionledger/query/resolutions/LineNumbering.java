package io.resolutionledger.query.resolutions;

import java.util.ArrayList;
import java.util.List;

/**
 * Line numbers as parliaments print them: the text is broken into lines of at most {@link #LINE_LENGTH} characters
 * (at spaces; a longer word is cut), each source line starts a new printed line, blank lines are not counted, and
 * the lines are numbered from 1. The same numbering serves the PDF of a session's decisions, the line-numbered diff
 * of two versions and the dashboard, so that "line 7" names the same words everywhere.
 * <p>
 * A line-numbered diff compares the printed lines of two versions (longest common subsequence of whole lines) and
 * gives hunks with {@link #CONTEXT} unchanged lines around each change, with each line's number in the old and in the
 * new version. Beyond a bound on the comparison table the whole text counts as replaced rather than using unbounded
 * memory.
 */
public final class LineNumbering {

    public static final int LINE_LENGTH = 80;
    public static final int CONTEXT = 2;
    private static final long MAX_CELLS = 4_000_000L;

    public enum Op { EQUAL, DELETE, INSERT }

    /** One printed line in a hunk: its number in the old version ({@code from}) and/or in the new one ({@code to}). */
    public record Line(Op op, Integer from, Integer to, String text) {
    }

    /** Lines {@code fromLine..fromLine+fromCount-1} of the old version became {@code toLine..} of the new one. */
    public record Hunk(int fromLine, int fromCount, int toLine, int toCount, List<Line> lines) {
    }

    /** The answer of {@code …/diff?format=lines}. */
    public record LineDiff(String resolutionId, long from, long to, int lineLength, int fromLines, int toLines,
                           List<Hunk> hunks) {
    }

    private LineNumbering() {
    }

    /**
     * One printed line of a version's text: its number, its words, and whether a paragraph (a blank line in the
     * source) ends before it, so that a reader can show the paragraphs without numbering the blank lines.
     */
    public record NumberedLine(int number, String text, boolean paragraphStart) {
    }

    /** The answer of {@code …/versions/{n}/lines}: a version's text as it is printed, line by line. */
    public record NumberedText(String resolutionId, long version, int lineLength, List<NumberedLine> lines) {
    }

    /** The printed lines of a text; line n is element n-1. */
    public static List<String> lines(String text) {
        return numbered(text).stream().map(NumberedLine::text).toList();
    }

    /** The printed lines of a text with their numbers and paragraph starts. */
    public static List<NumberedLine> numbered(String text) {
        List<NumberedLine> lines = new ArrayList<>();
        if (text == null) {
            return lines;
        }
        boolean paragraph = true;
        for (String source : text.split("\\R")) {
            String rest = source.strip().replaceAll("\\s+", " ");
            if (rest.isEmpty()) {
                paragraph = true;
                continue;
            }
            while (!rest.isEmpty()) {
                String line;
                if (rest.length() <= LINE_LENGTH) {
                    line = rest;
                    rest = "";
                } else {
                    int cut = rest.lastIndexOf(' ', LINE_LENGTH);
                    line = cut <= 0 ? rest.substring(0, LINE_LENGTH) : rest.substring(0, cut);
                    rest = (cut <= 0 ? rest.substring(LINE_LENGTH) : rest.substring(cut + 1)).stripLeading();
                }
                lines.add(new NumberedLine(lines.size() + 1, line, paragraph && !lines.isEmpty()));
                paragraph = false;
            }
        }
        return lines;
    }

    public static NumberedText numbered(String resolutionId, long version, String text) {
        return new NumberedText(resolutionId, version, LINE_LENGTH, numbered(text));
    }

    public static LineDiff diff(String resolutionId, long from, long to, String before, String after) {
        List<String> a = lines(before);
        List<String> b = lines(after);
        List<Line> all = compare(a, b);
        return new LineDiff(resolutionId, from, to, LINE_LENGTH, a.size(), b.size(), hunks(all));
    }

    private static List<Line> compare(List<String> a, List<String> b) {
        int n = a.size();
        int m = b.size();
        List<Line> out = new ArrayList<>();
        if ((long) (n + 1) * (m + 1) > MAX_CELLS) {
            for (int i = 0; i < n; i++) {
                out.add(new Line(Op.DELETE, i + 1, null, a.get(i)));
            }
            for (int j = 0; j < m; j++) {
                out.add(new Line(Op.INSERT, null, j + 1, b.get(j)));
            }
            return out;
        }
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && a.get(i).equals(b.get(j))) {
                out.add(new Line(Op.EQUAL, i + 1, j + 1, a.get(i)));
                i++;
                j++;
            } else if (j >= m || (i < n && lcs[i + 1][j] >= lcs[i][j + 1])) {
                out.add(new Line(Op.DELETE, i + 1, null, a.get(i)));
                i++;
            } else {
                out.add(new Line(Op.INSERT, null, j + 1, b.get(j)));
                j++;
            }
        }
        return out;
    }

    /** Groups changed lines with their context; changes closer than twice the context share a hunk. */
    private static List<Hunk> hunks(List<Line> all) {
        List<Hunk> hunks = new ArrayList<>();
        int k = 0;
        while (k < all.size()) {
            if (all.get(k).op() == Op.EQUAL) {
                k++;
                continue;
            }
            int start = Math.max(0, k - CONTEXT);
            int end = k;
            // extend while another change follows within the context window
            while (true) {
                while (end < all.size() && all.get(end).op() != Op.EQUAL) {
                    end++;
                }
                int next = end;
                while (next < all.size() && all.get(next).op() == Op.EQUAL && next - end < 2 * CONTEXT + 1) {
                    next++;
                }
                if (next < all.size() && all.get(next).op() != Op.EQUAL) {
                    end = next;
                } else {
                    break;
                }
            }
            int stop = Math.min(all.size(), end + CONTEXT);
            List<Line> lines = List.copyOf(all.subList(start, stop));
            hunks.add(hunk(lines, all, start));
            k = stop;
        }
        return hunks;
    }

    private static Hunk hunk(List<Line> lines, List<Line> all, int start) {
        int fromCount = (int) lines.stream().filter(l -> l.from() != null).count();
        int toCount = (int) lines.stream().filter(l -> l.to() != null).count();
        return new Hunk(firstNumber(all, start, true), fromCount, firstNumber(all, start, false), toCount, lines);
    }

    /** The number the hunk starts at in one version: the first line of it there, or the line after what precedes. */
    private static int firstNumber(List<Line> all, int start, boolean old) {
        int before = 0;
        for (int i = 0; i < all.size(); i++) {
            Integer number = old ? all.get(i).from() : all.get(i).to();
            if (number != null) {
                if (i >= start) {
                    return number;
                }
                before = number;
            }
        }
        return before + 1;
    }
}
