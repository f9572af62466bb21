package io.resolutionledger.query.resolutions;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.resolutionledger.query.resolutions.WordDiff.Op.*;
import static org.assertj.core.api.Assertions.assertThat;

class WordDiffTest {

    @Test
    void an_inserted_phrase_is_one_insertion_between_equal_parts() {
        List<WordDiff.Edit> edits = WordDiff.diff("implement the act without delay", "implement the act with the Länder without delay");

        assertThat(edits).containsExactly(new WordDiff.Edit(EQUAL, "implement the act "),
                new WordDiff.Edit(INSERT, "with the Länder "), new WordDiff.Edit(EQUAL, "without delay"));
    }

    @Test
    void a_replaced_word_reads_as_deletion_then_insertion() {
        assertThat(WordDiff.unified(WordDiff.diff("two sessions a year", "three sessions a year")))
                .isEqualTo("[-two-]{+three+} sessions a year");
    }

    @Test
    void equal_texts_have_no_changes_and_empty_texts_work() {
        assertThat(WordDiff.diff("same", "same")).containsExactly(new WordDiff.Edit(EQUAL, "same"));
        assertThat(WordDiff.diff("", "new")).containsExactly(new WordDiff.Edit(INSERT, "new"));
        assertThat(WordDiff.diff("old", "")).containsExactly(new WordDiff.Edit(DELETE, "old"));
    }

    @Test
    void applying_the_edits_gives_back_both_texts() {
        String before = "The Länder ask the federal government to measure the state of digital transformation.";
        String after = "The Länder and the federal government measure, independently and long-term, the state of it.";
        List<WordDiff.Edit> edits = WordDiff.diff(before, after);

        StringBuilder old = new StringBuilder();
        StringBuilder neu = new StringBuilder();
        edits.forEach(e -> {
            if (e.op() != INSERT) {
                old.append(e.text());
            }
            if (e.op() != DELETE) {
                neu.append(e.text());
            }
        });
        assertThat(old.toString()).isEqualTo(before);
        assertThat(neu.toString()).isEqualTo(after);
    }
}
