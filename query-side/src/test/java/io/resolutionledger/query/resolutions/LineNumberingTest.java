package io.resolutionledger.query.resolutions;

import io.resolutionledger.query.resolutions.LineNumbering.Hunk;
import io.resolutionledger.query.resolutions.LineNumbering.LineDiff;
import io.resolutionledger.query.resolutions.LineNumbering.Op;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LineNumberingTest {

    private static String words(int from, int to) {
        StringBuilder text = new StringBuilder();
        for (int i = from; i <= to; i++) {
            text.append(i == from ? "" : " ").append("Wort").append(i);
        }
        return text.toString();
    }

    @Test
    void lines_break_at_spaces_within_the_line_length_and_blank_lines_are_not_counted() {
        List<String> lines = LineNumbering.lines(words(1, 40) + "\n\n  Zweiter   Absatz.  ");
        assertThat(lines).allMatch(l -> l.length() <= LineNumbering.LINE_LENGTH && !l.isBlank());
        assertThat(String.join(" ", lines)).isEqualTo(words(1, 40) + " Zweiter Absatz.");
        assertThat(lines.get(lines.size() - 1)).isEqualTo("Zweiter Absatz.");
        // "Wort1 … Wort12" is 74 characters; " Wort13" would make 81
        assertThat(lines.get(0)).endsWith("Wort12");
    }

    @Test
    void numbered_lines_count_from_one_and_mark_where_a_paragraph_starts() {
        String text = "Erster Absatz, erste Zeile.\nErster Absatz, zweite Zeile.\n\n\nZweiter Absatz. " + words(1, 30);
        List<LineNumbering.NumberedLine> lines = LineNumbering.numbered(text);
        assertThat(lines).extracting(LineNumbering.NumberedLine::number)
                .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, lines.size()).boxed().toList());
        assertThat(lines).extracting(LineNumbering.NumberedLine::paragraphStart).startsWith(false, false, true)
                .containsOnlyOnce(true);
        assertThat(lines.get(2).text()).startsWith("Zweiter Absatz.");
        // the same printed lines as the diff and the PDF use
        assertThat(lines).extracting(LineNumbering.NumberedLine::text).isEqualTo(LineNumbering.lines(text));
        assertThat(lines.size()).isGreaterThan(3);
    }

    @Test
    void a_word_longer_than_a_line_is_cut() {
        List<String> lines = LineNumbering.lines("x".repeat(200));
        assertThat(lines).extracting(String::length).containsExactly(80, 80, 40);
    }

    @Test
    void an_unchanged_text_has_no_hunks() {
        LineDiff diff = LineNumbering.diff("r", 1, 2, words(1, 50), words(1, 50));
        assertThat(diff.hunks()).isEmpty();
        assertThat(diff.fromLines()).isEqualTo(diff.toLines()).isGreaterThan(3);
    }

    @Test
    void a_changed_line_is_one_hunk_with_its_numbers_in_both_versions_and_two_lines_of_context() {
        String before = String.join("\n", "Eins.", "Zwei.", "Drei.", "Vier.", "Fünf.", "Sechs.", "Sieben.", "Acht.",
                "Neun.", "Zehn.", "Elf.", "Zwölf.", "Dreizehn.");
        String after = before.replace("Fünf.", "Fünf, geändert.").replace("Zwölf.", "Zwölf.\nZwölf und ein halb.");
        LineDiff diff = LineNumbering.diff("r", 1, 2, before, after);
        assertThat(diff.hunks()).hasSize(2);
        Hunk first = diff.hunks().get(0);
        assertThat(first.fromLine()).isEqualTo(3);
        assertThat(first.toLine()).isEqualTo(3);
        assertThat(first.fromCount()).isEqualTo(5);
        assertThat(first.toCount()).isEqualTo(5);
        assertThat(first.lines()).extracting(LineNumbering.Line::op)
                .containsExactly(Op.EQUAL, Op.EQUAL, Op.DELETE, Op.INSERT, Op.EQUAL, Op.EQUAL);
        assertThat(first.lines().get(2).from()).isEqualTo(5);
        assertThat(first.lines().get(2).to()).isNull();
        assertThat(first.lines().get(3).to()).isEqualTo(5);
        assertThat(first.lines().get(3).text()).isEqualTo("Fünf, geändert.");
        Hunk second = diff.hunks().get(1);
        LineNumbering.Line inserted = second.lines().stream().filter(l -> l.op() == Op.INSERT).findFirst()
                .orElseThrow();
        assertThat(inserted.to()).isEqualTo(13);
        assertThat(inserted.text()).isEqualTo("Zwölf und ein halb.");
        assertThat(second.fromLine()).isEqualTo(11);
        assertThat(diff.toLines()).isEqualTo(14);
    }

    @Test
    void changes_close_together_share_one_hunk() {
        String before = String.join("\n", "A.", "B.", "C.", "D.", "E.", "F.");
        String after = String.join("\n", "A.", "B2.", "C.", "D.", "E2.", "F.");
        assertThat(LineNumbering.diff("r", 1, 2, before, after).hunks()).hasSize(1);
    }

    @Test
    void insertion_into_an_empty_text_starts_at_line_one() {
        LineDiff diff = LineNumbering.diff("r", 1, 2, "", "Neu.");
        assertThat(diff.hunks()).singleElement().satisfies(h -> {
            assertThat(h.toLine()).isEqualTo(1);
            assertThat(h.fromLine()).isEqualTo(1);
            assertThat(h.fromCount()).isZero();
        });
    }
}
