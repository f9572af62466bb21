package io.resolutionledger.query.stream;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * @param bufferSize changes queued per subscriber; one that falls further behind is dropped (it reconnects with
 *                   Last-Event-ID and misses nothing). Also what a subscriber may miss while its replay is sent:
 *                   the live changes of that time wait in it
 * @param maxReplay  most changes replayed to a reconnecting subscriber; beyond it, it is told to reload. At least
 *                   {@code bufferSize}: a subscriber dropped for being more than that behind must be able to resume
 * @param heartbeat  how often an idle stream gets a comment line (keeps proxies open, finds dead clients)
 */
@Validated
@ConfigurationProperties(prefix = "ledger.stream")
public record StreamProperties(@Min(1) int bufferSize, @Min(1) int maxReplay, @NotNull Duration heartbeat) {

    public StreamProperties {
        if (maxReplay < bufferSize) {
            throw new IllegalArgumentException("ledger.stream.max-replay (" + maxReplay + ") must be at least "
                    + "ledger.stream.buffer-size (" + bufferSize + "): a subscriber dropped for falling that far behind "
                    + "could otherwise only be told to reload");
        }
    }
}
