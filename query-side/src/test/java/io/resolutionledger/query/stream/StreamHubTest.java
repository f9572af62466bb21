package io.resolutionledger.query.stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.resolutionledger.query.security.Viewer;
import org.junit.jupiter.api.Test;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** A subscriber that cannot keep up is dropped instead of letting its buffer grow. */
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
}
