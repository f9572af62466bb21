package io.resolutionledger.api.command;

import io.resolutionledger.api.value.*;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/** Change the text (and optionally the title) directly; only the sponsor or a co-sponsor, and only at the expected version.
 * {@code addressees} and {@code partners}, where not null, replace the resolution's. The actor is the caller's delegation, taken from its token, never from a request body. */
public record AmendResolution(
        @TargetAggregateIdentifier ResolutionId resolutionId,
        long expectedVersion,
        String title,
        String text,
        String reason,
        List<String> addressees,
        List<String> partners,
        DelegationCode actor
) {

    /** An amendment of the text alone (addressees and partners unchanged). */
    public AmendResolution(ResolutionId resolutionId, long expectedVersion, String title, String text, String reason,
                           DelegationCode actor) {
        this(resolutionId, expectedVersion, title, text, reason, null, null, actor);
    }
}
