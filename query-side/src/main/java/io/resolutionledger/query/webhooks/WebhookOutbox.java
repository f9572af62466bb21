package io.resolutionledger.query.webhooks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.resolutionledger.api.event.*;
import io.resolutionledger.api.json.LedgerJson;
import io.resolutionledger.query.config.Projections;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.util.Arrays;
import java.util.List;

/**
 * The webhooks' processing group: follows the event log in its global order (one segment) and keeps its position
 * like a projection. It keeps the subscriptions as of each event, and enqueues one delivery per event for every
 * active subscription that names the event's type and whose owner may read it, in the transaction that stores the
 * token: each event is enqueued once, and {@link WebhookSender} sends what is enqueued, at least once. A guest's
 * subscription ({@code reads_unpublished} false) gets sessions, the chair and resolutions once published only.
 */
@Component
@ProcessingGroup(Projections.WEBHOOKS)
public class WebhookOutbox {

    private static final ObjectMapper JSON = LedgerJson.messageMapper();

    private final NamedParameterJdbcTemplate jdbc;

    public WebhookOutbox(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    public void on(LedgerEvent event, EventMessage<?> message) {
        if (event instanceof SubscriptionCreated created) {
            jdbc.update("""
                    INSERT INTO ledger_read.webhook_subscription (subscription_id, owner, url, events,
                        reads_unpublished, active, created_at)
                    VALUES (:id, :owner, :url, :events, :reads, TRUE, :at)
                    ON CONFLICT (subscription_id) DO NOTHING
                    """, new MapSqlParameterSource("id", created.subscriptionId()).addValue("owner", created.owner())
                    .addValue("url", created.url()).addValue("events", created.events().toArray(String[]::new))
                    .addValue("reads", created.readsUnpublished())
                    .addValue("at", Timestamp.from(created.occurredAt())));
            return;
        }
        if (event instanceof SubscriptionDeleted deleted) {
            jdbc.update("UPDATE ledger_read.webhook_subscription SET active = FALSE WHERE subscription_id = :id",
                    new MapSqlParameterSource("id", deleted.subscriptionId()));
            return;
        }
        if (event instanceof SubscriptionSecretRotated rotated) {
            jdbc.update("""
                    UPDATE ledger_read.webhook_subscription
                    SET secret_generation = :generation, previous_valid_until = :until
                    WHERE subscription_id = :id AND secret_generation < :generation
                    """, new MapSqlParameterSource("id", rotated.subscriptionId())
                    .addValue("generation", rotated.generation())
                    .addValue("until", Timestamp.from(rotated.previousValidUntil())));
            return;
        }
        if (event instanceof ResolutionPublished published) {
            jdbc.update("INSERT INTO ledger_read.webhook_published (resolution_id) VALUES (:id) ON CONFLICT DO NOTHING",
                    new MapSqlParameterSource("id", published.resolutionId().value()));
        }
        String type = event.getClass().getSimpleName();
        boolean isPublic = !(event instanceof ResolutionEvent resolution) || published(resolution);
        List<String> subscribers = jdbc.query("""
                SELECT subscription_id, events FROM ledger_read.webhook_subscription
                WHERE active AND (reads_unpublished OR :public)
                """, new MapSqlParameterSource("public", isPublic), (rs, n) ->
                Arrays.asList((String[]) rs.getArray("events").getArray()).stream()
                        .anyMatch(e -> e.equals("*") || e.equals(type)) ? rs.getString("subscription_id") : null)
                .stream().filter(java.util.Objects::nonNull).toList();
        if (subscribers.isEmpty()) {
            return;
        }
        String body = body(type, event);
        Timestamp now = Timestamp.from(message.getTimestamp());
        MapSqlParameterSource[] rows = subscribers.stream().map(id -> new MapSqlParameterSource("sub", id)
                .addValue("event", message.getIdentifier()).addValue("webhook", "msg_" + message.getIdentifier())
                .addValue("type", type).addValue("body", body).addValue("at", now)).toArray(MapSqlParameterSource[]::new);
        jdbc.batchUpdate("""
                INSERT INTO ledger_read.webhook_delivery (subscription_id, event_id, webhook_id, event_type, body,
                    state, attempts, next_attempt_at, created_at)
                VALUES (:sub, :event, :webhook, :type, :body, 'PENDING', 0, now(), :at)
                ON CONFLICT (subscription_id, event_id) DO NOTHING
                """, rows);
    }

    private boolean published(ResolutionEvent event) {
        Boolean found = jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM ledger_read.webhook_published"
                + " WHERE resolution_id = :id)", new MapSqlParameterSource("id", event.resolutionId().value()),
                Boolean.class);
        return Boolean.TRUE.equals(found);
    }

    /** Standard Webhooks' payload: {@code {type, timestamp, data}}, data the event as stored (with its ids). */
    static String body(String type, LedgerEvent event) {
        ObjectNode body = JSON.createObjectNode();
        body.put("type", type);
        body.put("timestamp", event.occurredAt().toString());
        body.set("data", JSON.valueToTree(event));
        try {
            return JSON.writer().without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
