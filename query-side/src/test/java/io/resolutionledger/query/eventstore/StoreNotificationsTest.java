package io.resolutionledger.query.eventstore;

import io.resolutionledger.query.support.QuerySideTest;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.concurrent.TimeUnit;

import static io.resolutionledger.query.support.LedgerEvents.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The listener on the real database: a run of notifications closer together than the wake interval wakes the
 * streams once per interval, not once per notification, and an event whose notification came inside an interval is
 * read when the interval ends, never left to the slow safety poll.
 */
class StoreNotificationsTest extends QuerySideTest {

    private static final Duration POLL = Duration.ofSeconds(30);

    private StoreNotifications listening(NotifiedEventSource source, Duration wakeInterval) {
        StoreNotifications notifications = new StoreNotifications(source, DATABASE.url(), DATABASE.user(),
                DATABASE.password(), POLL, wakeInterval);
        notifications.start();
        // connected: it wakes the streams once on connecting, and from then on listens
        await().atMost(Duration.ofSeconds(10)).until(() -> source.wakeUps() >= 1);
        return notifications;
    }

    private void notifyEvery(Duration pause, int times) throws InterruptedException {
        for (int i = 0; i < times; i++) {
            jdbc.execute("SELECT pg_notify('" + StoreNotifications.CHANNEL + "', '')");
            Thread.sleep(pause.toMillis());
        }
    }

    @Test
    void notifications_closer_than_the_wake_interval_wake_the_streams_once_per_interval() throws Exception {
        Duration interval = Duration.ofMillis(400);
        NotifiedEventSource source = new NotifiedEventSource(storageEngine);
        StoreNotifications notifications = listening(source, interval);
        try {
            long before = source.wakeUps();
            long started = System.nanoTime();
            notifyEvery(Duration.ofMillis(20), 40); // one every 20 ms for about 800 ms
            long sent = System.nanoTime();
            Thread.sleep(interval.toMillis() * 2);
            long wakeUps = source.wakeUps() - before;
            long intervals = (sent - started) / interval.toNanos();
            // one for the first notification, then at most one per interval that followed (and one for the tail),
            // where waking on every notification would have woken them about 40 times
            assertThat(wakeUps).isBetween(1L, intervals + 2);
        } finally {
            notifications.stop();
        }
    }

    @Test
    void an_event_whose_notification_comes_inside_the_interval_is_read_when_the_interval_ends() throws Exception {
        Duration interval = Duration.ofSeconds(1);
        NotifiedEventSource source = new NotifiedEventSource(storageEngine);
        StoreNotifications notifications = listening(source, interval);
        try (BlockingStream<TrackedEventMessage<?>> stream = source.openStream(source.createHeadToken())) {
            assertThat(stream.hasNextAvailable(0, TimeUnit.MILLISECONDS)).isFalse(); // read to the end
            long before = source.wakeUps();
            jdbc.execute("SELECT pg_notify('" + StoreNotifications.CHANNEL + "', '')"); // a wake-up: an interval opens
            await().atMost(Duration.ofSeconds(5)).until(() -> source.wakeUps() > before);
            assertThat(stream.hasNextAvailable(0, TimeUnit.MILLISECONDS)).isFalse(); // that wake-up found nothing
            long woken = source.wakeUps();
            String session = unique("dmk-inside");
            // appended and notified at once, inside the interval: its wake-up waits for the interval's end; lost,
            // the event would wait for the safety poll (30 s)
            ledger().schedule(session, 1, LocalDate.parse("2025-03-20"), "Hamburg", "DE-RP").append();
            assertThat(stream.hasNextAvailable(10, TimeUnit.SECONDS)).isTrue();
            assertThat(((DomainEventMessage<?>) stream.nextAvailable()).getAggregateIdentifier()).isEqualTo(session);
            assertThat(source.wakeUps()).isGreaterThan(woken);
        } finally {
            notifications.stop();
        }
    }

    @Test
    void without_a_wake_interval_every_notification_that_arrives_alone_wakes_the_streams() throws Exception {
        NotifiedEventSource source = new NotifiedEventSource(storageEngine);
        StoreNotifications notifications = listening(source, Duration.ZERO);
        try {
            long before = source.wakeUps();
            notifyEvery(Duration.ofMillis(100), 5); // far apart: each arrives on its own
            await().atMost(Duration.ofSeconds(5)).until(() -> source.wakeUps() - before >= 5);
        } finally {
            notifications.stop();
        }
    }

    @Test
    void a_wake_interval_of_the_poll_interval_or_more_is_refused() {
        NotifiedEventSource source = new NotifiedEventSource(storageEngine);
        assertThatThrownBy(() -> new StoreNotifications(source, DATABASE.url(), DATABASE.user(), DATABASE.password(),
                Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("poll interval");
        assertThatThrownBy(() -> new StoreNotifications(source, DATABASE.url(), DATABASE.user(), DATABASE.password(),
                Duration.ofSeconds(1), Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
