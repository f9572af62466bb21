package io.resolutionledger.query.sessions;

import io.resolutionledger.api.error.ErrorCode;
import io.resolutionledger.api.error.LedgerRefusedException;
import io.resolutionledger.api.value.AgendaItemKind;
import io.resolutionledger.api.value.ResolutionStatus;
import io.resolutionledger.api.value.SessionKind;
import io.resolutionledger.api.value.SessionStatus;
import io.resolutionledger.api.value.Tally;
import io.resolutionledger.query.security.Viewer;
import io.resolutionledger.query.web.Page;
import io.resolutionledger.query.web.Paging;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads sessions and their agendas. Anonymous viewers see every session but only published agenda items. */
@Component
@Transactional(readOnly = true)
public class SessionQueries {

    private final NamedParameterJdbcTemplate jdbc;

    public SessionQueries(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * A session. The list shows each session's resolutions as its agenda; one session ({@code GET
     * /api/sessions/{id}}, {@link SessionReads}) shows the agenda items in their order with their outcomes and the
     * attendance, and says at which point of time travel it was read ({@code asOf}, {@code knownAt}).
     */
    public record SessionView(String sessionId, String conferenceId, int number, SessionKind kind, LocalDate date,
                              String place, SessionStatus status, Instant openedAt, Instant closedAt,
                              List<AgendaItem> agenda, Map<ResolutionStatus, Integer> outcomes,
                              Attendance attendance, Instant asOf, Instant knownAt) {
    }

    /**
     * An agenda item (TOP): {@code itemId}, {@code number}, {@code kind}, {@code title}, {@code presenter} as the
     * chair put it on the agenda (none for a resolution proposed for the session but not on its agenda), and for a
     * resolution its {@code resolutionId}, {@code sponsor}, {@code status}, {@code tally}; {@code outcome} once the
     * session closed.
     */
    public record AgendaItem(String itemId, Integer number, AgendaItemKind kind, String title, String resolutionId,
                             String presenter, String outcome, String sponsor, ResolutionStatus status,
                             Tally tally) {

        static AgendaItem resolution(String resolutionId, String title, String sponsor, ResolutionStatus status,
                                     Tally tally) {
            return new AgendaItem(null, null, AgendaItemKind.RESOLUTION, title, resolutionId, null, null, sponsor,
                    status, tally);
        }
    }

    /** Who was recorded present: the members' codes, and the guests with the name recorded. */
    public record Attendance(List<String> members, List<Guest> guests) {
    }

    public record Guest(String guest, String name) {
    }

    public Page<SessionView> find(Paging paging, Viewer viewer) {
        Long total = jdbc.getJdbcTemplate().queryForObject("SELECT count(*) FROM ledger_read.session", Long.class);
        List<SessionView> items = jdbc.query("""
                SELECT * FROM ledger_read.session ORDER BY date DESC, session_id DESC LIMIT :limit OFFSET :offset
                """, new MapSqlParameterSource("limit", paging.size()).addValue("offset", paging.offset()),
                (rs, n) -> session(rs, viewer));
        return new Page<>(items, paging.page(), paging.size(), total == null ? 0 : total);
    }

    public SessionView get(String id, Viewer viewer) {
        return jdbc.query("SELECT * FROM ledger_read.session WHERE session_id = :id",
                        new MapSqlParameterSource("id", id), (rs, n) -> session(rs, viewer)).stream().findFirst()
                .orElseThrow(() -> new LedgerRefusedException(ErrorCode.SESSION_NOT_FOUND, "no session " + id));
    }

    /** The resolutions the read model files under a session (proposed for it, or transferred to it). */
    public List<String> resolutionsOf(String sessionId) {
        return jdbc.queryForList("SELECT resolution_id FROM ledger_read.session_agenda_item WHERE session_id = :id "
                + "ORDER BY proposed_at, resolution_id", new MapSqlParameterSource("id", sessionId), String.class);
    }

    /** The session a resolution was proposed for, if known. */
    public Optional<String> sessionOfResolution(String resolutionId) {
        return jdbc.queryForList("SELECT session_id FROM ledger_read.session_agenda_item WHERE resolution_id = :id",
                new MapSqlParameterSource("id", resolutionId), String.class).stream().findFirst();
    }

    private SessionView session(ResultSet rs, Viewer viewer) throws SQLException {
        String id = rs.getString("session_id");
        List<AgendaItem> all = jdbc.query("""
                SELECT * FROM ledger_read.session_agenda_item WHERE session_id = :id
                ORDER BY proposed_at, resolution_id
                """, new MapSqlParameterSource("id", id), (item, n) -> AgendaItem.resolution(item.getString("resolution_id"),
                item.getString("title"), item.getString("sponsor"), ResolutionStatus.valueOf(item.getString("status")),
                item.getObject("tally_yes") == null ? null : new Tally(item.getInt("tally_yes"),
                        item.getInt("tally_no"), item.getInt("tally_abstain"))));
        Map<ResolutionStatus, Integer> outcomes = new EnumMap<>(ResolutionStatus.class);
        all.forEach(item -> outcomes.merge(item.status(), 1, Integer::sum));
        List<AgendaItem> agenda = viewer.member() ? all
                : all.stream().filter(i -> i.status() == ResolutionStatus.PUBLISHED).toList();
        return new SessionView(id, rs.getString("conference_id"), rs.getInt("number"),
                SessionKind.valueOf(rs.getString("kind")), rs.getDate("date").toLocalDate(), rs.getString("place"),
                SessionStatus.valueOf(rs.getString("status")), instant(rs, "opened_at"), instant(rs, "closed_at"),
                agenda, outcomes, null, null, null);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
