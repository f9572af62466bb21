package io.resolutionledger.query.config;

import io.resolutionledger.query.support.QuerySideTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What Axon cannot know by itself: a second instance that holds no segment yet. Its heartbeat halves the fair share
 * that Axon's MaxSegmentProvider answers this instance (Axon then releases the surplus); once its heartbeat is
 * gone, the share grows back.
 */
class LiveInstancesTest extends QuerySideTest {

    @Autowired
    LiveInstances instances;

    @Test
    void another_live_instance_halves_the_share_of_segments_and_a_dead_one_does_not_count() {
        jdbc.update("DELETE FROM ledger_read.query_instance WHERE instance_id LIKE 'other-%'");
        instances.heartbeat();
        assertThat(instances.fairShare(2).getMaxSegments("resolutions")).isEqualTo(2);

        jdbc.update("INSERT INTO ledger_read.query_instance (instance_id, seen_at) VALUES ('other-live', now())");
        instances.heartbeat();
        assertThat(instances.live()).isEqualTo(2);
        assertThat(instances.fairShare(2).getMaxSegments("resolutions")).isEqualTo(1);
        assertThat(instances.fairShare(3).getMaxSegments("resolutions")).isEqualTo(2);

        jdbc.update("UPDATE ledger_read.query_instance SET seen_at = now() - interval '1 minute' "
                + "WHERE instance_id = 'other-live'");
        instances.heartbeat();
        assertThat(instances.fairShare(2).getMaxSegments("resolutions")).isEqualTo(2);
        jdbc.update("DELETE FROM ledger_read.query_instance WHERE instance_id LIKE 'other-%'");
    }
}
