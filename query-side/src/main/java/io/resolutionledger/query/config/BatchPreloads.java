package io.resolutionledger.query.config;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The rows by resolution that the read models of one processor load when a batch starts, read together: one round
 * trip to PostgreSQL for all their tables instead of one per table.
 * <p>
 * Each read model of the read-models group that keeps a row per resolution (the resolution, its agenda item, its
 * figures) loads, when its part of a batch starts, the rows of the resolutions the batch changes but does not create
 * ({@link Batches#existingIds}), the same ids for each. Asked one by one, that was three queries in a row per batch,
 * each a wait for PostgreSQL and for the CPU back, on the live path (BENCHMARKS.md, thirteenth session). Now the
 * first table asked in a unit of work reads the rows of every table registered here for those ids with one prepared
 * statement holding one {@code SELECT} per table, which pgjdbc sends in one round trip (one {@code Sync}) and answers
 * as one result set per table; the other tables take theirs from the unit of work. A table asked for other ids (a
 * row met outside the batch's start), a second time in one unit of work, or outside a unit of work reads alone.
 * <p>
 * The statements run on the unit of work's transaction (the processor's), so what they read is what the batch's
 * transaction sees, as before.
 */
public final class BatchPreloads {

    private final JdbcTemplate jdbc;
    private final List<Table<?>> tables = new CopyOnWriteArrayList<>();
    /**
     * What each running unit of work (by identity; one per segment's work package) has read, until it ends. Not a
     * resource of the unit of work: a projection asks while {@link Batches#with} creates its own resource, inside the
     * unit of work's {@code computeIfAbsent} on its resources, which must not be changed meanwhile.
     */
    private final Map<UnitOfWork<?>, Loaded> loading = new ConcurrentHashMap<>();

    public BatchPreloads(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Registers {@code table} (keyed by its {@code resolution_id} column): {@code mapper} maps a row, {@code absent}
     * stands for an id without one.
     */
    public <E> Table<E> table(String table, RowMapper<E> mapper, Supplier<E> absent) {
        Table<E> t = new Table<>(table, mapper, absent);
        tables.add(t);
        return t;
    }

    /** One registered table. */
    public final class Table<E> {
        private final String name;
        private final RowMapper<E> mapper;
        private final Supplier<E> absent;

        private Table(String name, RowMapper<E> mapper, Supplier<E> absent) {
            this.name = name;
            this.mapper = mapper;
            this.absent = absent;
        }

        /** The rows of {@code ids} (every id present; one without a row maps to {@code absent}), in the ids' order. */
        @SuppressWarnings("unchecked")
        public Map<String, E> rows(List<String> ids) {
            if (ids.isEmpty()) {
                return new LinkedHashMap<>();
            }
            if (!CurrentUnitOfWork.isStarted() || tables.size() == 1) {
                return (Map<String, E>) read(List.of(this), ids).get(this);
            }
            UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
            Loaded loaded = loading.get(unitOfWork);
            if (loaded == null) {
                loaded = new Loaded(List.copyOf(ids), read(tables, ids));
                loading.put(unitOfWork, loaded);
                unitOfWork.onCleanup(u -> loading.remove(unitOfWork));
            }
            Map<String, ?> mine = loaded.ids.equals(ids) ? loaded.rows.remove(this) : null;
            return mine != null ? (Map<String, E>) mine : (Map<String, E>) read(List.of(this), ids).get(this);
        }
    }

    /** What the first table asked in a unit of work read for all of them, until each takes its own. */
    private record Loaded(List<String> ids, Map<Table<?>, Map<String, ?>> rows) {
    }

    /** The rows of {@code ids} in each of {@code which}, with one statement per table sent in one round trip. */
    private Map<Table<?>, Map<String, ?>> read(List<Table<?>> which, List<String> ids) {
        String sql = which.stream().map(t -> "SELECT * FROM " + t.name + " WHERE resolution_id = ANY(?)")
                .collect(Collectors.joining(";\n"));
        return jdbc.execute((ConnectionCallback<Map<Table<?>, Map<String, ?>>>) connection -> {
            Map<Table<?>, Map<String, ?>> all = new IdentityHashMap<>();
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                Array array = connection.createArrayOf("varchar", ids.toArray());
                for (int i = 1; i <= which.size(); i++) {
                    statement.setArray(i, array);
                }
                boolean result = statement.execute();
                for (Table<?> table : which) {
                    if (!result) {
                        throw new IllegalStateException("no rows of " + table.name + " in the answer to " + sql);
                    }
                    all.put(table, map(table, statement.getResultSet(), ids));
                    result = statement.getMoreResults();
                }
            }
            return all;
        });
    }

    private static <E> Map<String, E> map(Table<E> table, ResultSet rs, List<String> ids) throws java.sql.SQLException {
        Map<String, E> rows = new LinkedHashMap<>();
        try (rs) {
            while (rs.next()) {
                rows.put(rs.getString("resolution_id"), table.mapper.mapRow(rs, rows.size()));
            }
        }
        Map<String, E> ordered = new LinkedHashMap<>();
        for (String id : ids) {
            E row = rows.get(id);
            ordered.put(id, row != null ? row : table.absent.get());
        }
        return ordered;
    }
}
