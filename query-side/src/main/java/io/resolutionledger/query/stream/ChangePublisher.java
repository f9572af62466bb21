package io.resolutionledger.query.stream;

import io.resolutionledger.api.event.LedgerEvent;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventhandling.TrackingToken;
import io.resolutionledger.query.config.EventPositions;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.List;

/**
 * Hands a projection's changes to the stream once the transaction that wrote them has committed: a subscriber never
 * hears of a row it cannot read yet, and a batch that rolls back announces nothing. Replays (a rebuild) announce
 * nothing either: the rows they write are the ones clients already know.
 */
@Component
public class ChangePublisher {

    private final StreamHub hub;
    private final EventPositions positions;

    public ChangePublisher(StreamHub hub, EventPositions positions) {
        this.hub = hub;
        this.positions = positions;
    }

    public void publish(String kind, LedgerEvent event, TrackingToken token, ReplayStatus replayStatus,
                        String sessionId) {
        if (replayStatus != null && replayStatus.isReplay()) {
            return;
        }
        List<Change> changes = Changes.of(event, positions.ofCurrent(token), sessionId, kind);
        if (changes.isEmpty()) {
            return;
        }
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    hub.broadcast(changes);
                }
            });
        } else {
            hub.broadcast(changes);
        }
    }
}
