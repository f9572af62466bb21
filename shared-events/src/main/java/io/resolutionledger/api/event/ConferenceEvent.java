package io.resolutionledger.api.event;

import io.resolutionledger.api.value.ConferenceId;

public sealed interface ConferenceEvent extends LedgerEvent permits ConferenceEstablished, ChairHandedOver {

    ConferenceId conferenceId();
}
