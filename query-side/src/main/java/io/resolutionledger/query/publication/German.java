package io.resolutionledger.query.publication;

import io.resolutionledger.api.value.Tally;
import io.resolutionledger.api.value.VotingRule;
import io.resolutionledger.query.resolutions.ResolutionViews.RuleView;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/**
 * The wording of the public documents, which are German: vote results, voting rules, dates, and the names of the
 * members. Member names are those of ISO 3166-2:DE (facts about the codes, not about any one conference); a code
 * outside that list is shown as it is.
 */
final class German {

    private static final DateTimeFormatter LONG_DATE = DateTimeFormatter.ofPattern("d. MMMM yyyy", Locale.GERMAN);

    private static final Map<String, String> LAENDER = Map.ofEntries(
            Map.entry("DE-BW", "Baden-Württemberg"), Map.entry("DE-BY", "Bayern"), Map.entry("DE-BE", "Berlin"),
            Map.entry("DE-BB", "Brandenburg"), Map.entry("DE-HB", "Bremen"), Map.entry("DE-HH", "Hamburg"),
            Map.entry("DE-HE", "Hessen"), Map.entry("DE-MV", "Mecklenburg-Vorpommern"),
            Map.entry("DE-NI", "Niedersachsen"), Map.entry("DE-NW", "Nordrhein-Westfalen"),
            Map.entry("DE-RP", "Rheinland-Pfalz"), Map.entry("DE-SL", "Saarland"), Map.entry("DE-SN", "Sachsen"),
            Map.entry("DE-ST", "Sachsen-Anhalt"), Map.entry("DE-SH", "Schleswig-Holstein"),
            Map.entry("DE-TH", "Thüringen"));

    private German() {
    }

    static String member(String code) {
        return LAENDER.getOrDefault(code, code);
    }

    static String date(LocalDate date) {
        return LONG_DATE.format(date);
    }

    static String tally(Tally tally) {
        if (tally == null) {
            return "nicht erfasst";
        }
        return tally.yes() + " Ja, " + tally.no() + " Nein, " + tally.abstain() + " Enthaltung"
                + (tally.abstain() == 1 ? "" : "en");
    }

    static String rule(RuleView rule) {
        if (rule == null) {
            return "nicht erfasst";
        }
        String kind = switch (rule.kind()) {
            case UNANIMITY -> "Einstimmigkeit";
            case QUALIFIED_MAJORITY -> "qualifizierte Mehrheit von mindestens " + rule.minimumYes() + " Ja-Stimmen";
            case SIMPLE_MAJORITY -> "einfache Mehrheit";
        };
        String abstentions = rule.abstentions() == VotingRule.AbstentionPolicy.NEUTRAL
                ? "Enthaltungen zählen nicht als Nein-Stimmen" : "Enthaltungen zählen als Nein-Stimmen";
        return kind + ", Beschlussfähigkeit ab " + rule.quorum() + " abgegebenen Stimmen, " + abstentions;
    }
}
