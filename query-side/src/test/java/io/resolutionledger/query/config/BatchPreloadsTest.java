package io.resolutionledger.query.config;

import io.resolutionledger.testkit.TestDatabase;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rows a batch starts with, on the real database: the first table asked in a unit of work reads every
 * registered table's rows for those ids with one statement (the others' rows are those of that moment, shown by a
 * row inserted afterwards that they do not see), absent ids map to the placeholder, and a table asked for other ids,
 * a second time, or outside a unit of work reads what is there now.
 */
class BatchPreloadsTest {

    private static JdbcTemplate jdbc;

    @BeforeAll
    static void tables() {
        TestDatabase.Database database = TestDatabase.newDatabase();
        jdbc = new JdbcTemplate(new DriverManagerDataSource(database.url(), database.user(), database.password()));
        jdbc.execute("CREATE TABLE preload_a (resolution_id varchar PRIMARY KEY, n int NOT NULL)");
        jdbc.execute("CREATE TABLE preload_b (resolution_id varchar PRIMARY KEY, label text NOT NULL)");
        jdbc.execute("INSERT INTO preload_a VALUES ('r1', 1), ('r2', 2)");
        jdbc.execute("INSERT INTO preload_b VALUES ('r2', 'two')");
    }

    @AfterEach
    void noUnitOfWorkLeft() {
        assertThat(org.axonframework.messaging.unitofwork.CurrentUnitOfWork.isStarted()).isFalse();
    }

    private final AtomicInteger mappedA = new AtomicInteger();
    private final BatchPreloads preloads = new BatchPreloads(jdbc);
    private final BatchPreloads.Table<Integer> a = preloads.table("preload_a", (rs, i) -> {
        mappedA.incrementAndGet();
        return rs.getInt("n");
    }, () -> -1);
    private final BatchPreloads.Table<String> b = preloads.table("preload_b", (rs, i) -> rs.getString("label"), () -> "none");

    @Test
    void the_first_table_asked_in_a_batch_reads_the_rows_of_all_and_the_others_take_theirs() {
        inUnitOfWork(() -> {
            assertThat(a.rows(List.of("r1", "r2", "r3"))).containsExactly(Map.entry("r1", 1), Map.entry("r2", 2),
                    Map.entry("r3", -1));
            // written after the batch started: the preloaded rows are those of the start
            jdbc.update("INSERT INTO preload_b VALUES ('r3', 'three')");
            try {
                assertThat(b.rows(List.of("r1", "r2", "r3"))).containsExactly(Map.entry("r1", "none"),
                        Map.entry("r2", "two"), Map.entry("r3", "none"));
                // asked again, or for other ids: read now
                assertThat(b.rows(List.of("r1", "r2", "r3"))).containsEntry("r3", "three");
                assertThat(b.rows(List.of("r3"))).containsExactly(Map.entry("r3", "three"));
            } finally {
                jdbc.update("DELETE FROM preload_b WHERE resolution_id = 'r3'");
            }
        });
        assertThat(mappedA.get()).isEqualTo(2);
    }

    @Test
    void a_projection_asks_while_its_batch_is_created_and_the_batch_ends_with_its_unit_of_work() {
        inUnitOfWork(() -> {
            // as a projection's first event of a batch does: its batch (a resource of the unit of work) is made of
            // the preloaded rows
            Batches.with("a", () -> a.rows(List.of("r1", "r2")), rows -> { }, rows -> assertThat(rows).containsEntry("r1", 1));
            Batches.with("b", () -> b.rows(List.of("r1", "r2")), rows -> { }, rows -> assertThat(rows).containsEntry("r2", "two"));
        });
        assertThat(mappedA.get()).isEqualTo(2);
        inUnitOfWork(() -> assertThat(b.rows(List.of("r1", "r2"))).containsEntry("r2", "two"));
        assertThat(mappedA.get()).as("read again in the next unit of work").isEqualTo(4);
    }

    @Test
    void outside_a_batch_or_without_ids_each_table_reads_alone() {
        assertThat(b.rows(List.of("r2"))).containsExactly(Map.entry("r2", "two"));
        assertThat(mappedA.get()).isZero();
        assertThat(a.rows(List.of())).isEmpty();
        inUnitOfWork(() -> assertThat(b.rows(List.of())).isEmpty());
        assertThat(mappedA.get()).isZero();
    }

    @Test
    void each_unit_of_work_reads_afresh() {
        inUnitOfWork(() -> assertThat(b.rows(List.of("r2"))).containsEntry("r2", "two"));
        jdbc.update("UPDATE preload_b SET label = 'zwei' WHERE resolution_id = 'r2'");
        try {
            inUnitOfWork(() -> assertThat(b.rows(List.of("r2"))).containsEntry("r2", "zwei"));
        } finally {
            jdbc.update("UPDATE preload_b SET label = 'two' WHERE resolution_id = 'r2'");
        }
    }

    private static void inUnitOfWork(Runnable work) {
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("batch"));
        try {
            work.run();
            unitOfWork.commit();
        } catch (RuntimeException | Error e) {
            unitOfWork.rollback(e);
            throw e;
        }
    }
}
