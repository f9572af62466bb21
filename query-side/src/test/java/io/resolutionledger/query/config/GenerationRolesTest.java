package io.resolutionledger.query.config;

import io.resolutionledger.testkit.DatabaseRoles;
import io.resolutionledger.testkit.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A rebuild's switch needs no DDL: with the roles of deploy/db/ledger-roles.psql and the read schema migrated by its
 * owner, the query side's role switches the views to the other generation with one UPDATE (and fills and empties a
 * generation's tables), but PostgreSQL refuses it (42501) any change to a view, a table or the schema, and the pointer
 * accepts only the two generations that exist.
 */
class GenerationRolesTest {

    private static final String INSUFFICIENT_PRIVILEGE = "42501";
    private static final String CHECK_VIOLATION = "23514";
    private static TestDatabase.Database database;

    @BeforeAll
    static void setUpRolesAndMigrateAsTheOwner() throws Exception {
        database = TestDatabase.newDatabase();
        try (Connection c = DriverManager.getConnection(database.url(), database.user(), database.password())) {
            DatabaseRoles.applyOnSharedServer(c, Path.of("..", "deploy", "db", "ledger-roles.psql"), "owner-secret",
                    "command-secret", "query-secret", "web-secret");
        }
        Flyway.configure().dataSource(database.url(), "ledger_owner", "owner-secret")
                .schemas("ledger_read").defaultSchema("ledger_read").createSchemas(true)
                .locations("classpath:db/read").table("flyway_history_read").load().migrate();
    }

    @Test
    void the_query_role_switches_generations_with_one_update_and_can_change_no_view_or_table() throws Exception {
        try (Connection c = DriverManager.getConnection(database.url(), "ledger_query", "query-secret");
             Statement st = c.createStatement()) {
            // what a rebuild does: fill the inactive generation (its reset empties it first) ...
            st.execute("DELETE FROM ledger_read.conference_b");
            st.execute("INSERT INTO ledger_read.conference_b (conference_id, name, members, guests, established_at) "
                    + "VALUES ('dmk', 'Digitalministerkonferenz', '{DE-BY}', '{}', now())");
            assertThat(count(st, "SELECT count(*) FROM ledger_read.conference")).isZero();
            // ... and switch the readers to it
            st.execute("UPDATE ledger_read.rebuild_generation SET active = 'b', switched_at = now() "
                    + "WHERE group_name = 'read-models'");
            assertThat(count(st, "SELECT count(*) FROM ledger_read.conference")).isEqualTo(1);
            st.execute("UPDATE ledger_read.rebuild_generation SET active = 'a' WHERE group_name = 'read-models'");
            assertThat(count(st, "SELECT count(*) FROM ledger_read.conference")).isZero();
            assertThatCode(() -> st.execute("INSERT INTO ledger_read.rebuild (group_name, generation, state, started_at, "
                    + "head_at_start) VALUES ('read-models', 'b', 'REBUILDING', now(), 0)")).doesNotThrowAnyException();

            assertThatThrownBy(() -> st.execute("UPDATE ledger_read.rebuild_generation SET active = 'c'"))
                    .isInstanceOfSatisfying(SQLException.class,
                            e -> assertThat(e.getSQLState()).isEqualTo(CHECK_VIOLATION));
            for (String forbidden : List.of(
                    "CREATE OR REPLACE VIEW ledger_read.conference AS SELECT * FROM ledger_read.conference_b",
                    "DROP VIEW ledger_read.conference",
                    "ALTER VIEW ledger_read.conference RENAME TO conference_old",
                    "ALTER TABLE ledger_read.conference_b RENAME TO conference_c",
                    "ALTER TABLE ledger_read.conference_a ADD COLUMN extra TEXT",
                    "DROP TABLE ledger_read.conference_b",
                    "ALTER TABLE ledger_read.rebuild_generation DROP CONSTRAINT rebuild_generation_active_check",
                    "CREATE TABLE ledger_read.conference_c (LIKE ledger_read.conference_a)",
                    "CREATE FUNCTION ledger_read.active() RETURNS text LANGUAGE sql AS 'SELECT ''b'''")) {
                assertThatThrownBy(() -> st.execute(forbidden)).as(forbidden)
                        .isInstanceOfSatisfying(SQLException.class,
                                e -> assertThat(e.getSQLState()).isEqualTo(INSUFFICIENT_PRIVILEGE));
            }
        }
    }

    private static long count(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
