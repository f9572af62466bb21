package io.resolutionledger.query.publication;

import io.resolutionledger.api.error.ErrorCode;
import io.resolutionledger.api.error.LedgerRefusedException;
import io.resolutionledger.api.event.ResolutionAdopted;
import io.resolutionledger.api.event.ResolutionEvent;
import io.resolutionledger.api.event.ResolutionProposed;
import io.resolutionledger.api.event.ResolutionPublished;
import io.resolutionledger.api.value.ResolutionStatus;
import io.resolutionledger.query.chair.ChairHistory;
import io.resolutionledger.query.chair.ChairHistory.ConferenceRecord;
import io.resolutionledger.query.eventstore.EventStoreGateway;
import io.resolutionledger.query.resolutions.ResolutionQueries;
import io.resolutionledger.query.resolutions.ResolutionViews.ResolutionView;
import io.resolutionledger.query.security.Viewer;
import io.resolutionledger.query.sessions.SessionQueries;
import io.resolutionledger.query.sessions.SessionQueries.SessionView;
import io.resolutionledger.query.web.Page;
import io.resolutionledger.query.web.Paging;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The published Beschlüsse as the publication formats need them: the resolution's public state (from
 * {@link ResolutionQueries}, always as an anonymous reader sees it, so nothing unpublished can leak into a public
 * document), its session ({@link SessionQueries}), its conference ({@link ChairHistory}) and the few facts only its
 * events hold (when it was adopted and published, in which version), read through the event store's gateway.
 * <p>
 * A Beschluss's number is its place among the session's published resolutions in the order of publication. It is
 * stable because publication is final and later publications come later; numbering by agenda position instead would
 * show gaps where unpublished items stand, which would tell anonymous readers that they exist.
 */
@Component
public class Decisions {

    private static final int BATCH = Paging.MAX_SIZE;

    private final ResolutionQueries resolutions;
    private final SessionQueries sessions;
    private final ChairHistory conferences;
    private final EventStoreGateway events;
    private final ZoneId zone;

    public Decisions(ResolutionQueries resolutions, SessionQueries sessions, ChairHistory conferences,
                     EventStoreGateway events, @Value("${ledger.publication.zone:Europe/Berlin}") ZoneId zone) {
        this.resolutions = resolutions;
        this.sessions = sessions;
        this.conferences = conferences;
        this.events = events;
        this.zone = zone;
    }

    /** A published Beschluss with everything its public forms show. */
    public record Decision(ResolutionView resolution, String conferenceId, Optional<ConferenceRecord> conference,
                           Optional<SessionView> session, int number, LocalDate date, Instant proposedAt,
                           Instant adoptedAt, Instant publishedAt, LocalDate publishedOn, long publishedVersion,
                           Instant modifiedAt) {

        public String id() {
            return resolution.resolutionId();
        }

        public String conferenceName() {
            return conference.map(c -> c.establishment().name()).orElse(conferenceId);
        }

        /** How it is cited: conference, decision date and number (e.g. "DMK 2024-04-19 Nr. 3"). */
        public String citation() {
            return conferenceId + " " + date + " Nr. " + number;
        }
    }

    /**
     * The facts of a published resolution that only its events hold. They never change once it is published
     * (publication is final and the events before it are history), so they are kept in a bounded memo instead of
     * being read again for every document: numbering one Beschluss needs those of all its session's Beschlüsse.
     */
    record Facts(String conferenceId, Instant proposedAt, Instant adoptedAt, Instant publishedAt,
                 long publishedVersion) {
    }

    private static final int MEMO_SIZE = 10_000;

    private final Map<String, Facts> memo = java.util.Collections.synchronizedMap(
            new LinkedHashMap<>(256, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Facts> eldest) {
                    return size() > MEMO_SIZE;
                }
            });

    /** One published Beschluss; 404 RESOLUTION_NOT_FOUND for anything that is not published (for every caller). */
    public Decision get(String resolutionId) {
        ResolutionView view = resolutions.get(resolutionId, Viewer.ANONYMOUS);
        List<ResolutionView> sameSession = publishedOf(view.sessionId());
        return assemble(sameSession, new Lookups()).stream().filter(d -> d.id().equals(resolutionId)).findFirst()
                .orElseThrow(() -> new LedgerRefusedException(ErrorCode.RESOLUTION_NOT_FOUND,
                        "no published resolution " + resolutionId));
    }

    /** The published Beschlüsse of one session, by number; 404 SESSION_NOT_FOUND for an unknown session. */
    public List<Decision> ofSession(String sessionId) {
        sessions.get(sessionId, Viewer.ANONYMOUS);
        return assemble(publishedOf(sessionId), new Lookups());
    }

    /** Every published Beschluss, newest publication first. */
    public List<Decision> all() {
        List<ResolutionView> published = new ArrayList<>();
        for (int page = 0; ; page++) {
            Page<ResolutionView> batch = resolutions.find(filter(null), Paging.of(page, BATCH), Viewer.ANONYMOUS);
            published.addAll(batch.items());
            if ((long) (page + 1) * BATCH >= batch.total() || batch.items().isEmpty()) {
                break;
            }
        }
        List<Decision> all = assemble(published, new Lookups());
        all.sort(Comparator.comparing(Decision::publishedAt).thenComparing(Decision::id).reversed());
        return all;
    }

    /** When an aggregate's first and last events occurred (business time); empty for an unknown id. */
    public record Times(Instant created, Instant modified) {
    }

    public Optional<Times> times(String aggregateId) {
        Instant first = null;
        Instant last = null;
        for (EventStoreGateway.Positioned stored : events.aggregate(aggregateId)) {
            if (stored.payload() instanceof io.resolutionledger.api.event.LedgerEvent event) {
                first = first == null ? event.occurredAt() : first;
                last = event.occurredAt();
            }
        }
        return first == null ? Optional.empty() : Optional.of(new Times(first, last));
    }

    /** The sessions of one conference, newest first, as anyone may see them. */
    public List<SessionView> sessionsOf(String conferenceId) {
        List<SessionView> found = new ArrayList<>();
        for (int page = 0; ; page++) {
            Page<SessionView> batch = sessions.find(Paging.of(page, BATCH), Viewer.ANONYMOUS);
            batch.items().stream().filter(s -> conferenceId.equals(s.conferenceId())).forEach(found::add);
            if ((long) (page + 1) * BATCH >= batch.total() || batch.items().isEmpty()) {
                return found;
            }
        }
    }

    /** A session as anyone may see it; 404 SESSION_NOT_FOUND if there is none. */
    public SessionView session(String sessionId) {
        return sessions.get(sessionId, Viewer.ANONYMOUS);
    }

    public Optional<ConferenceRecord> conference(String conferenceId) {
        return conferences.conference(conferenceId);
    }

    public List<String> conferenceIds() {
        return conferences.conferenceIds();
    }

    public ZoneId zone() {
        return zone;
    }

    private List<ResolutionView> publishedOf(String sessionId) {
        List<ResolutionView> published = new ArrayList<>();
        for (int page = 0; ; page++) {
            Page<ResolutionView> batch = resolutions.find(filter(sessionId), Paging.of(page, BATCH), Viewer.ANONYMOUS);
            published.addAll(batch.items());
            if ((long) (page + 1) * BATCH >= batch.total() || batch.items().isEmpty()) {
                return published;
            }
        }
    }

    private static ResolutionQueries.Filter filter(String sessionId) {
        return new ResolutionQueries.Filter(ResolutionStatus.PUBLISHED, sessionId, null, null);
    }

    /** Numbers each session's Beschlüsse by publication order; the result is in that order within each session. */
    private List<Decision> assemble(List<ResolutionView> published, Lookups lookups) {
        Map<String, List<ResolutionView>> bySession = new LinkedHashMap<>();
        published.forEach(v -> bySession.computeIfAbsent(v.sessionId(), s -> new ArrayList<>()).add(v));
        List<Decision> decisions = new ArrayList<>();
        bySession.forEach((sessionId, views) -> {
            Optional<SessionView> session = lookups.session(sessionId);
            List<ResolutionView> ordered = new ArrayList<>(views);
            ordered.sort(Comparator.comparing((ResolutionView v) -> lookups.facts(v.resolutionId()).publishedAt())
                    .thenComparing(ResolutionView::resolutionId));
            for (int i = 0; i < ordered.size(); i++) {
                ResolutionView view = ordered.get(i);
                Facts facts = lookups.facts(view.resolutionId());
                String conferenceId = facts.conferenceId() != null ? facts.conferenceId()
                        : session.map(SessionView::conferenceId).orElse("ledger");
                LocalDate date = session.map(SessionView::date)
                        .orElseGet(() -> (facts.adoptedAt() != null ? facts.adoptedAt() : facts.publishedAt())
                                .atZone(zone).toLocalDate());
                decisions.add(new Decision(view, conferenceId, lookups.conference(conferenceId), session, i + 1,
                        date, facts.proposedAt(), facts.adoptedAt(), facts.publishedAt(),
                        facts.publishedAt().atZone(zone).toLocalDate(), facts.publishedVersion(),
                        view.updatedAt()));
            }
        });
        return decisions;
    }

    /** Each aggregate read at most once per answer. */
    private final class Lookups {
        private final Map<String, Facts> facts = new HashMap<>();
        private final Map<String, Optional<SessionView>> sessionViews = new HashMap<>();
        private final Map<String, Optional<ConferenceRecord>> conferenceRecords = new HashMap<>();

        Facts facts(String resolutionId) {
            return facts.computeIfAbsent(resolutionId, id -> {
                Facts known = memo.get(id);
                if (known == null) {
                    known = readFacts(id);
                    if (known.publishedVersion() > 0) {
                        memo.put(id, known);
                    }
                }
                return known;
            });
        }

        Optional<SessionView> session(String sessionId) {
            return sessionViews.computeIfAbsent(sessionId, id -> {
                try {
                    return Optional.of(sessions.get(id, Viewer.ANONYMOUS));
                } catch (LedgerRefusedException unknown) {
                    return Optional.empty();
                }
            });
        }

        Optional<ConferenceRecord> conference(String conferenceId) {
            return conferenceRecords.computeIfAbsent(conferenceId, conferences::conference);
        }
    }

    private Facts readFacts(String resolutionId) {
        String conferenceId = null;
        Instant proposedAt = null;
        Instant adoptedAt = null;
        Instant publishedAt = null;
        Instant last = null;
        long version = 0;
        for (EventStoreGateway.Positioned stored : events.aggregate(resolutionId)) {
            if (!(stored.payload() instanceof ResolutionEvent event)) {
                continue;
            }
            last = event.occurredAt();
            if (event instanceof ResolutionProposed proposed) {
                conferenceId = proposed.conferenceId().value();
                proposedAt = proposed.occurredAt();
            } else if (event instanceof ResolutionAdopted adopted) {
                adoptedAt = adopted.occurredAt();
            } else if (event instanceof ResolutionPublished published && publishedAt == null) {
                publishedAt = published.occurredAt();
                version = published.version();
            }
        }
        if (publishedAt == null) {
            // the read model says published but the store does not show it: never invent a date, and do not memo
            publishedAt = last == null ? Instant.EPOCH : last;
        }
        return new Facts(conferenceId, proposedAt, adoptedAt, publishedAt, version);
    }
}
