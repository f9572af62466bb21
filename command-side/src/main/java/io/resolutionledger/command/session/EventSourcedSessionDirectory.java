package io.resolutionledger.command.session;

import io.resolutionledger.api.error.ErrorCode;
import io.resolutionledger.api.error.LedgerRefusedException;
import io.resolutionledger.api.value.SessionId;
import org.axonframework.config.Configuration;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

@Component
class EventSourcedSessionDirectory implements SessionDirectory {

    private final Configuration configuration;

    EventSourcedSessionDirectory(@Lazy Configuration configuration) {
        this.configuration = configuration;
    }

    @Override
    public SessionFacts facts(SessionId sessionId) {
        try {
            return configuration.repository(Session.class).load(sessionId.value()).invoke(Session::facts);
        } catch (AggregateNotFoundException e) {
            throw new LedgerRefusedException(ErrorCode.SESSION_NOT_FOUND, "no session " + sessionId);
        }
    }
}
