package io.resolutionledger.query.stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.resolutionledger.query.security.Viewer;
import org.junit.jupiter.api.Test;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A subscriber that cannot keep up is dropped instead of letting its buffer grow, also while its replay is sent. */
class StreamHubTest {

    @Test
    void a_subscriber_whose_buffer_is_full_is_dropped() {
        StreamHub hub = new StreamHub(new ObjectMapper(), new StreamProperties(3, 10, Duration.ofMinutes(1)));
        hub.subscribe(new Viewer(true, Optional.of("DE-BY")), new SseEmitter(0L)); // never started: never drains

        for (int i = 1; i <= 3; i++) {
            hub.broadcast(List.of(new Change("stats", "all", i, "VoteCast", null, true)));
        }
        assertThat(hub.subscriberCount()).isOne();

        hub.broadcast(List.of(new Change("stats", "all", 4, "VoteCast", null, true)));
        assertThat(hub.subscriberCount()).isZero();
        hub.stop();
    }

    @Test
    void anonymous_subscribers_are_not_offered_closed_changes() {
        StreamHub hub = new StreamHub(new ObjectMapper(), new StreamProperties(1, 10, Duration.ofMinutes(1)));
        hub.subscribe(Viewer.ANONYMOUS, new SseEmitter(0L));

        for (int i = 1; i <= 5; i++) {
            hub.broadcast(List.of(new Change("resolution", "r" + i, i, "ResolutionAmended", null, false)));
        }
        assertThat(hub.subscriberCount()).isOne();
        hub.stop();
    }

    /**
     * A reconnecting client's replay is written while the live changes queue up; when they overflow the buffer the
     * subscriber is dropped, and the replay must stop quietly (it used to go on writing into the completed emitter,
     * logged as an unexpected error each time, run 20261202-085800) so that the client resumes from what it got.
     */
    @Test
    void a_subscriber_dropped_while_its_replay_is_sent_stops_the_replay() throws Exception {
        StreamHub hub = new StreamHub(new ObjectMapper(), new StreamProperties(2, 10, Duration.ofMinutes(1)));
        StreamHub.Subscriber subscriber = hub.subscribe(new Viewer(true, Optional.of("DE-BY")), new SseEmitter(0L));
        assertThat(hub.send(subscriber, new Change("stats", "all", 1, "VoteCast", null, true))).isTrue();

        for (int i = 2; i <= 4; i++) { // live changes while the replay runs: the third overflows
            hub.broadcast(List.of(new Change("stats", "all", i, "VoteCast", null, true)));
        }
        assertThat(hub.subscriberCount()).isZero();
        assertThat(hub.send(subscriber, new Change("stats", "all", 2, "VoteCast", null, true))).isFalse();
        hub.stop();
    }

    @Test
    void a_replay_into_a_stream_the_client_has_ended_stops() throws Exception {
        StreamHub hub = new StreamHub(new ObjectMapper(), new StreamProperties(2, 10, Duration.ofMinutes(1)));
        SseEmitter emitter = new SseEmitter(0L);
        StreamHub.Subscriber subscriber = hub.subscribe(new Viewer(true, Optional.of("DE-BY")), emitter);
        emitter.complete();

        assertThat(hub.send(subscriber, new Change("stats", "all", 1, "VoteCast", null, true))).isFalse();
        assertThat(hub.subscriberCount()).isZero();
        hub.stop();
    }

    @Test
    void a_replay_shorter_than_the_buffer_is_refused_at_start_up() {
        assertThatThrownBy(() -> new StreamProperties(4096, 1000, Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("max-replay (1000) must be at least ledger.stream.buffer-size (4096)");
    }
}
