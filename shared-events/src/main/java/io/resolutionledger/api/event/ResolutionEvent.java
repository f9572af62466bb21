package io.resolutionledger.api.event;

import io.resolutionledger.api.value.ResolutionId;

/** The events of one resolution's life; projections switch over them exhaustively. */
public sealed interface ResolutionEvent extends LedgerEvent permits ResolutionProposed, ResolutionAmended,
        AmendmentTabled, TabledAmendmentAccepted, TabledAmendmentDeclined, CoSponsorJoined, ResolutionWithdrawn,
        VoteOpened, VoteCast, ResolutionAdopted, ResolutionRejected, ResolutionPublished,
        ResolutionTransferred, TranslationAdded, WrittenProcedureOpened, ResolutionAddressed, MandateGiven,
        MandateReported {

    ResolutionId resolutionId();
}
