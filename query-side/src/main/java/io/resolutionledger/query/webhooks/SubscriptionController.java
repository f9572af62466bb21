package io.resolutionledger.query.webhooks;

import io.resolutionledger.api.error.ErrorCode;
import io.resolutionledger.api.error.LedgerRefusedException;
import io.resolutionledger.api.value.Identifiers;
import io.resolutionledger.query.web.InvalidParameterException;
import io.resolutionledger.query.web.Page;
import io.resolutionledger.query.web.Paging;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What became of a subscription's deliveries: every attempt and its outcome, for the subscription's owner only. */
@RestController
@RequestMapping(path = "/api/subscriptions", produces = MediaType.APPLICATION_JSON_VALUE)
@Transactional(readOnly = true)
public class SubscriptionController {

    private final NamedParameterJdbcTemplate jdbc;

    public SubscriptionController(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** One attempt: when, the HTTP status (none when no answer came), the error. */
    public record AttemptView(int attempt, Instant at, Integer status, String error) {
    }

    /** One delivery of one event to the subscription, newest first. */
    public record DeliveryView(String webhookId, String eventType, String state, int attempts, Instant createdAt,
                               Instant nextAttemptAt, Instant settledAt, List<AttemptView> history) {
    }

    @Operation(summary = "The deliveries of a subscription and every attempt (its owner: the delegation, or admin)")
    @GetMapping("/{id}/deliveries")
    public Page<DeliveryView> deliveries(@PathVariable String id, @RequestParam(required = false) Integer page,
                                         @RequestParam(required = false) Integer size,
                                         Authentication authentication) {
        if (!Identifiers.isValid(id)) {
            throw InvalidParameterException.of("id", "is not a subscription id");
        }
        List<String> owners = jdbc.queryForList("SELECT owner FROM ledger_read.webhook_subscription"
                + " WHERE subscription_id = :id", new MapSqlParameterSource("id", id), String.class);
        // someone else's subscription does not exist for the caller (its existence is the owner's business)
        if (owners.isEmpty() || !owns(authentication, owners.get(0))) {
            throw new LedgerRefusedException(ErrorCode.SUBSCRIPTION_NOT_FOUND, "no subscription " + id);
        }
        Paging paging = Paging.of(page, size);
        MapSqlParameterSource p = new MapSqlParameterSource("id", id).addValue("limit", paging.size())
                .addValue("offset", paging.offset());
        Long total = jdbc.queryForObject("SELECT count(*) FROM ledger_read.webhook_delivery WHERE subscription_id = :id",
                p, Long.class);
        Map<String, DeliveryView> byEvent = new LinkedHashMap<>();
        jdbc.query("""
                SELECT * FROM ledger_read.webhook_delivery WHERE subscription_id = :id
                ORDER BY created_at DESC, event_id LIMIT :limit OFFSET :offset
                """, p, rs -> {
            byEvent.put(rs.getString("event_id"), new DeliveryView(rs.getString("webhook_id"),
                    rs.getString("event_type"), rs.getString("state"), rs.getInt("attempts"),
                    instant(rs, "created_at"), "PENDING".equals(rs.getString("state"))
                    ? instant(rs, "next_attempt_at") : null, instant(rs, "settled_at"), new ArrayList<>()));
        });
        if (!byEvent.isEmpty()) {
            jdbc.query("""
                    SELECT * FROM ledger_read.webhook_attempt WHERE subscription_id = :id AND event_id IN (:events)
                    ORDER BY attempt
                    """, new MapSqlParameterSource("id", id).addValue("events", byEvent.keySet()), rs -> {
                byEvent.get(rs.getString("event_id")).history().add(new AttemptView(rs.getInt("attempt"),
                        instant(rs, "attempted_at"), (Integer) rs.getObject("status_code"), rs.getString("error")));
            });
        }
        return new Page<>(List.copyOf(byEvent.values()), paging.page(), paging.size(), total == null ? 0 : total);
    }

    private static boolean owns(Authentication authentication, String owner) {
        if (!(authentication instanceof JwtAuthenticationToken jwt) || !jwt.isAuthenticated()) {
            return false;
        }
        String delegation = jwt.getToken().getClaimAsString("delegation");
        if (delegation != null && !delegation.isBlank()) {
            return delegation.equals(owner);
        }
        return "admin".equals(owner) && jwt.getAuthorities().stream()
                .anyMatch(a -> "ROLE_ADMIN".equals(a.getAuthority()));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
