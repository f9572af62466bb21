package io.resolutionledger.query.resolutions;

import io.resolutionledger.api.error.ErrorCode;
import io.resolutionledger.api.error.LedgerRefusedException;
import io.resolutionledger.api.proof.ProofBundle;
import io.resolutionledger.api.value.ResolutionStatus;
import io.resolutionledger.query.ledger.Checkpoints;
import io.resolutionledger.query.ledger.LeafReader;
import io.resolutionledger.query.ledger.LogSigner;
import io.resolutionledger.query.ledger.LogStore;
import org.axonframework.eventhandling.DomainEventMessage;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A resolution's proof bundle: the latest signed checkpoint and every event of the resolution as a leaf with its
 * audit path to that checkpoint (API.md, {@code GET /api/resolutions/{id}/proof}). Whoever keeps the bundle with the
 * published text can check it offline with {@code ./ledger verify-proof}, and against any checkpoint they saved
 * earlier (ask with {@code ?since=<its size>} for the consistency proof).
 */
@Component
public class LedgerProofs {

    private final LogStore store;
    private final Checkpoints checkpoints;
    private final LogSigner signer;
    private final LeafReader reader;

    public LedgerProofs(LogStore store, Checkpoints checkpoints, LogSigner signer, LeafReader reader) {
        this.store = store;
        this.checkpoints = checkpoints;
        this.signer = signer;
        this.reader = reader;
    }

    /** The {@code proof} link of a resolution in {@code status}: null unless it is published. */
    public String link(String resolutionId, ResolutionStatus status) {
        return status == ResolutionStatus.PUBLISHED ? "/api/resolutions/" + resolutionId + "/proof" : null;
    }

    public ProofBundle bundle(String resolutionId, Long since) {
        List<? extends DomainEventMessage<?>> events = reader.aggregate(resolutionId);
        if (events.isEmpty()) {
            throw new LedgerRefusedException(ErrorCode.RESOLUTION_NOT_FOUND, "no resolution " + resolutionId);
        }
        Map<String, LogStore.Place> places = store.placesOf(resolutionId);
        long missing = events.stream().filter(e -> !places.containsKey(e.getIdentifier())).count();
        long lastIndex = events.stream().map(e -> places.get(e.getIdentifier())).filter(java.util.Objects::nonNull)
                .mapToLong(LogStore.Place::logIndex).max().orElse(-1);
        LogStore.StoredCheckpoint checkpoint = checkpoints.latestOrIssue();
        if (missing > 0 || checkpoint.size() <= lastIndex) {
            // the newest events are not leaves (or not under a checkpoint) yet: sign the log as it stands
            checkpoint = checkpoints.issue();
        }
        if (missing > 0 || checkpoint.size() <= lastIndex) {
            throw new LedgerRefusedException(ErrorCode.INVALID_STATE_TRANSITION, "the resolution's latest events are "
                    + "not in the log yet; ask again in a few seconds");
        }
        long size = checkpoint.size();
        List<ProofBundle.Entry> entries = new ArrayList<>();
        for (DomainEventMessage<?> event : events) {
            LogStore.Place place = places.get(event.getIdentifier());
            entries.add(new ProofBundle.Entry(place.logIndex(), reader.leaf(place.logIndex(), event).bytes(),
                    store.inclusionProof(place.logIndex(), size)));
        }
        ProofBundle.Consistency consistency = null;
        if (since != null && since >= 0 && since < size) {
            consistency = new ProofBundle.Consistency(since, size, store.consistencyProof(since, size));
        }
        return new ProofBundle(resolutionId, checkpoint.note(), signer.verifier().toString(), entries, consistency);
    }
}
