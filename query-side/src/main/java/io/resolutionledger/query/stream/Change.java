package io.resolutionledger.query.stream;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One change of one read model, as the live stream sends it: {@code event:} is the kind, {@code id:} the stream's
 * cursor after this change (see {@link StreamCursor}), the data this record (small: clients fetch the details they
 * need).
 *
 * @param kind        resolution, session, chair or stats
 * @param id          the id of what changed (a resolution, a session, a conference; "all" for the figures)
 * @param globalIndex the event store position of the causing event
 * @param event       the causing event's type
 * @param status      the new status where the event decides it
 * @param open        whether anonymous subscribers may see it
 * @param cursor      where a client that received this change resumes (the SSE id)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Change(String kind, String id, long globalIndex, String event, String status,
                     @JsonIgnore boolean open, @JsonIgnore String cursor) {

    public static final String RESOLUTION = "resolution";
    public static final String SESSION = "session";
    public static final String CHAIR = "chair";
    public static final String STATS = "stats";

    public Change(String kind, String id, long globalIndex, String event, String status, boolean open) {
        this(kind, id, globalIndex, event, status, open, Long.toString(globalIndex));
    }

    Change at(String newCursor) {
        return new Change(kind, id, globalIndex, event, status, open, newCursor);
    }
}
