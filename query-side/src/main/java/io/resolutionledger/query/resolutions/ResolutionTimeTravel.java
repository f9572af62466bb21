package io.resolutionledger.query.resolutions;

import io.resolutionledger.api.error.ErrorCode;
import io.resolutionledger.api.error.LedgerRefusedException;
import io.resolutionledger.api.event.ResolutionEvent;
import io.resolutionledger.api.value.ResolutionStatus;
import io.resolutionledger.query.resolutions.ResolutionViews.ResolutionView;
import io.resolutionledger.query.security.Viewer;
import io.resolutionledger.query.eventstore.EventStoreGateway;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A resolution as it was at an instant, folded from its events in the event store (through Axon, so that upcasters
 * apply; from sequence 0, never from a snapshot). "At an instant" is judged by the business time each event carries
 * ({@code occurredAt}, the same time the read model shows as createdAt/updatedAt): history imported after the fact
 * replays as it happened, not as it was typed in.
 */
@Component
public class ResolutionTimeTravel {

    private final EventStoreGateway events;

    public ResolutionTimeTravel(EventStoreGateway events) {
        this.events = events;
    }

    /** The state at {@code asOf}; 404 if it did not exist then, or (anonymous) was not published then. */
    public ResolutionView asOf(String id, Instant asOf, Viewer viewer) {
        List<ResolutionEvent> history = new ArrayList<>();
        for (EventStoreGateway.Positioned event : events.aggregate(id)) {
            if (event.payload() instanceof ResolutionEvent resolutionEvent) {
                history.add(resolutionEvent);
            }
        }
        return ResolutionFold.asOf(history, asOf)
                .filter(view -> viewer.member() || view.status() == ResolutionStatus.PUBLISHED)
                .orElseThrow(() -> new LedgerRefusedException(ErrorCode.RESOLUTION_NOT_FOUND,
                        "no resolution " + id + " as of " + asOf));
    }
}
