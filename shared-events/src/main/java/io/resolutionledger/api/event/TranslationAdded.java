package io.resolutionledger.api.event;

import io.resolutionledger.api.value.*;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * The sponsor (the actor) translated version {@code version} into {@code language} (ISO 639-1, lower case); it
 * replaces an earlier translation of that version into that language. The text of the version itself is unchanged.
 */
@Revision("1")
public record TranslationAdded(
        ResolutionId resolutionId,
        long version,
        String language,
        String title,
        String text,
        DelegationCode actor,
        Instant occurredAt
) implements ResolutionEvent {
}
