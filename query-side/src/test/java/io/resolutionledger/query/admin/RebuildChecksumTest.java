package io.resolutionledger.query.admin;

import io.resolutionledger.query.support.QuerySideTest;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.ConnectionCallback;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rebuild's table checksum on PostgreSQL itself: the same rows in another order sum alike; a changed value, a
 * missing row, an extra row and two rows that swapped a value each change it. On temporary tables of one connection,
 * shaped like a read model (a key, text, a number, a time stamp, an array, a null).
 */
class RebuildChecksumTest extends QuerySideTest {

    private static final String SHAPE = "(id VARCHAR(64) PRIMARY KEY, title TEXT, version BIGINT, at TIMESTAMPTZ, "
            + "topics VARCHAR(64)[], note TEXT)";
    private static final String ROWS = "('r1', 'Digitale Verwaltung', 3, '2032-04-19T10:00:00Z', '{a,b}', NULL), "
            + "('r2', 'Open Data', 1, '2032-04-19T11:00:00Z', '{}', 'x'), "
            + "('r3', 'KI-Verordnung', 7, '2032-04-20T09:30:00Z', '{c}', NULL)";
    private static final String ROWS_OTHER_ORDER = "('r3', 'KI-Verordnung', 7, '2032-04-20T09:30:00Z', '{c}', NULL), "
            + "('r1', 'Digitale Verwaltung', 3, '2032-04-19T10:00:00Z', '{a,b}', NULL), "
            + "('r2', 'Open Data', 1, '2032-04-19T11:00:00Z', '{}', 'x')";

    @Test
    void the_same_rows_in_any_order_sum_alike_and_any_change_of_a_row_changes_the_sum() {
        jdbc.execute((ConnectionCallback<Void>) c -> {
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TEMP TABLE checksum_a " + SHAPE);
                st.execute("CREATE TEMP TABLE checksum_b " + SHAPE);
                st.execute("INSERT INTO checksum_a VALUES " + ROWS);
                st.execute("INSERT INTO checksum_b VALUES " + ROWS_OTHER_ORDER);
                String[] a = checksum(c, "checksum_a");
                assertThat(a[0]).isEqualTo("3");
                assertThat(checksum(c, "checksum_b")).containsExactly(a);

                st.execute("UPDATE checksum_b SET version = 8 WHERE id = 'r3'");
                assertThat(checksum(c, "checksum_b")[1]).as("a changed value").isNotEqualTo(a[1]);
                st.execute("UPDATE checksum_b SET version = 7 WHERE id = 'r3'");
                assertThat(checksum(c, "checksum_b")).containsExactly(a);

                st.execute("UPDATE checksum_b SET note = 'y' WHERE id = 'r1'");
                assertThat(checksum(c, "checksum_b")[1]).as("a null that became a value").isNotEqualTo(a[1]);
                st.execute("UPDATE checksum_b SET note = NULL WHERE id = 'r1'");

                st.execute("UPDATE checksum_b SET title = CASE id WHEN 'r1' THEN 'Open Data' ELSE "
                        + "'Digitale Verwaltung' END WHERE id IN ('r1', 'r2')");
                assertThat(checksum(c, "checksum_b")[1]).as("two rows that swapped a value").isNotEqualTo(a[1]);
                st.execute("DELETE FROM checksum_b");
                st.execute("INSERT INTO checksum_b VALUES " + ROWS);

                st.execute("DELETE FROM checksum_b WHERE id = 'r2'");
                String[] missing = checksum(c, "checksum_b");
                assertThat(missing[0]).isEqualTo("2");
                assertThat(missing[1]).as("a missing row").isNotEqualTo(a[1]);

                st.execute("INSERT INTO checksum_b VALUES ('r2', 'Open Data', 1, '2032-04-19T11:00:00Z', '{}', 'x'), "
                        + "('r4', 'Cloud', 1, '2032-04-21T08:00:00Z', '{}', NULL)");
                assertThat(checksum(c, "checksum_b")[1]).as("an extra row").isNotEqualTo(a[1]);

                st.execute("CREATE TEMP TABLE checksum_empty " + SHAPE);
                assertThat(checksum(c, "checksum_empty")).containsExactly("0", "0");
                st.execute("DROP TABLE checksum_a, checksum_b, checksum_empty");
            }
            return null;
        });
    }

    private static String[] checksum(Connection c, String table) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(ProjectionAdmin.checksumQuery(table))) {
            rs.next();
            return new String[]{rs.getString(1), rs.getString(2)};
        }
    }
}
