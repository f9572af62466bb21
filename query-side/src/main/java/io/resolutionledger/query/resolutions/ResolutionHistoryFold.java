package io.resolutionledger.query.resolutions;

import io.resolutionledger.api.event.*;
import io.resolutionledger.api.value.DelegationCode;
import io.resolutionledger.api.value.ResolutionStatus;
import io.resolutionledger.api.value.Tally;
import io.resolutionledger.api.value.VoteChoice;
import io.resolutionledger.api.value.VotingRule;
import io.resolutionledger.query.resolutions.ResolutionViews.ResolutionView;
import io.resolutionledger.query.resolutions.ResolutionViews.RuleView;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A resolution's state folded from its events, in memory: the same answer as {@link ResolutionProjection}'s row
 * (kept in step with it; ResolutionTimeTravelTest compares the two), but computed from the event store, so that the
 * state at any instant can be rebuilt without trusting the read model. Pure: no I/O, no clock.
 */
public final class ResolutionHistoryFold {

    private String id;
    private String title;
    private String text;
    private long version;
    private ResolutionStatus status;
    private String sponsor;
    private List<String> coSponsors = new ArrayList<>();
    private String sessionId;
    private List<String> topics = List.of();
    private Tally tally;
    private VotingRule rule;
    private String reference;
    private Instant createdAt;
    private Instant updatedAt;
    /** Votes per version: the first vote of a delegation counts (as in the projection, where it is the key). */
    private final Map<Long, Map<String, VoteChoice>> votes = new HashMap<>();

    /**
     * The state after the events (in their aggregate order) that had occurred by {@code asOf}; empty when the
     * resolution had not been proposed by then. The events are a prefix: the first one after {@code asOf} ends it.
     */
    public static Optional<ResolutionView> asOf(List<? extends ResolutionEvent> events, Instant asOf) {
        ResolutionHistoryFold fold = new ResolutionHistoryFold();
        for (ResolutionEvent event : events) {
            if (event.occurredAt().isAfter(asOf)) {
                break;
            }
            fold.apply(event);
        }
        return fold.view();
    }

    public Optional<ResolutionView> view() {
        if (id == null) {
            return Optional.empty();
        }
        return Optional.of(new ResolutionView(id, title, text, version, status, sponsor, List.copyOf(coSponsors),
                sessionId, topics, tally, RuleView.of(rule), reference, createdAt, updatedAt));
    }

    public void apply(ResolutionEvent event) {
        if (event instanceof ResolutionProposed e) {
            if (id != null) {
                return; // a second proposal of the same id is a no-op, as in the projection
            }
            id = e.resolutionId().value();
            title = e.title();
            text = e.text();
            version = 1;
            status = ResolutionStatus.PROPOSED;
            sponsor = code(e.sponsor());
            coSponsors = new ArrayList<>(e.coSponsors().stream().map(DelegationCode::value).toList());
            sessionId = e.sessionId().value();
            topics = List.copyOf(e.topics());
            createdAt = e.occurredAt();
        } else if (id == null) {
            return; // nothing exists before the proposal
        } else if (event instanceof ResolutionAmended e) {
            newVersion(e.title(), e.text(), e.version());
        } else if (event instanceof TabledAmendmentAccepted e) {
            newVersion(e.title(), e.text(), e.version());
        } else if (event instanceof CoSponsorJoined e) {
            String joined = code(e.actor());
            if (!coSponsors.contains(joined)) {
                coSponsors.add(joined);
            }
        } else if (event instanceof ResolutionWithdrawn) {
            status = ResolutionStatus.WITHDRAWN;
        } else if (event instanceof VoteOpened e) {
            status = ResolutionStatus.VOTING;
            rule = e.rule();
            tally = Tally.EMPTY;
        } else if (event instanceof VoteCast e) {
            Map<String, VoteChoice> cast = votes.computeIfAbsent(e.version(), v -> new LinkedHashMap<>());
            cast.putIfAbsent(code(e.actor()), e.choice());
            Tally counted = Tally.EMPTY;
            for (VoteChoice choice : cast.values()) {
                counted = counted.with(choice);
            }
            tally = counted;
        } else if (event instanceof ResolutionAdopted e) {
            status = ResolutionStatus.ADOPTED;
            rule = e.rule();
            tally = e.tally();
        } else if (event instanceof ResolutionRejected e) {
            status = ResolutionStatus.REJECTED;
            rule = e.rule() == null ? rule : e.rule();
            tally = e.tally();
        } else if (event instanceof ResolutionPublished e) {
            status = ResolutionStatus.PUBLISHED;
            reference = e.reference();
        }
        // AmendmentTabled and TabledAmendmentDeclined change nothing of the state but its time
        updatedAt = event.occurredAt();
    }

    private void newVersion(String newTitle, String newText, long newVersion) {
        title = newTitle == null ? title : newTitle;
        text = newText;
        version = newVersion;
    }

    private static String code(DelegationCode code) {
        return code == null ? null : code.value();
    }
}
