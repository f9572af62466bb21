package io.resolutionledger.api.event;

import io.resolutionledger.api.value.*;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/**
 * Whom the resolution is addressed to (free codes such as {@code BUND}, {@code EU}, {@code TK-UNTERNEHMEN}) and the
 * other conferences it is joint with ({@code partners}, e.g. {@code WMK}), as of this event: recorded with the
 * proposal and again with each amendment that changes them.
 */
@Revision("1")
public record ResolutionAddressed(
        ResolutionId resolutionId,
        List<String> addressees,
        List<String> partners,
        DelegationCode actor,
        Instant occurredAt
) implements ResolutionEvent {

    public ResolutionAddressed {
        addressees = addressees == null ? List.of() : List.copyOf(addressees);
        partners = partners == null ? List.of() : List.copyOf(partners);
    }
}
