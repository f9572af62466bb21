package io.resolutionledger.command.conference;

import io.resolutionledger.api.command.EstablishConference;
import io.resolutionledger.api.event.EventMetadata;
import io.resolutionledger.command.clock.BusinessClock;
import io.resolutionledger.command.config.AxonConfig;
import io.resolutionledger.command.config.LedgerProperties;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;


import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Establishes the configured conference on the first start against an empty store. Later starts find it in the
 * ledger and leave it alone: its members are then what its events say (a change of membership would be an event
 * of its own, which this version does not offer yet).
 */
@Component
class ConferenceBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(ConferenceBootstrap.class);

    private final LedgerProperties properties;
    private final EventStore eventStore;
    private final CommandGateway commands;
    private final ChairRules rules;
    private final Clock clock;

    ConferenceBootstrap(LedgerProperties properties, EventStore eventStore, CommandGateway commands,
                        ChairRules rules, BusinessClock clock) {
        this.properties = properties;
        this.eventStore = eventStore;
        this.commands = commands;
        this.rules = rules;
        this.clock = clock.wallClock();
    }

    @Override
    public void run(ApplicationArguments args) {
        LedgerProperties.Conference conference = properties.conference();
        if (eventStore.readEvents(conference.id()).hasNext()) {
            log.info("conference {} found in the ledger", conference.id());
            return;
        }
        Map<String, Object> metaData = new HashMap<>();
        metaData.put(AxonConfig.USER, "system:configuration");
        // the establishment happened on the founding date, not at this first start: history after it can be imported
        foundingInstant(conference).ifPresent(at -> metaData.put(EventMetadata.OCCURRED_AT, at.toString()));
        try {
            commands.sendAndWait(GenericCommandMessage.asCommandMessage(new EstablishConference(
                            conference.conferenceId(), conference.name(), conference.memberCodes(), conference.guestCodes()))
                    .andMetaData(metaData));
            log.info("conference {} established with {} members", conference.id(), conference.members().size());
        } catch (AggregateStreamCreationException | ConcurrencyException raced) {
            log.info("conference {} was established by another instance", conference.id());
        }
    }

    /** The start of the founding day in the conference's zone; never later than now (a date still to come is now). */
    private Optional<Instant> foundingInstant(LedgerProperties.Conference conference) {
        Instant now = clock.instant();
        return conference.founded().map(day -> day.atStartOfDay(rules.zone()).toInstant())
                .map(at -> at.isAfter(now) ? now : at);
    }
}
