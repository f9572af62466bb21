package io.resolutionledger.query.resolutions;

import io.resolutionledger.api.event.ResolutionAdopted;
import io.resolutionledger.api.event.ResolutionPublished;
import io.resolutionledger.api.value.ResolutionStatus;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The hash chain links of a resolution's adoption and publication events. Whoever holds a published resolution with
 * its proof can later ask {@code /api/audit/verify} (or recompute the chain from an export) and check that the
 * history up to that link was not rewritten: the link commits to every event before it.
 */
@Component
@Transactional(readOnly = true)
public class LedgerProofs {

    private final NamedParameterJdbcTemplate jdbc;

    public LedgerProofs(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One event's place in the chain; {@code position} and {@code link} are null while the integrity processor has
     * not chained it yet.
     */
    public record Link(long globalIndex, String eventIdentifier, Long position, String link) {
    }

    /** The adoption's and the publication's links (each null when that event did not happen yet). */
    public record LedgerProof(Link adoption, Link publication) {
    }

    /** The proof of a resolution in {@code status}: null unless it was adopted. */
    public LedgerProof of(String resolutionId, ResolutionStatus status) {
        if (status != ResolutionStatus.ADOPTED && status != ResolutionStatus.PUBLISHED) {
            return null;
        }
        Link[] links = new Link[2];
        jdbc.query("""
                SELECT e.payload_type, e.global_index, e.event_identifier, c.position, c.link
                FROM ledger_write.domain_event_entry e
                LEFT JOIN ledger_read.hash_chain c ON c.event_identifier = e.event_identifier
                WHERE e.aggregate_identifier = :id AND e.payload_type IN (:adopted, :published)
                ORDER BY e.sequence_number
                """, new MapSqlParameterSource("id", resolutionId)
                .addValue("adopted", ResolutionAdopted.class.getName())
                .addValue("published", ResolutionPublished.class.getName()), rs -> {
            Link link = new Link(rs.getLong("global_index"), rs.getString("event_identifier"),
                    (Long) rs.getObject("position"), rs.getString("link"));
            int slot = ResolutionAdopted.class.getName().equals(rs.getString("payload_type")) ? 0 : 1;
            if (links[slot] == null) {
                links[slot] = link;
            }
        });
        return new LedgerProof(links[0], status == ResolutionStatus.PUBLISHED ? links[1] : null);
    }
}
