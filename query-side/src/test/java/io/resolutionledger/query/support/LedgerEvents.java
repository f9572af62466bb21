package io.resolutionledger.query.support;

import io.resolutionledger.api.event.*;
import io.resolutionledger.api.value.*;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.springframework.jdbc.core.JdbcTemplate;
import io.resolutionledger.query.eventstore.StoreNotifications;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Appends events to the event store the way the command side does (domain events with aggregate type, sequence and
 * the metadata every command carries), so that the tests exercise the real processors. Test code only: the query
 * side itself never appends.
 */
public final class LedgerEvents {

    public static final ConferenceId DMK = ConferenceId.of("DMK");
    public static final List<DelegationCode> MEMBERS = List.of("DE-BW", "DE-BY", "DE-BE", "DE-BB", "DE-HB", "DE-HH",
            "DE-HE", "DE-MV", "DE-NI", "DE-NW", "DE-RP", "DE-SL", "DE-SN", "DE-ST", "DE-SH", "DE-TH").stream()
            .map(DelegationCode::of).sorted().toList();
    public static final VotingRule RULE = VotingRule.qualifiedMajority(13, 9);

    private static final Map<String, Long> SEQUENCES = new ConcurrentHashMap<>();

    private final EventStorageEngine engine;
    private final JdbcTemplate jdbc;
    private final List<GenericDomainEventMessage<?>> pending = new ArrayList<>();
    private Instant clock = Instant.parse("2024-04-19T08:00:00Z");
    private Instant recordedAt;
    private String importId;

    LedgerEvents(EventStorageEngine engine, JdbcTemplate jdbc) {
        this.engine = engine;
        this.jdbc = jdbc;
    }

    public static DelegationCode code(String value) {
        return DelegationCode.of(value);
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** The instant the next event carries; each event moves it a minute on. */
    public Instant tick() {
        clock = clock.plusSeconds(60);
        return clock;
    }

    public LedgerEvents at(Instant instant) {
        clock = instant;
        return this;
    }

    /**
     * The recording time (the event message's timestamp) of the next events, a second apart, as if the ledger had
     * written them then; without it they are recorded now.
     */
    /** The next events come from a history import (metadata {@code importId}), as the command side marks them. */
    public LedgerEvents imported(String id) {
        importId = id;
        return this;
    }

    public LedgerEvents recordedAt(Instant instant) {
        recordedAt = instant;
        return this;
    }

    public LedgerEvents add(String aggregateType, String aggregateId, LedgerEvent event) {
        long sequence = SEQUENCES.merge(aggregateId, 1L, Long::sum) - 1;
        DelegationCode actor = event.actor();
        MetaData metaData = MetaData.with("user", actor == null ? "admin" : "user-" + actor.value().toLowerCase())
                .and("delegation", actor == null ? "" : actor.value())
                .and("correlationId", "corr-" + aggregateId + "-" + sequence)
                .and("traceId", "trace-" + aggregateId + "-" + sequence)
                .and("causationId", "cmd-" + aggregateId + "-" + sequence)
                .and("command", "test." + event.getClass().getSimpleName() + "Command")
                .and("idempotencyKey", UUID.nameUUIDFromBytes((aggregateId + sequence).getBytes()).toString());
        if (importId != null) {
            metaData = metaData.and("importId", importId);
        }
        if (recordedAt == null) {
            pending.add(new GenericDomainEventMessage<>(aggregateType, aggregateId, sequence, event, metaData));
        } else {
            pending.add(new GenericDomainEventMessage<>(aggregateType, aggregateId, sequence, event, metaData,
                    UUID.randomUUID().toString(), recordedAt));
            recordedAt = recordedAt.plusSeconds(1);
        }
        return this;
    }

    public LedgerEvents resolution(ResolutionEvent event) {
        return add("Resolution", event.resolutionId().value(), event);
    }

    public LedgerEvents session(SessionEvent event) {
        return add("Session", event.sessionId().value(), event);
    }

    public LedgerEvents conference(ConferenceEvent event) {
        return add("Conference", event.conferenceId().value(), event);
    }

    /** Appends what was added, in one transaction, and tells the query side as the command side does. */
    public void append() {
        engine.appendEvents(List.copyOf(pending));
        pending.clear();
        jdbc.execute("SELECT pg_notify('" + StoreNotifications.CHANNEL + "', '')");
    }

    // ---- a few steps of the lifecycle, as the command side would record them -------------------------------------

    public LedgerEvents schedule(String sessionId, int number, LocalDate date, String place, String chair) {
        return session(new SessionScheduled(SessionId.of(sessionId), DMK, number, SessionKind.REGULAR, date, place,
                code(chair), tick()));
    }

    public LedgerEvents open(String sessionId, String chair) {
        return session(new SessionOpened(SessionId.of(sessionId), code(chair), tick()));
    }

    public LedgerEvents propose(String id, String sessionId, String title, String text, List<String> topics,
                                String sponsor, String... coSponsors) {
        return resolution(new ResolutionProposed(ResolutionId.of(id), DMK, SessionId.of(sessionId), title, text,
                topics, code(sponsor), List.of(coSponsors).stream().map(DelegationCode::of).toList(), code(sponsor),
                tick()));
    }

    public LedgerEvents amend(String id, long version, String text, String by) {
        return resolution(new ResolutionAmended(ResolutionId.of(id), version, null, text, "clarified", code(by),
                tick()));
    }

    public LedgerEvents openVote(String id, String sessionId, long version, String chair) {
        return resolution(new VoteOpened(ResolutionId.of(id), SessionId.of(sessionId), version, "qualified-majority", RULE, MEMBERS,
                code(chair), tick()));
    }

    /** Every member votes: {@code yes} YES votes, the rest ABSTAIN. */
    public LedgerEvents votes(String id, long version, int yes) {
        for (int i = 0; i < MEMBERS.size(); i++) {
            resolution(new VoteCast(ResolutionId.of(id), version, i < yes ? VoteChoice.YES : VoteChoice.ABSTAIN,
                    MEMBERS.get(i), tick()));
        }
        return this;
    }

    public LedgerEvents adopt(String id, String sessionId, long version, int yes, String chair) {
        return resolution(new ResolutionAdopted(ResolutionId.of(id), SessionId.of(sessionId), version,
                new Tally(yes, 0, MEMBERS.size() - yes), RULE, code(chair), tick()));
    }

    public LedgerEvents publish(String id, long version, String reference, String chair) {
        return resolution(new ResolutionPublished(ResolutionId.of(id), version, reference, code(chair), tick()));
    }

    /** A resolution from proposal to publication: proposed, voted (16 YES), adopted, published. */
    public LedgerEvents published(String id, String sessionId, String title, List<String> topics, String sponsor,
                                  String chair) {
        return propose(id, sessionId, title, "The conference resolves: " + title + ".", topics, sponsor)
                .openVote(id, sessionId, 1, chair)
                .votes(id, 1, 16)
                .adopt(id, sessionId, 1, 16, chair)
                .publish(id, 1, "press release " + id, chair);
    }
}
