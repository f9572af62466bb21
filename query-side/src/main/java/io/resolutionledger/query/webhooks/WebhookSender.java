package io.resolutionledger.query.webhooks;

import io.resolutionledger.api.webhooks.StandardWebhooks;
import io.resolutionledger.webhooks.WebhookProperties;
import io.resolutionledger.webhooks.WebhookTargets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Sends the deliveries {@link WebhookOutbox} enqueued, signed as Standard Webhooks prescribe. Each round takes the
 * due ones with {@code FOR UPDATE SKIP LOCKED} (several instances share the work, none sends one twice at once),
 * sends each and records the attempt and its outcome in the same transaction: a delivery whose outcome was not
 * committed (a crash, a stop) is still pending and is sent again: at least once. A failure is retried after the
 * back-off, doubled each time; after the last attempt the delivery is parked, with every attempt visible
 * ({@code GET /api/subscriptions/{id}/deliveries}). Before each request the target's host must still be on the
 * allow-list and resolve to no link-local (metadata) address unless that address itself is on it.
 */
@Component
public class WebhookSender implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookSender.class);
    private static final int ROUND = 20;

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final WebhookProperties properties;
    private final HttpClient client;
    private volatile ScheduledExecutorService executor;

    public WebhookSender(NamedParameterJdbcTemplate jdbc, PlatformTransactionManager transactions,
                         WebhookProperties properties) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactions);
        this.properties = properties;
        this.client = HttpClient.newBuilder().connectTimeout(properties.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    private record Due(String subscriptionId, String eventId, String webhookId, String body, int attempts,
                       String url, int generation, Instant previousValidUntil) {
    }

    /** One round: sends what is due (at most a few), returns how many it sent. */
    public int sendDue() {
        if (!properties.configured()) {
            return 0;
        }
        Integer sent = transactions.execute(tx -> {
            List<Due> due = jdbc.query("""
                    SELECT d.subscription_id, d.event_id, d.webhook_id, d.body, d.attempts, s.url,
                           s.secret_generation, s.previous_valid_until
                    FROM ledger_read.webhook_delivery d
                    JOIN ledger_read.webhook_subscription s ON s.subscription_id = d.subscription_id
                    WHERE d.state = 'PENDING' AND d.next_attempt_at <= now()
                    ORDER BY d.next_attempt_at, d.created_at
                    LIMIT :limit FOR UPDATE OF d SKIP LOCKED
                    """, new MapSqlParameterSource("limit", ROUND), (rs, n) -> new Due(rs.getString("subscription_id"),
                    rs.getString("event_id"), rs.getString("webhook_id"), rs.getString("body"), rs.getInt("attempts"),
                    rs.getString("url"), rs.getInt("secret_generation"),
                    rs.getTimestamp("previous_valid_until") == null ? null
                            : rs.getTimestamp("previous_valid_until").toInstant()));
            due.forEach(this::attempt);
            return due.size();
        });
        return sent == null ? 0 : sent;
    }

    private void attempt(Due d) {
        int attempt = d.attempts() + 1;
        Instant now = Instant.now();
        Integer status = null;
        String error = null;
        try {
            URI target = allowed(d.url());
            long timestamp = now.getEpochSecond();
            // the current secret signs; during a rotation's overlap the previous one signs as well
            List<byte[]> keys = new java.util.ArrayList<>(2);
            keys.add(StandardWebhooks.key(properties.key(), d.subscriptionId(), d.generation()));
            if (d.generation() > 0 && d.previousValidUntil() != null && now.isBefore(d.previousValidUntil())) {
                keys.add(StandardWebhooks.key(properties.key(), d.subscriptionId(), d.generation() - 1));
            }
            HttpRequest request = HttpRequest.newBuilder(target).timeout(properties.timeout())
                    .header("Content-Type", "application/json")
                    .header("webhook-id", d.webhookId())
                    .header("webhook-timestamp", String.valueOf(timestamp))
                    .header("webhook-signature", StandardWebhooks.signatures(keys, d.webhookId(), timestamp,
                            d.body()))
                    .POST(HttpRequest.BodyPublishers.ofString(d.body())).build();
            status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status < 200 || status > 299) {
                error = "answered " + status;
            }
        } catch (InterruptedException e) {
            // stopping: the transaction rolls back, the delivery stays pending and is sent again
            Thread.currentThread().interrupt();
            throw new IllegalStateException("stopped while delivering " + d.webhookId(), e);
        } catch (HostRefusedException e) {
            error = e.getMessage();
            attempt = properties.maxAttempts(); // never sent: parked at once
        } catch (Exception e) {
            error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        boolean delivered = error == null;
        String state = delivered ? "DELIVERED" : attempt >= properties.maxAttempts() ? "PARKED" : "PENDING";
        Timestamp at = Timestamp.from(now);
        MapSqlParameterSource p = new MapSqlParameterSource("sub", d.subscriptionId()).addValue("event", d.eventId())
                .addValue("attempt", attempt).addValue("at", at).addValue("status", status)
                .addValue("error", error == null ? null : error.length() > 500 ? error.substring(0, 500) : error)
                .addValue("state", state)
                .addValue("next", Timestamp.from(now.plus(properties.delayAfter(attempt))))
                .addValue("settled", "PENDING".equals(state) ? null : at);
        jdbc.update("""
                INSERT INTO ledger_read.webhook_attempt (subscription_id, event_id, attempt, attempted_at, status_code,
                    error)
                VALUES (:sub, :event, :attempt, :at, :status, :error)
                ON CONFLICT DO NOTHING
                """, p);
        jdbc.update("""
                UPDATE ledger_read.webhook_delivery SET state = :state, attempts = :attempt, next_attempt_at = :next,
                    settled_at = :settled
                WHERE subscription_id = :sub AND event_id = :event
                """, p);
        if ("PARKED".equals(state)) {
            LOG.warn("webhook {} to subscription {} parked after {} attempts: {}", d.webhookId(), d.subscriptionId(),
                    attempt, error);
        }
    }

    static final class HostRefusedException extends Exception {
        HostRefusedException(String message) {
            super(message);
        }
    }

    private URI allowed(String url) throws HostRefusedException {
        URI uri = URI.create(url);
        java.util.Optional<String> refused = WebhookTargets.deliverable(uri, properties.allowedHosts());
        if (refused.isPresent()) {
            throw new HostRefusedException(refused.get());
        }
        return uri;
    }

    // ---- lifecycle: a single sender thread per instance

    @Override
    public synchronized void start() {
        if (executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "webhook-sender");
            t.setDaemon(true);
            return t;
        });
        long every = properties.pollInterval().toMillis();
        executor.scheduleWithFixedDelay(() -> {
            try {
                while (sendDue() == ROUND && !Thread.currentThread().isInterrupted()) {
                    // a full round: more may be due
                }
            } catch (RuntimeException e) {
                LOG.warn("webhook round failed: {}", e.toString());
            }
        }, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            try {
                executor.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            executor = null;
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }
}
