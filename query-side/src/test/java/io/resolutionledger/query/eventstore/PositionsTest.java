package io.resolutionledger.query.eventstore;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Positions read from gap-aware tokens, as the stream's replay uses them. */
class PositionsTest {

    @Test
    void a_token_without_positions_it_has_not_seen_lists_them_as_gaps() {
        TrackingToken token = Positions.without(GapAwareTrackingToken.newInstance(30, List.of(12L)), List.of(20L));
        assertThat(Positions.seen(token, 20)).isFalse();
        assertThat(Positions.seen(token, 12)).isFalse();
        assertThat(Positions.seen(token, 30)).isTrue();
        assertThat(Positions.cursor(token)).isEqualTo("30~12.20");
    }

    @Test
    void a_token_whose_own_head_is_unseen_stands_below_it() {
        // a late commit at 10, read by a reconnecting client's replay before the live tail saw it: the token after
        // that event is at 10, and 10 is not to count as seen (the scenario fault suite 4 found as a 500)
        TrackingToken token = Positions.without(GapAwareTrackingToken.newInstance(10, List.of()), List.of(10L));
        assertThat(Positions.seen(token, 10)).isFalse();
        assertThat(Positions.seen(token, 9)).isTrue();
        assertThat(Positions.cursor(token)).isEqualTo("9");

        TrackingToken lower = Positions.without(GapAwareTrackingToken.newInstance(12, List.of(7L)), List.of(11L, 12L));
        assertThat(Positions.cursor(lower)).isEqualTo("10~7");
    }
}
