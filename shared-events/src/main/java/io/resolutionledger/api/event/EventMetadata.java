package io.resolutionledger.api.event;

/**
 * Names of the Axon metadata entries that both services read, beside the payload (see {@link LedgerEvent} for the
 * two clocks).
 */
public final class EventMetadata {

    /**
     * On a command: the business time an import declares for it (ISO-8601 instant). The command side's business
     * clock answers it to the handler, which stamps it as the events' {@code occurredAt}. Commands without it happen
     * now. Never copied to events: the payload carries the business time.
     */
    public static final String OCCURRED_AT = "occurredAt";

    /**
     * On a command and on every event it caused: the import that recorded it after the fact (its id). Together with
     * {@code user} (who imported) and the event's timestamp (when), it says that the history was recorded later, so
     * that nothing is ever back-dated silently.
     */
    public static final String IMPORT_ID = "importId";

    private EventMetadata() {
    }
}
