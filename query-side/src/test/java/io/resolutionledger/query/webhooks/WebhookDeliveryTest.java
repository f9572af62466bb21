package io.resolutionledger.query.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.resolutionledger.api.event.SubscriptionCreated;
import io.resolutionledger.api.event.SubscriptionDeleted;
import io.resolutionledger.api.event.SubscriptionSecretRotated;
import io.resolutionledger.api.webhooks.StandardWebhooks;
import io.resolutionledger.query.support.Http;
import io.resolutionledger.query.support.LedgerEvents;
import io.resolutionledger.query.support.QuerySideProcess;
import io.resolutionledger.query.support.QuerySideTest;
import io.resolutionledger.query.support.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.resolutionledger.query.support.LedgerEvents.code;
import static io.resolutionledger.query.support.LedgerEvents.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Webhook deliveries from the event log to a receiver on loopback that checks every Standard Webhooks signature:
 * retried with growing back-off after failures, parked after the last attempt, visible to the owner with every
 * attempt, sent again after the sender stopped mid-delivery, never of what the subscriber may not read, none after
 * the subscription ended.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhookDeliveryTest extends QuerySideTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request the receiver got, with whether its signature was right. */
    record Received(String webhookId, long timestamp, JsonNode body, boolean signed, Instant at,
                    List<String> signatures, String rawBody) {
    }

    private HttpServer receiver;
    private final Map<String, List<Received>> bySubscription = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> failuresLeft = new ConcurrentHashMap<>();
    private final Map<String, CountDownLatch> holds = new ConcurrentHashMap<>();

    @Autowired
    WebhookSender sender;

    @BeforeAll
    void startTheReceiver() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        receiver.createContext("/hooks/", exchange -> {
            String subscription = exchange.getRequestURI().getPath().substring("/hooks/".length());
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            long timestamp = Long.parseLong(exchange.getRequestHeaders().getFirst("webhook-timestamp"));
            byte[] key = StandardWebhooks.key(Base64.getDecoder().decode(WEBHOOK_KEY), subscription);
            // the header is a space-delimited list of signatures (several during a secret's rotation)
            List<String> signatures = List.of(exchange.getRequestHeaders().getFirst("webhook-signature").split(" "));
            boolean signed = signatures.contains(StandardWebhooks.signature(key, id, timestamp, body));
            bySubscription.computeIfAbsent(subscription, k -> new CopyOnWriteArrayList<>())
                    .add(new Received(id, timestamp, JSON.readTree(body), signed, Instant.now(), signatures, body));
            CountDownLatch hold = holds.remove(subscription);
            if (hold != null) {
                try {
                    hold.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            AtomicInteger failures = failuresLeft.get(subscription);
            int status = failures != null && failures.getAndDecrement() > 0 ? 503 : 204;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterAll
    void stopTheReceiver() {
        receiver.stop(0);
    }

    private String url(String subscription) {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks/" + subscription;
    }

    private List<Received> received(String subscription) {
        return bySubscription.getOrDefault(subscription, List.of());
    }

    private LedgerEvents subscribe(LedgerEvents ledger, String subscription, String owner, boolean readsUnpublished,
                                   List<String> events) {
        return ledger.add("Subscription", subscription, new SubscriptionCreated(subscription, owner, url(subscription),
                events, readsUnpublished, "admin".equals(owner) ? null : code(owner), ledger.tick()));
    }

    private JsonNode deliveries(String subscription, String token) {
        Http.Response r = http().get("/api/subscriptions/" + subscription + "/deliveries", token);
        assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
        return r.body().path("items");
    }

    @Test
    void a_delivery_is_signed_retried_with_growing_back_off_and_visible_with_every_attempt() throws Exception {
        String subscription = unique("sub");
        String session = unique("dmk-hooks");
        String resolution = unique("r-hook");
        failuresLeft.put(subscription, new AtomicInteger(2));
        LedgerEvents ledger = ledger();
        subscribe(ledger, subscription, "DE-BY", true, List.of("ResolutionProposed"))
                .schedule(session, 1, LocalDate.parse("2024-10-24"), "Berlin", "DE-BE")
                .propose(resolution, session, "Open Data", "Die DMK …", List.of("open-data"), "DE-HE")
                .append();

        await().atMost(Duration.ofSeconds(20)).until(() -> received(subscription).size() >= 3
                && "DELIVERED".equals(deliveries(subscription, Tokens.delegate("DE-BY")).path(0).path("state").asText()));
        List<Received> got = received(subscription);
        assertThat(got).hasSize(3).allSatisfy(r -> assertThat(r.signed()).as("signature").isTrue());
        assertThat(got).extracting(Received::webhookId).containsOnly(got.get(0).webhookId());
        assertThat(got.get(0).webhookId()).startsWith("msg_");
        JsonNode body = got.get(0).body();
        assertThat(body.path("type").asText()).isEqualTo("ResolutionProposed");
        assertThat(body.path("data").path("resolutionId").asText()).isEqualTo(resolution);
        assertThat(body.path("data").path("sessionId").asText()).isEqualTo(session);
        assertThat(body.path("timestamp").asText()).isNotBlank();
        // exponential back-off: 300 ms after the first failure, 600 ms after the second (poll interval aside)
        assertThat(Duration.between(got.get(0).at(), got.get(1).at())).isGreaterThanOrEqualTo(Duration.ofMillis(250));
        assertThat(Duration.between(got.get(1).at(), got.get(2).at())).isGreaterThanOrEqualTo(Duration.ofMillis(550));

        JsonNode delivery = deliveries(subscription, Tokens.delegate("DE-BY")).get(0);
        assertThat(delivery.path("eventType").asText()).isEqualTo("ResolutionProposed");
        assertThat(delivery.path("attempts").asInt()).isEqualTo(3);
        assertThat(delivery.path("history")).extracting(a -> a.path("status").asInt()).containsExactly(503, 503, 204);
        // only its owner sees them: to anyone else the subscription does not exist
        assertThat(http().get("/api/subscriptions/" + subscription + "/deliveries", Tokens.delegate("DE-HE"))
                .status()).isEqualTo(404);
        assertThat(http().get("/api/subscriptions/" + subscription + "/deliveries").status()).isEqualTo(404);
        assertThat(http().get("/api/subscriptions/" + subscription + "/deliveries", Tokens.admin()).status())
                .isEqualTo(404);
    }

    @Test
    void a_delivery_that_keeps_failing_is_parked_after_the_last_attempt() {
        String subscription = unique("sub");
        failuresLeft.put(subscription, new AtomicInteger(100));
        LedgerEvents ledger = ledger();
        subscribe(ledger, subscription, "admin", true, List.of("*"))
                .schedule(unique("dmk-park"), 3, LocalDate.parse("2024-12-05"), "Bonn", "DE-BE")
                .append();
        await().atMost(Duration.ofSeconds(30)).until(() ->
                "PARKED".equals(deliveries(subscription, Tokens.admin()).path(0).path("state").asText()));
        JsonNode parked = deliveries(subscription, Tokens.admin()).get(0);
        assertThat(parked.path("attempts").asInt()).isEqualTo(4);
        assertThat(parked.path("history")).hasSize(4)
                .allSatisfy(a -> assertThat(a.path("error").asText()).contains("503"));
        assertThat(received(subscription)).hasSize(4);
    }

    @Test
    void a_delivery_cut_off_by_a_stop_is_sent_again_after_the_restart() {
        String subscription = unique("sub");
        CountDownLatch hold = new CountDownLatch(1);
        holds.put(subscription, hold);
        LedgerEvents ledger = ledger();
        subscribe(ledger, subscription, "DE-SN", true, List.of("SessionScheduled"))
                .schedule(unique("dmk-restart"), 4, LocalDate.parse("2025-04-10"), "Dresden", "DE-BE")
                .append();
        await().atMost(Duration.ofSeconds(20)).until(() -> received(subscription).size() == 1);
        // the sender stops while the receiver has the request and has not answered: nothing is recorded of it
        sender.stop();
        hold.countDown();
        try {
            assertThat(deliveries(subscription, Tokens.delegate("DE-SN")).get(0).path("state").asText())
                    .isEqualTo("PENDING");
            assertThat(deliveries(subscription, Tokens.delegate("DE-SN")).get(0).path("attempts").asInt()).isZero();
        } finally {
            sender.start();
        }
        await().atMost(Duration.ofSeconds(20)).until(() ->
                "DELIVERED".equals(deliveries(subscription, Tokens.delegate("DE-SN")).path(0).path("state").asText()));
        assertThat(received(subscription)).hasSize(2).extracting(Received::webhookId).containsOnly(
                received(subscription).get(0).webhookId());
        assertThat(received(subscription)).allSatisfy(r -> assertThat(r.signed()).isTrue());
    }

    @Test
    void a_guest_gets_what_is_published_only_and_nothing_after_its_subscription_ended() {
        String guest = unique("sub");
        String member = unique("sub");
        String session = unique("dmk-guest");
        String secret = unique("r-unpublished");
        String published = unique("r-published");
        LedgerEvents ledger = ledger();
        subscribe(ledger, guest, "DE-BSI", false, List.of("*"));
        subscribe(ledger, member, "DE-BY", true, List.of("ResolutionProposed", "ResolutionPublished"))
                .schedule(session, 5, LocalDate.parse("2025-06-01"), "Mainz", "DE-RP")
                .propose(secret, session, "Vertraulich", "Noch nicht öffentlich.", List.of("x"), "DE-RP")
                .published(published, session, "Öffentlich", List.of("y"), "DE-RP", "DE-RP")
                .append();
        await().atMost(Duration.ofSeconds(20)).until(() -> received(guest).stream()
                .anyMatch(r -> r.body().path("type").asText().equals("ResolutionPublished"))
                && received(member).size() >= 3);
        assertThat(received(guest)).extracting(r -> r.body().path("type").asText())
                .contains("SessionScheduled", "ResolutionPublished")
                .doesNotContain("ResolutionProposed", "VoteCast", "ResolutionAdopted");
        assertThat(received(guest).toString()).doesNotContain(secret);
        assertThat(received(member)).extracting(r -> r.body().path("data").path("resolutionId").asText())
                .contains(secret, published);
        assertThat(received(member)).extracting(r -> r.body().path("type").asText())
                .containsOnly("ResolutionProposed", "ResolutionPublished");

        int before = received(guest).size();
        String later = unique("dmk-later");
        ledger.add("Subscription", guest, new SubscriptionDeleted(guest, code("DE-BSI"), ledger.tick()))
                .schedule(later, 6, LocalDate.parse("2025-09-01"), "Kiel", "DE-RP")
                .append();
        // the member's subscription, made alike, shows when the events after the end have been handled
        String witness = unique("sub");
        subscribe(ledger(), witness, "admin", true, List.of("SessionScheduled")).schedule(unique("dmk-w"), 7,
                LocalDate.parse("2025-10-01"), "Kiel", "DE-RP").append();
        await().atMost(Duration.ofSeconds(20)).until(() -> !received(witness).isEmpty());
        assertThat(received(guest)).hasSize(before);
    }

    @Test
    void after_a_rotation_both_secrets_sign_until_the_overlap_ends_then_only_the_new_one() {
        String subscription = unique("sub");
        byte[] ledgerKey = Base64.getDecoder().decode(WEBHOOK_KEY);
        byte[] first = StandardWebhooks.key(ledgerKey, subscription, 0);
        byte[] second = StandardWebhooks.key(ledgerKey, subscription, 1);
        byte[] third = StandardWebhooks.key(ledgerKey, subscription, 2);
        LedgerEvents ledger = ledger();
        subscribe(ledger, subscription, "DE-SH", true, List.of("SessionScheduled"))
                .schedule(unique("dmk-rot-0"), 8, LocalDate.parse("2025-11-06"), "Kiel", "DE-RP").append();
        await().atMost(Duration.ofSeconds(20)).until(() -> received(subscription).size() == 1);
        assertThat(received(subscription).get(0).signatures()).hasSize(1);

        // rotated with an overlap that has not ended: the new secret signs first, the previous one beside it
        ledger().add("Subscription", subscription, new SubscriptionSecretRotated(subscription, 1,
                        Instant.now().plus(Duration.ofHours(1)), code("DE-SH"), Instant.now()))
                .schedule(unique("dmk-rot-1"), 9, LocalDate.parse("2026-04-16"), "Mainz", "DE-RP").append();
        await().atMost(Duration.ofSeconds(20)).until(() -> received(subscription).size() == 2);
        Received during = received(subscription).get(1);
        assertThat(during.signatures()).containsExactly(
                StandardWebhooks.signature(second, during.webhookId(), during.timestamp(), during.rawBody()),
                StandardWebhooks.signature(first, during.webhookId(), during.timestamp(), during.rawBody()));

        // rotated again with an overlap already over: only the newest secret signs
        ledger().add("Subscription", subscription, new SubscriptionSecretRotated(subscription, 2,
                        Instant.now().minusSeconds(1), code("DE-SH"), Instant.now()))
                .schedule(unique("dmk-rot-2"), 10, LocalDate.parse("2026-11-05"), "Mainz", "DE-RP").append();
        await().atMost(Duration.ofSeconds(20)).until(() -> received(subscription).size() == 3);
        Received after = received(subscription).get(2);
        assertThat(after.signatures()).containsExactly(
                StandardWebhooks.signature(third, after.webhookId(), after.timestamp(), after.rawBody()));
        assertThat(after.signed()).as("the first secret no longer signs").isFalse();
    }

    @Test
    void a_query_side_killed_mid_delivery_sends_it_again_when_it_comes_back() throws Exception {
        String subscription = unique("sub");
        CountDownLatch hold = new CountDownLatch(1);
        holds.put(subscription, hold);
        // this JVM's sender pauses, so that the delivery is the other query side's, a JVM of its own
        sender.stop();
        QuerySideProcess other = QuerySideProcess.start(DATABASE, SIGNING_KEY, WEBHOOK_KEY, "first");
        try {
            subscribe(ledger(), subscription, "DE-TH", true, List.of("SessionScheduled"))
                    .schedule(unique("dmk-kill"), 11, LocalDate.parse("2026-04-16"), "Erfurt", "DE-RP").append();
            await().atMost(Duration.ofSeconds(60)).until(() -> received(subscription).size() == 1);
            // the receiver has the request and has not answered: the other query side dies (SIGKILL)
            other.kill();
            hold.countDown();
            String killed = other.applicationName();
            await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                    "SELECT count(*) FROM pg_stat_activity WHERE application_name = ?", Long.class, killed) == 0);
            JsonNode pending = deliveries(subscription, Tokens.delegate("DE-TH")).get(0);
            assertThat(pending.path("state").asText()).isEqualTo("PENDING");
            assertThat(pending.path("attempts").asInt()).isZero();

            other = QuerySideProcess.start(DATABASE, SIGNING_KEY, WEBHOOK_KEY, "second");
            await().atMost(Duration.ofSeconds(60)).until(() -> "DELIVERED".equals(
                    deliveries(subscription, Tokens.delegate("DE-TH")).path(0).path("state").asText()));
            assertThat(received(subscription)).hasSize(2).extracting(Received::webhookId)
                    .containsOnly(received(subscription).get(0).webhookId());
            assertThat(received(subscription)).allSatisfy(r -> assertThat(r.signed()).isTrue());
            assertThat(deliveries(subscription, Tokens.delegate("DE-TH")).get(0).path("attempts").asInt())
                    .isEqualTo(1);
        } finally {
            // the other query side's processors hand their segments back, so the tests after this one find this
            // JVM's processors caught up, not waiting for a dead owner's claim to time out
            other.stop();
            sender.start();
            awaitProjectionsCaughtUp();
        }
    }
}
