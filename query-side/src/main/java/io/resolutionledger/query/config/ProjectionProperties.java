package io.resolutionledger.query.config;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * How the projections' processors run.
 *
 * @param batchSize          events handled per transaction (rows and token commit together once per batch)
 * @param segments           segments per processing group on first start (the unit that instances share)
 * @param pollInterval       the safety net of the live path: how long the event streams wait for a notification
 *                           of the command side before they look at the store anyway
 * @param wakeInterval       the least time between two notified wake-ups of the event streams: a notification that
 *                           comes sooner waits out the rest, and the events committed meanwhile are read with it
 *                           (see StoreNotifications); zero wakes on every notification
 * @param tokenClaimInterval how often a processor looks for segments that no instance holds
 * @param durableCommits     whether a projection's commit waits for the WAL flush (see ProjectionTransactionManager)
 * @param claimExtension     how long a segment of the read-models group may go without an event of its own before
 *                           its token is stored anyway at the position it has read to (Axon's claim extension
 *                           threshold; see AxonConfig#projectionProcessors)
 */
@Validated
@ConfigurationProperties(prefix = "ledger.projections")
public record ProjectionProperties(@Min(1) int batchSize, @Min(1) int segments, @NotNull Duration pollInterval,
                                   @NotNull Duration wakeInterval, @NotNull Duration tokenClaimInterval,
                                   boolean durableCommits, @NotNull Duration claimExtension) {
}
