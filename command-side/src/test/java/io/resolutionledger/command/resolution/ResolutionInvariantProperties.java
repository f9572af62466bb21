package io.resolutionledger.command.resolution;

import io.resolutionledger.api.command.*;
import io.resolutionledger.api.event.*;
import io.resolutionledger.api.json.LedgerJson;
import io.resolutionledger.api.value.*;
import io.resolutionledger.command.conference.ConferenceDirectory;
import io.resolutionledger.command.config.AxonConfig;
import io.resolutionledger.command.session.SessionDirectory;
import io.resolutionledger.command.support.FixedDirectories;
import io.resolutionledger.testkit.TestDatabase;
import net.jqwik.api.*;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

import java.time.Clock;
import java.util.*;

import static io.resolutionledger.command.support.Dmk.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random sequences of commands by random delegations (members, guests, outsiders, the chair) against one resolution,
 * handled by the real aggregate on the real PostgreSQL event store, snapshotted every few events. Whatever is
 * accepted or refused, the stored history never breaks an invariant of the design.
 */
class ResolutionInvariantProperties {

    private static final List<DelegationCode> ACTORS = new ArrayList<>(MEMBERS);
    private static final int SNAPSHOT_EVERY = 4;
    private static Configuration axon;
    private static PGSimpleDataSource dataSource;

    static {
        ACTORS.addAll(GUESTS);
        ACTORS.add(OUTSIDER);
    }

    @BeforeContainer
    static void startAxonOnPostgres() {
        TestDatabase.Database db = TestDatabase.newDatabase();
        dataSource = new PGSimpleDataSource();
        dataSource.setUrl(db.url());
        dataSource.setUser(db.user());
        dataSource.setPassword(db.password());
        Flyway.configure().dataSource(dataSource).schemas("ledger_write").createSchemas(true)
                .locations("classpath:db/write").table("flyway_history_write").load().migrate();
        JacksonSerializer json = JacksonSerializer.builder().objectMapper(LedgerJson.messageMapper()).build();
        JacksonSerializer state = JacksonSerializer.builder().objectMapper(LedgerJson.stateMapper()).build();
        FixedDirectories directories = new FixedDirectories();
        axon = DefaultConfigurer.defaultConfiguration(false) // no module discovery: no Axon Server connector
                .configureEmbeddedEventStore(c -> JdbcEventStorageEngine.builder()
                        .connectionProvider(dataSource::getConnection)
                        .transactionManager(org.axonframework.common.transaction.NoTransactionManager.INSTANCE)
                        .eventSerializer(json)
                        .snapshotSerializer(state)
                        .schema(AxonConfig.EventStoreSchema.SCHEMA)
                        .build())
                .configureSerializer(c -> json)
                .registerComponent(SessionDirectory.class, c -> directories)
                .registerComponent(ConferenceDirectory.class, c -> directories)
                .registerComponent(Clock.class, c -> Clock.systemUTC())
                .registerComponent(RulesOfProcedure.class, c -> RULES)
                // snapshots every few events, so that decisions are also taken on state restored from a snapshot
                .configureAggregate(AggregateConfigurer.defaultConfiguration(Resolution.class)
                        .configureSnapshotTrigger(c -> new EventCountSnapshotTriggerDefinition(c.snapshotter(), SNAPSHOT_EVERY)))
                .buildConfiguration();
        axon.start();
    }

    @AfterContainer
    static void stop() throws Exception {
        try (var c = dataSource.getConnection(); var st = c.createStatement();
             var rs = st.executeQuery("SELECT count(*) FROM ledger_write.snapshot_event_entry")) {
            rs.next();
            assertThat(rs.getLong(1)).as("snapshots were taken and used").isPositive();
        } finally {
            axon.shutdown();
        }
    }

    record Step(String kind, DelegationCode actor, VoteChoice choice, int versionSkew) {
    }

    @Provide
    Arbitrary<List<Step>> scripts() {
        Arbitrary<String> kinds = Arbitraries.of("amend", "table", "accept", "decline", "cosponsor", "withdraw",
                        "open", "vote", "vote", "vote", "vote", "adopt", "reject", "publish")
                .edgeCases(config -> config.includeOnly("vote"));
        Arbitrary<DelegationCode> actors = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.of(BE, BB)), Tuple.of(10, Arbitraries.of(ACTORS)));
        Arbitrary<Step> step = Combinators.combine(kinds, actors, Arbitraries.of(VoteChoice.class),
                Arbitraries.integers().between(-1, 1).withDistribution(RandomDistribution.uniform()))
                .as(Step::new);
        return step.list().ofMinSize(5).ofMaxSize(50);
    }

    @Property(tries = 40)
    void no_sequence_of_commands_breaks_an_invariant(@ForAll("scripts") List<Step> script) {
        CommandGateway gateway = axon.commandGateway();
        EventStore store = axon.eventStore();
        ResolutionId id = ResolutionId.of(UUID.randomUUID().toString());
        gateway.sendAndWait(new ProposeResolution(id, FixedDirectories.OPEN_SESSION, "Titel", "Text", List.of("t"),
                List.of(BE), BY));
        List<AmendmentId> tabled = new ArrayList<>();
        long knownVersion = 1;
        long stored = count(store, id);
        for (Step step : script) {
            Object command = switch (step.kind()) {
                case "amend" -> new AmendResolution(id, knownVersion + step.versionSkew(), null, "Text " + UUID.randomUUID(), null, step.actor());
                case "table" -> {
                    AmendmentId a = AmendmentId.of("a" + tabled.size());
                    tabled.add(a);
                    yield new TableAmendment(id, a, null, "Vorschlag", null, step.actor());
                }
                case "accept" -> new AcceptTabledAmendment(id, tabled.isEmpty() ? AmendmentId.of("none") : tabled.get(tabled.size() - 1),
                        knownVersion + step.versionSkew(), step.actor());
                case "decline" -> new DeclineTabledAmendment(id, tabled.isEmpty() ? AmendmentId.of("none") : tabled.get(0), "nein", step.actor());
                case "cosponsor" -> new CoSponsorResolution(id, step.actor());
                case "withdraw" -> new WithdrawResolution(id, "weg", step.actor());
                case "open" -> new OpenVote(id, null, step.actor());
                case "vote" -> new CastVote(id, step.choice(), step.actor());
                case "adopt" -> new AdoptResolution(id, step.actor());
                case "reject" -> new RejectResolution(id, "nein", step.actor());
                case "publish" -> new PublishResolution(id, "Ref", step.actor());
                default -> throw new IllegalStateException(step.kind());
            };
            try {
                Object result = gateway.sendAndWait(command);
                if (result instanceof Long version) {
                    knownVersion = version;
                }
                stored = count(store, id);
            } catch (RuntimeException refused) {
                assertThat(count(store, id)).as("a refused %s writes nothing", step.kind()).isEqualTo(stored);
            }
        }
        checkInvariants(history(store, id));
    }

    private static void checkInvariants(List<DomainEventMessage<?>> history) {
        long expectedSequence = 0;
        long version = 0;
        ResolutionStatus status = null;
        VotingRule rule = null;
        Set<DelegationCode> voted = new HashSet<>();
        Tally tally = Tally.EMPTY;
        for (DomainEventMessage<?> message : history) {
            assertThat(message.getSequenceNumber()).as("sequence numbers are contiguous").isEqualTo(expectedSequence++);
            ResolutionEvent event = (ResolutionEvent) message.getPayload();
            assertThat(status == null || !status.isFinal()).as("nothing happens after %s", status).isTrue();
            if (event instanceof ResolutionProposed e) {
                assertThat(status).isNull();
                assertThat(MEMBERS).contains(e.sponsor());
                version = 1;
                status = ResolutionStatus.PROPOSED;
            } else if (event instanceof ResolutionAmended e) {
                assertThat(status).isEqualTo(ResolutionStatus.PROPOSED);
                assertThat(e.version()).as("versions are contiguous").isEqualTo(++version);
            } else if (event instanceof TabledAmendmentAccepted e) {
                assertThat(status).isEqualTo(ResolutionStatus.PROPOSED);
                assertThat(e.version()).as("versions are contiguous").isEqualTo(++version);
            } else if (event instanceof AmendmentTabled e) {
                assertThat(MEMBERS).contains(e.actor());
            } else if (event instanceof TabledAmendmentDeclined) {
                assertThat(status).isEqualTo(ResolutionStatus.PROPOSED);
            } else if (event instanceof CoSponsorJoined e) {
                assertThat(MEMBERS).contains(e.actor());
            } else if (event instanceof ResolutionWithdrawn) {
                assertThat(status).isEqualTo(ResolutionStatus.PROPOSED);
                status = ResolutionStatus.WITHDRAWN;
            } else if (event instanceof VoteOpened e) {
                assertThat(status).isEqualTo(ResolutionStatus.PROPOSED);
                assertThat(List.of(BE, BB)).as("only the chair opens").contains(e.actor());
                assertThat(e.version()).isEqualTo(version);
                rule = e.rule();
                status = ResolutionStatus.VOTING;
            } else if (event instanceof VoteCast e) {
                assertThat(status).isEqualTo(ResolutionStatus.VOTING);
                assertThat(MEMBERS).as("only members vote").contains(e.actor());
                assertThat(voted.add(e.actor())).as("one vote per member").isTrue();
                tally = tally.with(e.choice());
            } else if (event instanceof ResolutionAdopted e) {
                assertThat(status).isEqualTo(ResolutionStatus.VOTING);
                assertThat(e.tally()).isEqualTo(tally);
                assertThat(rule.isMetBy(tally)).as("adopted only if the rule was met").isTrue();
                status = ResolutionStatus.ADOPTED;
            } else if (event instanceof ResolutionRejected) {
                assertThat(status).isEqualTo(ResolutionStatus.VOTING);
                assertThat(rule.isMetBy(tally)).isFalse();
                status = ResolutionStatus.REJECTED;
            } else if (event instanceof ResolutionPublished) {
                assertThat(status).isEqualTo(ResolutionStatus.ADOPTED);
                status = ResolutionStatus.PUBLISHED;
            }
        }
    }

    private static long count(EventStore store, ResolutionId id) {
        return history(store, id).size();
    }

    private static List<DomainEventMessage<?>> history(EventStore store, ResolutionId id) {
        List<DomainEventMessage<?>> events = new ArrayList<>();
        store.readEvents(id.value(), 0).forEachRemaining(events::add); // from 0: the events, not the snapshot
        return events;
    }
}
