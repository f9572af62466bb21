package io.resolutionledger.api.upcasting;

import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;

/**
 * Every upcaster of the ledger's events, in order. Both services give this chain to their storage engine, so that a
 * stored event of an older revision reads the same on either side.
 */
public final class LedgerUpcasters {

    private LedgerUpcasters() {
    }

    public static EventUpcaster chain() {
        return new EventUpcasterChain(new ResolutionPublishedUpcaster(), new VoteOpenedUpcaster(), new OutcomeUpcaster());
    }
}
