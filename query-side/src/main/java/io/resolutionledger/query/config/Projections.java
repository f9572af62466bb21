package io.resolutionledger.query.config;

import java.util.List;

/**
 * The names of the processing groups of the read models that are split in segments per aggregate (each has its own
 * processor, tokens and tables), and of the audit table's, which has one segment (see {@link #AUDIT}).
 */
public final class Projections {

    public static final String RESOLUTIONS = "resolutions";
    public static final String SESSIONS = "sessions";
    public static final String CHAIR = "chair";
    /** One segment: the audit table is the log in its global order (AuditProjection). */
    public static final String AUDIT = "audit";
    public static final String STATS = "stats";

    /** Split in segments by aggregate. */
    public static final List<String> SEGMENTED = List.of(RESOLUTIONS, SESSIONS, CHAIR, STATS);

    public static final List<String> ALL = List.of(RESOLUTIONS, SESSIONS, CHAIR, AUDIT, STATS);

    private Projections() {
    }
}
