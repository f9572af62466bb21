package io.resolutionledger.query.config;

import org.axonframework.common.DateTimeUtils;
import org.junit.jupiter.api.Test;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The hand-written reader of the store's time stamps answers what Axon's own parser answers, for every value. */
class StoredTimestampsTest {

    @Test
    void readsWhatAxonWritesAsAxonReadsIt() {
        Random random = new Random(20261201);
        long min = Instant.parse("0001-01-01T00:00:00Z").getEpochSecond();
        long max = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        for (int i = 0; i < 200_000; i++) {
            Instant instant = Instant.ofEpochSecond(min + (long) (random.nextDouble() * (max - min)),
                    random.nextInt(1_000_000_000));
            String stored = DateTimeUtils.formatInstant(instant);
            Instant fast = StoredTimestamps.fast(stored);
            assertThat(fast).as(stored).isNotNull().isEqualTo(DateTimeUtils.parseInstant(stored));
        }
    }

    @Test
    void readsEveryFractionLengthAndNoFraction() {
        for (String s : List.of("2024-02-29T23:59:59Z", "2024-02-29T23:59:59.1Z", "2024-02-29T23:59:59.12Z",
                "2024-02-29T23:59:59.123Z", "2024-02-29T23:59:59.123456Z", "2024-02-29T23:59:59.123456789Z",
                "1970-01-01T00:00:00.000Z", "1969-12-31T23:59:59.999Z", "0001-01-01T00:00:00Z")) {
            assertThat(StoredTimestamps.fast(s)).as(s).isEqualTo(DateTimeUtils.parseInstant(s));
        }
    }

    @Test
    void leavesEveryOtherShapeToAxonsParser() {
        // valid for Axon, not in the shape it writes: the fallback answers them
        for (String s : List.of("2024-02-29T23:59:59+01:00", "2024-02-29t23:59:59z", "2024-02-29T23:59:59.123+00:00",
                "+12024-02-29T23:59:59Z")) {
            assertThat(StoredTimestamps.fast(s)).as(s).isNull();
            assertThat(StoredTimestamps.parse(s)).as(s).isEqualTo(DateTimeUtils.parseInstant(s));
        }
        // not in Axon's shape, or not a time at all: Axon's parser decides (its lenient resolver accepts some, e.g. a
        // 29 February of a common year, 24:00), and the reader answers or refuses exactly as it does
        for (String s : List.of("2023-02-29T00:00:00Z", "2024-13-01T00:00:00Z", "2024-01-01T24:00:00Z",
                "2024-01-01T00:60:00Z", "2024-01-01T00:00:60Z", "2024-01-01T00:00:00.Z",
                "2024-01-01T00:00:00.1234567890Z", "2024-01-01 00:00:00Z", "2024-1-01T00:00:00Z", "garbage-garbage-xZ")) {
            assertThat(StoredTimestamps.fast(s)).as(s).isNull();
            Instant axon;
            try {
                axon = DateTimeUtils.parseInstant(s);
            } catch (DateTimeException refused) {
                assertThatThrownBy(() -> StoredTimestamps.parse(s)).as(s).isInstanceOf(DateTimeException.class);
                continue;
            }
            assertThat(StoredTimestamps.parse(s)).as(s).isEqualTo(axon);
        }
    }
}
