package io.resolutionledger.api.command;

import io.resolutionledger.api.value.*;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Give one version of a resolution a translation (title and text) into another language; only the sponsor. A later
 * translation of the same version into the same language replaces the earlier one. The original stays the
 * authoritative text.
 */
public record AddTranslation(
        @TargetAggregateIdentifier ResolutionId resolutionId,
        long version,
        String language,
        String title,
        String text,
        DelegationCode actor
) {
}
