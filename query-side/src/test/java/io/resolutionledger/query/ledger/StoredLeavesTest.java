package io.resolutionledger.query.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.resolutionledger.api.event.ResolutionProposed;
import io.resolutionledger.api.upcasting.LedgerUpcasters;
import io.resolutionledger.query.config.AxonConfig;
import io.resolutionledger.query.eventstore.EventStoreGateway;
import io.resolutionledger.query.support.QuerySideTest;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.resolutionledger.query.support.LedgerEvents.unique;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A leaf commits to the event as stored, not as the current classes read it: a release that adds an upcaster (here a
 * test-only one that rewrites every proposal's title and revision) changes what the projections read, but no leaf,
 * no proof and no verification. The control shows the same upcaster would break the log if leaves were built from
 * the upcast events, as they were before the stored path.
 */
class StoredLeavesTest extends QuerySideTest {

    /** What a later release might ship: ResolutionProposed revision 1 to 2, with a changed title. */
    static final class RetitlingUpcaster extends SingleEventUpcaster {

        private static final SimpleSerializedType REVISION_1 =
                new SimpleSerializedType(ResolutionProposed.class.getName(), "1");

        @Override
        protected boolean canUpcast(IntermediateEventRepresentation representation) {
            return REVISION_1.equals(representation.getType());
        }

        @Override
        protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
            return representation.upcastPayload(new SimpleSerializedType(REVISION_1.getName(), "2"), JsonNode.class,
                    payload -> {
                        ObjectNode copy = payload.deepCopy();
                        copy.put("title", "UPCAST " + copy.path("title").asText());
                        return copy;
                    });
        }
    }

    @Autowired
    private LeafReader reader;
    @Autowired
    private LogStore store;
    @Autowired
    private LogSigner signer;
    @Autowired
    private DataSource dataSource;
    @Autowired
    private TransactionManager transactionManager;
    @Autowired
    @Qualifier("eventSerializer")
    private Serializer eventSerializer;
    @Autowired
    private Serializer serializer;

    private EmbeddedEventStore upcastingStore;

    @AfterEach
    void shutDown() {
        if (upcastingStore != null) {
            upcastingStore.shutDown();
        }
    }

    @Test
    void an_upcaster_added_later_changes_no_leaf_and_verify_stays_valid() {
        String session = unique("s");
        String resolution = unique("r");
        ledger().schedule(session, 3, LocalDate.parse("2029-10-24"), "Mainz", "DE-RP")
                .propose(resolution, session, "Offene Daten", "Die Konferenz beschließt.", List.of("daten"), "DE-RP")
                .append();
        awaitLogged();
        Map<String, String> leavesBefore = leaves(reader, resolution);

        EventStorageEngine upcasting = engine(new EventUpcasterChain(LedgerUpcasters.chain(), new RetitlingUpcaster()));
        upcastingStore = EmbeddedEventStore.builder().storageEngine(upcasting).build();
        EventStoreGateway.StoredEvents stored = AxonConfig.storedEvents(engine(
                org.axonframework.serialization.upcasting.event.NoOpEventUpcaster.INSTANCE));
        EventStoreGateway nextRelease = new EventStoreGateway(upcastingStore, stored.log(), true, stored);

        // the upcaster is real: the read path of the next release sees the new title and revision
        DomainEventMessage<?> proposal = nextRelease.aggregate(resolution).get(0).domain();
        assertThat(((ResolutionProposed) proposal.getPayload()).title()).isEqualTo("UPCAST Offene Daten");
        assertThat(proposal.getPayloadType().getName()).isEqualTo(ResolutionProposed.class.getName());

        LeafReader nextReader = new LeafReader(nextRelease, eventSerializer);
        assertThat(leaves(nextReader, resolution)).isEqualTo(leavesBefore);
        assertThat(new String(java.util.Base64.getDecoder().decode(leavesBefore.values().iterator().next())))
                .contains("\"revision\":\"1\"").contains("\"title\":\"Offene Daten\"");
        LogVerifier.Verification verification = new LogVerifier(store, nextReader, signer, Duration.ofMinutes(2))
                .verify();
        assertThat(verification.valid()).as(verification.toString()).isTrue();

        // control: leaves built from the upcast events, as before, would make verify report a rewrite
        EventStoreGateway upcastLeaves = new EventStoreGateway(upcastingStore, stored.log(), true,
                new EventStoreGateway.StoredEvents(AxonConfig.storedEvents(upcasting).log(),
                        id -> upcastingStore.readEvents(id, 0)));
        LogVerifier.Verification broken = new LogVerifier(store, new LeafReader(upcastLeaves, eventSerializer),
                signer, Duration.ofMinutes(2)).verify();
        assertThat(broken.valid()).isFalse();
        long proposalIndex = store.placesOf(resolution).get(proposal.getIdentifier()).logIndex();
        assertThat(broken.firstMismatch().index()).as(broken.toString()).isLessThanOrEqualTo(proposalIndex);
    }

    private EventStorageEngine engine(org.axonframework.serialization.upcasting.event.EventUpcaster upcasters) {
        return AxonConfig.jdbcEngine(dataSource, transactionManager, eventSerializer, serializer, 100, upcasters);
    }

    /** The leaves of one aggregate's events by event id (base64 of the leaf bytes). */
    private static Map<String, String> leaves(LeafReader reader, String aggregate) {
        return reader.aggregate(aggregate).stream().collect(Collectors.toMap(DomainEventMessage::getIdentifier,
                event -> java.util.Base64.getEncoder().encodeToString(reader.leaf(0, event).bytes()),
                (a, b) -> a, java.util.TreeMap::new));
    }
}
