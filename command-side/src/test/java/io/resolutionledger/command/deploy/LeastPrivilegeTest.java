package io.resolutionledger.command.deploy;

import io.resolutionledger.testkit.DatabaseRoles;
import io.resolutionledger.testkit.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The database roles of deploy/db/ledger-roles.psql (the very file compose's postgres runs), set up on a fresh database
 * and migrated as the owner the way the services do: PostgreSQL itself refuses the command side's role any change to
 * a stored event and the query side's role any write to the event store (SQL state 42501, insufficient privilege),
 * while what each service needs still works.
 */
class LeastPrivilegeTest {

    private static final String INSUFFICIENT_PRIVILEGE = "42501";
    private static TestDatabase.Database database;

    @BeforeAll
    static void setUpRolesAndMigrateAsTheOwner() throws Exception {
        database = TestDatabase.newDatabase();
        try (Connection c = DriverManager.getConnection(database.url(), database.user(), database.password())) {
            DatabaseRoles.applyOnSharedServer(c, Path.of("..", "deploy", "db", "ledger-roles.psql"), "owner-secret",
                    "command-secret", "query-secret", "web-secret");
        }
        Flyway.configure().dataSource(database.url(), "ledger_owner", "owner-secret")
                .schemas("ledger_write").defaultSchema("ledger_write").createSchemas(true)
                .locations("classpath:db/write").table("flyway_history_write").load().migrate();
    }

    private static Connection as(String role, String password) throws SQLException {
        return DriverManager.getConnection(database.url(), role, password);
    }

    private static final String APPEND = "INSERT INTO ledger_write.domain_event_entry (event_identifier, "
            + "aggregate_identifier, sequence_number, type, time_stamp, payload_type, payload_revision, payload) "
            + "VALUES ('%s', 'agg-1', %d, 'Resolution', '2024-04-19T10:00:00Z', 'x.Proposed', '1', '\\x7b7d')";

    @Test
    void the_command_side_may_append_and_read_events_but_never_change_or_remove_one() throws Exception {
        try (Connection c = as("ledger_command", "command-secret"); Statement st = c.createStatement()) {
            st.execute(APPEND.formatted("e-1", 0));
            st.execute(APPEND.formatted("e-2", 1));
            try (var rs = st.executeQuery("SELECT count(*) FROM ledger_write.domain_event_entry")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(2);
            }
            for (String forbidden : List.of(
                    "UPDATE ledger_write.domain_event_entry SET payload = '\\x5b5d' WHERE event_identifier = 'e-1'",
                    "DELETE FROM ledger_write.domain_event_entry WHERE event_identifier = 'e-2'",
                    "TRUNCATE ledger_write.domain_event_entry",
                    "UPDATE ledger_write.idempotency_record SET result_json = '{}'",
                    "ALTER TABLE ledger_write.domain_event_entry DROP CONSTRAINT domain_event_entry_aggregate_sequence_key",
                    "CREATE TABLE ledger_write.shadow (id int)")) {
                assertThatThrownBy(() -> st.execute(forbidden)).as(forbidden)
                        .isInstanceOfSatisfying(SQLException.class,
                                e -> assertThat(e.getSQLState()).isEqualTo(INSUFFICIENT_PRIVILEGE));
            }
            // what it needs besides appending: replacing snapshots and sweeping expired idempotency records
            assertThatCode(() -> st.execute("DELETE FROM ledger_write.snapshot_event_entry WHERE aggregate_identifier = 'agg-1'"))
                    .doesNotThrowAnyException();
            assertThatCode(() -> st.execute("DELETE FROM ledger_write.idempotency_record WHERE created_at < now() - interval '1 day'"))
                    .doesNotThrowAnyException();
            // pseudonym keys: created on first use, erased on request (security.Pseudonyms)
            assertThatCode(() -> st.execute("INSERT INTO ledger_keys.person_key (subject, hmac_key) VALUES ('p', "
                    + "'\\x" + "00".repeat(32) + "')")).doesNotThrowAnyException();
            assertThatCode(() -> st.execute("DELETE FROM ledger_keys.person_key WHERE subject = 'p'"))
                    .doesNotThrowAnyException();
            // and running the durable deadlines of written procedures: Quartz's clustered job store locks and updates
            // its own rows
            assertThatCode(() -> st.executeQuery("SELECT * FROM ledger_write.qrtz_locks WHERE sched_name = 's' FOR UPDATE").close())
                    .doesNotThrowAnyException();
            assertThatCode(() -> st.execute("UPDATE ledger_write.qrtz_triggers SET trigger_state = 'WAITING' WHERE sched_name = 's'"))
                    .doesNotThrowAnyException();
            assertThatCode(() -> st.execute("DELETE FROM ledger_write.qrtz_fired_triggers WHERE sched_name = 's'"))
                    .doesNotThrowAnyException();
        }
    }

    @Test
    void the_query_side_may_read_the_event_store_and_nothing_more() throws Exception {
        try (Connection c = as("ledger_query", "query-secret"); Statement st = c.createStatement()) {
            assertThatCode(() -> st.executeQuery("SELECT count(*) FROM ledger_write.domain_event_entry").close())
                    .doesNotThrowAnyException();
            for (String forbidden : List.of(
                    APPEND.formatted("q-1", 99),
                    "UPDATE ledger_write.domain_event_entry SET type = 'x'",
                    "DELETE FROM ledger_write.domain_event_entry",
                    "TRUNCATE ledger_write.domain_event_entry",
                    "INSERT INTO ledger_write.idempotency_record (caller, idempotency_key, request_hash) VALUES ('a', 'b', 'c')",
                    "DELETE FROM ledger_write.snapshot_event_entry",
                    // the persons' pseudonym keys are the command side's alone
                    "SELECT count(*) FROM ledger_keys.person_key")) {
                assertThatThrownBy(() -> st.execute(forbidden)).as(forbidden)
                        .isInstanceOfSatisfying(SQLException.class,
                                e -> assertThat(e.getSQLState()).isEqualTo(INSUFFICIENT_PRIVILEGE));
            }
        }
    }

    @Test
    void neither_service_role_is_a_superuser_nor_may_create_roles_or_databases() throws Exception {
        try (Connection c = DriverManager.getConnection(database.url(), database.user(), database.password());
             Statement st = c.createStatement();
             var rs = st.executeQuery("SELECT count(*) FROM pg_roles WHERE rolname IN "
                     + "('ledger_owner', 'ledger_command', 'ledger_query') AND NOT rolsuper AND NOT rolcreaterole "
                     + "AND NOT rolcreatedb")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(3);
        }
    }
}
