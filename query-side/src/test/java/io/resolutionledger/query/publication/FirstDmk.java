package io.resolutionledger.query.publication;

import io.resolutionledger.api.event.ConferenceEstablished;
import io.resolutionledger.api.event.SessionScheduled;
import io.resolutionledger.api.value.SessionId;
import io.resolutionledger.api.value.SessionKind;
import io.resolutionledger.query.support.LedgerEvents;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static io.resolutionledger.query.support.LedgerEvents.DMK;
import static io.resolutionledger.query.support.LedgerEvents.MEMBERS;
import static io.resolutionledger.query.support.LedgerEvents.code;
import static io.resolutionledger.query.support.LedgerEvents.unique;

/**
 * The publication tests' history, recorded once per test JVM: the 1st DMK (2024-04-19, Potsdam) with its five
 * Beschlüsse as DESIGN.md describes them (German texts as in {@code ./ledger demo}; number 3 amended once, number 5
 * with one abstention) and one adopted but unpublished resolution; and a special session whose Beschlüsse carry
 * what a renderer must survive: markup characters, quotes, control characters, several paragraphs and a long text.
 */
final class FirstDmk {

    static final String[] TITLES = {
            "Potenziale der Digitalisierung für die Ressourcennutzung",
            "Stand der digitalen Transformation messen",
            "Nationale Umsetzung der KI-Verordnung",
            "Digitale Teilhabe aller gesellschaftlichen Gruppen",
            "Arbeits-, Lohn-, Sozial- und Sicherheitsstandards beim Breitbandausbau"};
    static final String[] TEXTS = {
            "Die DMK setzt sich für datengetriebene Smart-City- und Smart-Region-Lösungen in Mobilität und Verkehr, "
                    + "Energie- und Wasserversorgung sowie für Green IT in der Verwaltung ein.",
            "Die DMK strebt eine unabhängige, langfristige Messung des Stands der digitalen Transformation an, "
                    + "beginnend mit einer Pilotstudie in der Wirtschaft gemeinsam mit dem Bund und der "
                    + "Wirtschaftsministerkonferenz.",
            "Die DMK fordert den Bund auf, die KI-Verordnung der EU zügig national umzusetzen.",
            "Die DMK setzt sich für niedrigschwellige Angebote zur Medienkompetenz und die barrierefreie Gestaltung "
                    + "digitaler Lösungen ein.",
            "Die DMK richtet Forderungen zu Arbeits-, Lohn-, Sozial- und Sicherheitsstandards beim Breitbandausbau "
                    + "an den Bund und die Telekommunikationsunternehmen."};
    static final String AMENDED_3 = "Die DMK fordert den Bund auf, die KI-Verordnung der EU unverzüglich und "
            + "gemeinsam mit den Ländern national umzusetzen und weiteren Rechtsbedarf für die Rechtssicherheit "
            + "KI-nutzender Unternehmen zu ermitteln.";
    static final String[] SPONSORS = {"DE-BB", "DE-BY", "DE-BE", "DE-NW", "DE-SN"};
    static final String REFERENCE = "Digitales Brandenburg, Pressemitteilung vom 19.04.2024";

    static final String MARKUP_TITLE = "Daten & „Souveränität“ <Teil 1> — Maß halten";
    static final String MARKUP_TEXT = "Erstens: <script>alert('x')</script> & \"Anführungszeichen\" ]]> bleiben Text."
            + "\n\nZweitens: Straßen, Brücken und Größe\u0007 zählen.\nDritte Zeile im zweiten Absatz.";

    static final String SESSION = unique("dmk-2024-1");
    static final String SPECIAL = unique("dmk-2024-s1");
    static final String[] IDS = {unique("b1"), unique("b2"), unique("b3"), unique("b4"), unique("b5")};
    static final String UNPUBLISHED = unique("adopted");
    static final String MARKUP = unique("markup");
    static final String LONG = unique("long");

    private static volatile boolean recorded;

    private FirstDmk() {
    }

    static String longText() {
        StringBuilder text = new StringBuilder();
        for (int paragraph = 1; paragraph <= 12; paragraph++) {
            for (int sentence = 1; sentence <= 14; sentence++) {
                text.append("Absatz ").append(paragraph).append(", Satz ").append(sentence)
                        .append(": Die Länder prüfen gemeinsam, wie Verwaltungsleistungen übergreifend, "
                                + "barrierefrei und datensparsam angeboten werden können. ");
            }
            text.append("\n\n");
        }
        return text.toString().strip();
    }

    static synchronized void recordOnce(LedgerEvents ledger, JdbcTemplate jdbc) {
        if (recorded) {
            return;
        }
        Integer established = jdbc.queryForObject("""
                SELECT count(*) FROM ledger_write.domain_event_entry
                WHERE aggregate_identifier = 'DMK' AND payload_type LIKE '%ConferenceEstablished'
                """, Integer.class);
        if (established == null || established == 0) {
            ledger.conference(new ConferenceEstablished(DMK, "Digitalministerkonferenz der Länder", MEMBERS,
                    List.of(code("DE-BMDS"), code("DE-BSI")), null, Instant.parse("2023-11-09T10:00:00Z")));
        }
        ledger.at(Instant.parse("2024-04-19T07:00:00Z"))
                .schedule(SESSION, 1, LocalDate.parse("2024-04-19"), "Potsdam, Hasso-Plattner-Institut", "DE-BE")
                .open(SESSION, "DE-BE");
        for (int i = 0; i < 5; i++) {
            ledger.propose(IDS[i], SESSION, TITLES[i], TEXTS[i], List.of("topic-" + (i + 1)), SPONSORS[i],
                    i == 0 ? new String[]{"DE-BE"} : new String[0]);
        }
        ledger.amend(IDS[2], 2, AMENDED_3, "DE-BE");
        ledger.propose(UNPUBLISHED, SESSION, "Noch nicht veröffentlicht", "Geheim bis zur Veröffentlichung.",
                List.of("secret"), "DE-HH");
        for (int i = 0; i < 5; i++) {
            long version = i == 2 ? 2 : 1;
            int yes = i == 4 ? 15 : 16;
            ledger.openVote(IDS[i], SESSION, version, "DE-BE").votes(IDS[i], version, yes)
                    .adopt(IDS[i], SESSION, version, yes, "DE-BB");
        }
        ledger.openVote(UNPUBLISHED, SESSION, 1, "DE-BE").votes(UNPUBLISHED, 1, 16)
                .adopt(UNPUBLISHED, SESSION, 1, 16, "DE-BB");
        for (int i = 0; i < 5; i++) {
            ledger.publish(IDS[i], i == 2 ? 2 : 1, REFERENCE, "DE-BE");
        }
        ledger.at(Instant.parse("2024-06-20T08:00:00Z"))
                .session(new SessionScheduled(SessionId.of(SPECIAL), DMK, 2, SessionKind.SPECIAL,
                        LocalDate.parse("2024-06-20"), "Videokonferenz", code("DE-BE"), ledger.tick()))
                .open(SPECIAL, "DE-BE")
                .propose(MARKUP, SPECIAL, MARKUP_TITLE, MARKUP_TEXT, List.of("daten & recht"), "DE-TH", "DE-SN")
                .propose(LONG, SPECIAL, "Gemeinsame Verwaltungsleistungen", longText(), List.of("verwaltung"),
                        "DE-HE")
                .openVote(MARKUP, SPECIAL, 1, "DE-BE").votes(MARKUP, 1, 14).adopt(MARKUP, SPECIAL, 1, 14, "DE-BE")
                .openVote(LONG, SPECIAL, 1, "DE-BE").votes(LONG, 1, 16).adopt(LONG, SPECIAL, 1, 16, "DE-BE")
                .publish(MARKUP, 1, "Beschlussniederschrift <Sondersitzung> & Anlage", "DE-BE")
                .publish(LONG, 1, "Beschlussniederschrift der Sondersitzung", "DE-BE")
                .append();
        recorded = true;
    }
}
