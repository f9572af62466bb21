package io.resolutionledger.query.webhooks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.resolutionledger.api.event.*;
import io.resolutionledger.api.json.LedgerJson;
import io.resolutionledger.query.config.Batches;
import io.resolutionledger.query.config.Projections;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The webhooks' processing group: follows the event log in its global order (one segment) and keeps its position
 * like a projection. It keeps the subscriptions as of each event, and enqueues one delivery per event for every
 * active subscription that names the event's type and whose owner may read it, in the transaction that stores the
 * token: each event is enqueued once, and {@link WebhookSender} sends what is enqueued, at least once. A guest's
 * subscription ({@code reads_unpublished} false) gets sessions, the chair and resolutions once published only.
 * <p>
 * Set-based like the projections ({@link Batches}): a batch reads the active subscriptions once when it starts
 * (and, only if one of them is a guest's, which of the batch's resolutions are already published, with one query),
 * follows the batch's own subscription and publication events in memory, and writes its deliveries with one JDBC
 * batch when its unit of work prepares to commit. Before, every event cost two queries (its subscribers, and whether
 * its resolution was published), most of them finding no subscriber at all.
 */
@Component
@ProcessingGroup(Projections.WEBHOOKS)
public class WebhookOutbox {

    private static final ObjectMapper JSON = LedgerJson.messageMapper();
    private static final String BATCH = WebhookOutbox.class.getName();

    private final NamedParameterJdbcTemplate jdbc;

    public WebhookOutbox(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** An active subscription: the event types it names ({@code *}: all) and whether it may read unpublished. */
    private record Subscription(String id, Set<String> events, boolean readsUnpublished) {

        boolean wants(String type) {
            return events.contains("*") || events.contains(type);
        }
    }

    /** One batch's view: the subscriptions as of its current event, what is published, the deliveries to write. */
    private final class Outbox {
        final Map<String, Subscription> active = new LinkedHashMap<>();
        /** the resolutions known published; {@link #unpublished} those known not to be (when a guest asked) */
        final Set<String> published = new HashSet<>();
        final Set<String> unpublished = new HashSet<>();
        final List<String> newlyPublished = new ArrayList<>();
        final List<MapSqlParameterSource> deliveries = new ArrayList<>();

        Outbox() {
            jdbc.query("SELECT subscription_id, events, reads_unpublished FROM ledger_read.webhook_subscription"
                    + " WHERE active", (RowCallbackHandler) rs -> active.put(rs.getString("subscription_id"),
                    new Subscription(rs.getString("subscription_id"),
                            Set.copyOf(Arrays.asList((String[]) rs.getArray("events").getArray())),
                            rs.getBoolean("reads_unpublished"))));
            if (active.values().stream().anyMatch(s -> !s.readsUnpublished())) {
                known(Batches.aggregateIds(ResolutionEvent.class));
            }
        }

        /** Whether each of {@code ids} is published, read with one query, for the ids not known yet. */
        private void known(List<String> ids) {
            List<String> unknown = ids.stream().filter(id -> !published.contains(id) && !unpublished.contains(id))
                    .toList();
            if (unknown.isEmpty()) {
                return;
            }
            unpublished.addAll(unknown);
            // one statement text whatever the number of ids (an IN list would be a new statement per size)
            jdbc.query("SELECT resolution_id FROM ledger_read.webhook_published WHERE resolution_id = ANY(:ids)",
                    new MapSqlParameterSource("ids", unknown.toArray(String[]::new)), (RowCallbackHandler) rs -> {
                        String id = rs.getString(1);
                        unpublished.remove(id);
                        published.add(id);
                    });
        }

        private boolean isPublic(LedgerEvent event) {
            if (!(event instanceof ResolutionEvent resolution)) {
                return true;
            }
            String id = resolution.resolutionId().value();
            known(List.of(id)); // known already, unless handled outside a batch
            return published.contains(id);
        }

        void handle(LedgerEvent event, EventMessage<?> message) {
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
                active.putIfAbsent(created.subscriptionId(), new Subscription(created.subscriptionId(),
                        Set.copyOf(created.events()), created.readsUnpublished()));
                return;
            }
            if (event instanceof SubscriptionDeleted deleted) {
                jdbc.update("UPDATE ledger_read.webhook_subscription SET active = FALSE WHERE subscription_id = :id",
                        new MapSqlParameterSource("id", deleted.subscriptionId()));
                active.remove(deleted.subscriptionId());
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
            if (event instanceof ResolutionPublished publication) {
                String id = publication.resolutionId().value();
                unpublished.remove(id);
                if (published.add(id)) {
                    newlyPublished.add(id);
                }
            }
            String type = event.getClass().getSimpleName();
            List<Subscription> wanting = active.values().stream().filter(s -> s.wants(type)).toList();
            if (wanting.isEmpty()) {
                return;
            }
            boolean guestsToo = wanting.stream().allMatch(Subscription::readsUnpublished) || isPublic(event);
            List<Subscription> receiving = guestsToo ? wanting
                    : wanting.stream().filter(Subscription::readsUnpublished).toList();
            if (receiving.isEmpty()) {
                return;
            }
            String body = body(type, event);
            Timestamp at = Timestamp.from(message.getTimestamp());
            for (Subscription subscription : receiving) {
                deliveries.add(new MapSqlParameterSource("sub", subscription.id())
                        .addValue("event", message.getIdentifier()).addValue("webhook", "msg_" + message.getIdentifier())
                        .addValue("type", type).addValue("body", body).addValue("at", at));
            }
        }

        void flush() {
            Batches.write(jdbc, "INSERT INTO ledger_read.webhook_published (resolution_id) VALUES (:id)"
                    + " ON CONFLICT DO NOTHING", newlyPublished.stream().map(id -> new MapSqlParameterSource("id", id))
                    .toList());
            Batches.write(jdbc, """
                    INSERT INTO ledger_read.webhook_delivery (subscription_id, event_id, webhook_id, event_type, body,
                        state, attempts, next_attempt_at, created_at)
                    VALUES (:sub, :event, :webhook, :type, :body, 'PENDING', 0, now(), :at)
                    ON CONFLICT (subscription_id, event_id) DO NOTHING
                    """, deliveries);
        }
    }

    @EventHandler
    public void on(LedgerEvent event, EventMessage<?> message) {
        Batches.with(BATCH, Outbox::new, Outbox::flush, outbox -> outbox.handle(event, message));
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
