package io.resolutionledger.query.chair;

import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/**
 * The chair: every hand-over in order, and who held it on a given day (the hand-over in force then: the latest
 * whose effective date is not after that day). Public.
 */
@RestController
@RequestMapping("/api/chair")
@Transactional(readOnly = true)
public class ChairController {

    private final NamedParameterJdbcTemplate jdbc;
    private final ChairHistory history;
    private final Clock clock;

    public ChairController(NamedParameterJdbcTemplate jdbc, ChairHistory history) {
        this.jdbc = jdbc;
        this.history = history;
        this.clock = Clock.systemUTC();
    }

    public record Handover(String conferenceId, int year, List<String> from, List<String> to,
                           LocalDate effectiveFrom, String actor) {
    }

    /** Who held the chair on a day: one or two holders, none before the first hand-over. */
    public record ChairOnDay(LocalDate on, List<String> holders, Integer year, LocalDate since) {
    }

    @GetMapping("/handovers")
    public List<Handover> handovers() {
        return jdbc.query("""
                SELECT * FROM ledger_read.chair_handover ORDER BY effective_from, conference_id, sequence_number
                """, (rs, n) -> handover(rs));
    }

    /** Folded from the hand-over events in the event store (see {@link ChairHistory}), for any day. */
    @GetMapping
    public ChairOnDay on(@RequestParam(required = false) LocalDate on) {
        return history.on(on == null ? LocalDate.now(clock) : on);
    }

    private static Handover handover(ResultSet rs) throws SQLException {
        return new Handover(rs.getString("conference_id"), rs.getInt("year"), strings(rs.getArray("from_holders")),
                strings(rs.getArray("to_holders")), rs.getDate("effective_from").toLocalDate(), rs.getString("actor"));
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
