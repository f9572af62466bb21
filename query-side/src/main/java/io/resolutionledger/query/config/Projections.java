package io.resolutionledger.query.config;

import java.util.List;
import java.util.Map;

/**
 * The processing groups of the read side and the read models in them.
 * <ul>
 *   <li>{@link #READ_MODELS}: the resolutions (with their translations and mandates), the sessions (with their
 *       agendas), the chair and the figures. All of them are keyed by aggregate and split in segments by aggregate,
 *       so they share one processor: one read and one decode of each event for all of them, one transaction per
 *       batch for all their tables. Its tables exist in two {@link Generation}s with a processor each
 *       ({@code read-models-a}, {@code read-models-b}): readers see the live one while a rebuild builds the
 *       other.</li>
 *   <li>{@link #AUDIT}: the audit table, one segment: it is the log in its global order, and an event's position is
 *       known from its token and the token before it (AuditProjection).</li>
 * </ul>
 * The verifiable log (query.ledger) is no processor: it is appended to by its own reader of the store.
 */
public final class Projections {

    public static final String READ_MODELS = "read-models";
    public static final String AUDIT = "audit";
    /**
     * The webhooks' outbox (query.webhooks): one segment, the log's global order. Not among {@link #ALL}: a rebuild
     * would enqueue every event again for every subscriber.
     */
    public static final String WEBHOOKS = "webhooks";

    /** The read models in {@link #READ_MODELS}, by the names the admin API also accepts for the group. */
    public static final String RESOLUTIONS = "resolutions";
    public static final String SESSIONS = "sessions";
    public static final String CHAIR = "chair";
    public static final String STATS = "stats";

    /** Every processing group of the read models. */
    public static final List<String> ALL = List.of(READ_MODELS, AUDIT);

    /** The processing group each read model is in. */
    public static final Map<String, String> GROUP_OF = Map.of(RESOLUTIONS, READ_MODELS, SESSIONS, READ_MODELS,
            CHAIR, READ_MODELS, STATS, READ_MODELS);

    private Projections() {
    }
}
