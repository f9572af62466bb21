package io.resolutionledger.api;

import io.resolutionledger.api.command.*;
import io.resolutionledger.api.event.*;
import io.resolutionledger.api.value.*;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** One fixed, fully populated instance of every command and event: the input of the JSON tests. */
final class SampleMessages {

    static final ResolutionId RESOLUTION = ResolutionId.of("7f1c9b1e-2d1a-4c55-9a57-0c8a1d3f4b21");
    static final SessionId SESSION = SessionId.of("dmk-2024-1");
    static final ConferenceId DMK = ConferenceId.of("DMK");
    static final AmendmentId AMENDMENT = AmendmentId.of("a-1");
    static final DelegationCode BE = DelegationCode.of("DE-BE");
    static final DelegationCode BB = DelegationCode.of("DE-BB");
    static final DelegationCode BY = DelegationCode.of("DE-BY");
    static final Instant AT = Instant.parse("2024-04-19T10:15:30.123Z");
    static final LocalDate DAY = LocalDate.of(2024, 4, 19);
    static final VotingRule RULE = VotingRule.qualifiedMajority(13, 9);
    static final Tally TALLY = new Tally(14, 1, 1);

    private SampleMessages() {
    }

    static List<Object> events() {
        return List.of(
                new ResolutionProposed(RESOLUTION, DMK, SESSION, "Ressourcennutzung durch Digitalisierung",
                        "Die DMK setzt sich für datengetriebene Smart-City-Lösungen ein.", List.of("smart-city", "green-it"),
                        BB, List.of(BE), BB, AT),
                new ResolutionAmended(RESOLUTION, 2, "Ressourcennutzung", "Neuer Text", "Präzisierung", BB, AT),
                new AmendmentTabled(RESOLUTION, AMENDMENT, 2, null, "Gegenvorschlag", "Klarheit", BY, AT),
                new TabledAmendmentAccepted(RESOLUTION, AMENDMENT, 3, "Ressourcennutzung", "Gegenvorschlag", BY, BB, AT),
                new TabledAmendmentDeclined(RESOLUTION, AMENDMENT, "nicht zielführend", BB, AT),
                new CoSponsorJoined(RESOLUTION, BY, AT),
                new ResolutionWithdrawn(RESOLUTION, "zurückgezogen", BB, AT),
                new VoteOpened(RESOLUTION, SESSION, 3, "qualified-majority", RULE, List.of(BB, BE, BY), BE, AT),
                new VoteCast(RESOLUTION, 3, VoteChoice.YES, BY, AT),
                new ResolutionAdopted(RESOLUTION, SESSION, 3, TALLY, RULE, DecidedBy.DEADLINE, null, AT),
                new ResolutionRejected(RESOLUTION, SESSION, 3, new Tally(2, 10, 4), RULE, "Mehrheit verfehlt",
                        DecidedBy.CHAIR, BE, AT),
                new WrittenProcedureOpened(RESOLUTION, Instant.parse("2024-05-17T10:00:00Z"), BE, AT),
                new ResolutionAddressed(RESOLUTION, List.of("BUND", "TK-UNTERNEHMEN"), List.of("WMK"), BB, AT),
                new MandateGiven(RESOLUTION, "m-1", "Den Austausch zu Smart City/Smart Region vertiefen", BB,
                        LocalDate.of(2024, 12, 31), BE, AT),
                new MandateReported(RESOLUTION, "m-1", MandateStatus.DONE, "Workshop am 2024-11-12", BB, AT),
                new SubscriptionCreated("sub-1", "DE-BY", "https://hooks.bayern.example/ledger",
                        List.of("ResolutionAdopted", "ResolutionPublished"), true, BY, AT),
                new SubscriptionDeleted("sub-1", BY, AT),
                new SubscriptionSecretRotated("sub-1", 1, Instant.parse("2024-04-20T10:00:00Z"), BY, AT),
                new TranslationAdded(RESOLUTION, 3, "en", "Using digitalisation for resources",
                        "The DMK supports data-driven smart city solutions.", BB, AT),
                new ResolutionPublished(RESOLUTION, 3, "Digitales Brandenburg, 2024-04-19", BE, AT),
                new SessionScheduled(SESSION, DMK, 1, SessionKind.REGULAR, DAY, "Potsdam, Hasso-Plattner-Institut", BE, AT),
                new SessionOpened(SESSION, BE, AT),
                new SessionClosed(SESSION, BB, AT),
                new SessionPostponed(SESSION, DAY, LocalDate.of(2024, 4, 26), "Terminkollision", BE, AT),
                new SessionCancelled(SESSION, "entfällt", BE, AT),
                new AttendanceRecorded(SESSION, null, DelegationCode.of("DE-BMDS"), "Bundesminister für Digitales und Staatsmodernisierung", true, BE, AT),
                new AgendaItemAdded(SESSION, "top-2", 2, AgendaItemKind.RESOLUTION, "Ressourcennutzung", RESOLUTION, "DE-BB", BE, AT),
                new AgendaReordered(SESSION, List.of("top-2", "top-1"), BE, AT),
                new ResolutionTransferred(RESOLUTION, SESSION, SessionId.of("dmk-2024-2"), BE, AT),
                new ConferenceEstablished(DMK, "Digitalministerkonferenz", List.of(BB, BE, BY),
                        List.of(DelegationCode.of("DE-BSI")), null, AT),
                new ChairHandedOver(DMK, 2025, List.of(BE, BB), List.of(DelegationCode.of("DE-RP")),
                        LocalDate.of(2025, 1, 1), BE, AT));
    }

    static List<Object> commands() {
        return List.of(
                new ProposeResolution(RESOLUTION, SESSION, "Titel", "Text", List.of("ai-act"), List.of(BE),
                        List.of("BUND"), List.of("WMK"), BB),
                new AmendResolution(RESOLUTION, 1, "Titel", "Text 2", "Grund", List.of("BUND", "EU"), List.of(), BB),
                new TableAmendment(RESOLUTION, AMENDMENT, null, "Text 3", "Grund", BY),
                new AcceptTabledAmendment(RESOLUTION, AMENDMENT, 2, BB),
                new DeclineTabledAmendment(RESOLUTION, AMENDMENT, "Grund", BB),
                new CoSponsorResolution(RESOLUTION, BY),
                new WithdrawResolution(RESOLUTION, "Grund", BB),
                new OpenVote(RESOLUTION, "unanimity", BE),
                new OpenWrittenProcedure(RESOLUTION, Instant.parse("2024-05-17T10:00:00Z"), "unanimity", BE),
                new GiveMandate(RESOLUTION, "m-1", "Pilotstudie mit Bund und WMK", BB, LocalDate.of(2024, 12, 31), BE),
                new ReportOnMandate(RESOLUTION, "m-1", MandateStatus.IN_PROGRESS, "Ausschreibung läuft", BB),
                new CreateSubscription("sub-1", "https://hooks.bayern.example/ledger", List.of("*"), BY, false),
                new DeleteSubscription("sub-1", null, true),
                new RotateSubscriptionSecret("sub-1", BY, false),
                new ConcludeWrittenProcedure(RESOLUTION, null, true),
                new AddTranslation(RESOLUTION, 3, "en", "Title", "Text", BB),
                new CastVote(RESOLUTION, VoteChoice.ABSTAIN, BY),
                new AdoptResolution(RESOLUTION, BE),
                new RejectResolution(RESOLUTION, "Grund", BE),
                new PublishResolution(RESOLUTION, "Ref", BE),
                new ScheduleSession(SESSION, DMK, 1, SessionKind.SPECIAL, DAY, "Berlin", BE),
                new OpenSession(SESSION, BE),
                new CloseSession(SESSION, BE),
                new RecordAttendance(SESSION, BY, null, null, true, BE),
                new PostponeSession(SESSION, LocalDate.of(2024, 4, 26), "Terminkollision", BE),
                new CancelSession(SESSION, "entfällt", BE),
                new AddAgendaItem(SESSION, "top-1", AgendaItemKind.OTHER, "Verschiedenes", null, null, BE),
                new ReorderAgenda(SESSION, List.of("top-2", "top-1"), BE),
                new TransferResolution(RESOLUTION, SessionId.of("dmk-2024-2"), BE),
                new EstablishConference(DMK, "DMK", List.of(BB, BE), List.of()),
                new HandOverChair(DMK, 2024, List.of(BE, BB), DAY, null, true));
    }
}
