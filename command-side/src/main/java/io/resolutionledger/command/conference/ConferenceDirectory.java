package io.resolutionledger.command.conference;

import io.resolutionledger.api.value.ConferenceId;

/**
 * The conference as other aggregates' command handlers see it. The production implementation loads the event-sourced
 * {@code Conference} aggregate in the same unit of work, so a decision never rests on a stale copy.
 */
public interface ConferenceDirectory {

    /** @throws io.resolutionledger.api.error.LedgerRefusedException CONFERENCE_NOT_FOUND */
    ConferenceFacts facts(ConferenceId conferenceId);
}
