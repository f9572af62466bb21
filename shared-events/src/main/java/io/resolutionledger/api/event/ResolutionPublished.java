package io.resolutionledger.api.event;

import io.resolutionledger.api.value.*;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * The chair published an adopted resolution under a reference (e.g. the press release).
 * <p>
 * Revision 2 names the reference {@code publicationReference} (revision 1 called it {@code reference}, a word the
 * read models use for several things); {@code ResolutionPublishedUpcaster} reads stored revision-1 events as this
 * shape. {@link #reference()} stays for readers of the old name.
 */
@Revision("2")
public record ResolutionPublished(
        ResolutionId resolutionId,
        long version,
        String publicationReference,
        DelegationCode actor,
        Instant occurredAt
) implements ResolutionEvent {

    /** The same as {@link #publicationReference()}; not part of the stored JSON (records serialize components). */
    public String reference() {
        return publicationReference;
    }
}
