package io.resolutionledger.query.config;

import java.util.List;

/** The names of the processing groups, one per read model; each has its own processor, tokens and tables. */
public final class Projections {

    public static final String RESOLUTIONS = "resolutions";
    public static final String SESSIONS = "sessions";
    public static final String CHAIR = "chair";
    public static final String AUDIT = "audit";
    public static final String STATS = "stats";

    public static final List<String> ALL = List.of(RESOLUTIONS, SESSIONS, CHAIR, AUDIT, STATS);

    private Projections() {
    }
}
