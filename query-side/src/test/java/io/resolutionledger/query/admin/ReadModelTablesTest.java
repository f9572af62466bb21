package io.resolutionledger.query.admin;

import io.resolutionledger.query.support.QuerySideTest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two generations of the read-models tables are what the rebuild compares: the same columns in the same order
 * (a row's text is compared), the key the checksum orders by is each table's primary key, each plain name is a view,
 * and no generation table is left out of {@link ReadModelTables}.
 */
class ReadModelTablesTest extends QuerySideTest {

    @Test
    void each_table_exists_in_both_generations_alike_behind_a_view_and_is_compared() {
        for (ReadModelTables.Table table : ReadModelTables.ALL) {
            List<String> a = columns(table.name() + "_a");
            assertThat(a).as(table.name()).isNotEmpty();
            assertThat(columns(table.name() + "_b")).as(table.name()).isEqualTo(a);
            assertThat(columns(table.name())).as(table.name() + " (the view)").isEqualTo(a);
            assertThat(jdbc.queryForObject("SELECT table_type FROM information_schema.tables "
                    + "WHERE table_schema = 'ledger_read' AND table_name = ?", String.class, table.name()))
                    .isEqualTo("VIEW");
            assertThat(String.join(", ", primaryKey(table.name() + "_a"))).as(table.name()).isEqualTo(table.key());
            assertThat(primaryKey(table.name() + "_b")).isEqualTo(primaryKey(table.name() + "_a"));
        }
        List<String> generationTables = jdbc.queryForList("SELECT regexp_replace(table_name, '_[ab]$', '') "
                + "FROM information_schema.tables WHERE table_schema = 'ledger_read' AND table_type = 'BASE TABLE' "
                + "AND table_name ~ '_[ab]$' GROUP BY 1 HAVING count(*) = 2 ORDER BY 1", String.class);
        assertThat(generationTables).containsExactlyInAnyOrderElementsOf(
                ReadModelTables.ALL.stream().map(ReadModelTables.Table::name).toList());
    }

    @Test
    void a_read_through_a_view_uses_the_active_generations_index_and_never_scans_the_other() {
        String plan = String.join("\n", jdbc.queryForList("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) "
                + "SELECT * FROM ledger_read.resolution WHERE resolution_id = 'r-none'", String.class));
        String active = generations.refresh().active().suffix();
        String idle = generations.active().other().suffix();
        assertThat(plan).contains("One-Time Filter")
                .containsPattern("Index (Only )?Scan using \\S+ on resolution_" + active + "\\b");
        // the idle generation's branch is cut off before it runs
        assertThat(plan.lines().filter(l -> l.contains(" on resolution_" + idle)).toList())
                .isNotEmpty().allMatch(l -> l.contains("never executed"));
    }

    private List<String> columns(String table) {
        return jdbc.queryForList("SELECT column_name || ' ' || data_type FROM information_schema.columns "
                + "WHERE table_schema = 'ledger_read' AND table_name = ? ORDER BY ordinal_position", String.class, table);
    }

    private List<String> primaryKey(String table) {
        return jdbc.queryForList("SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid "
                + "AND a.attnum = ANY(i.indkey) WHERE i.indisprimary AND i.indrelid = ('ledger_read.' || ?)::regclass "
                + "ORDER BY array_position(i.indkey::int2[], a.attnum)", String.class, table);
    }
}
