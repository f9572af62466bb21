package io.resolutionledger.query.publication;

import io.resolutionledger.query.publication.Decisions.Decision;
import io.resolutionledger.query.resolutions.ResolutionViews.ResolutionView;
import io.resolutionledger.query.resolutions.Translations.Translation;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A published Beschluss as an Akoma Ntoso 3.0 document, written with StAX (the writer escapes every text and
 * attribute; characters XML 1.0 cannot carry at all are replaced by U+FFFD).
 * <p>
 * The document type is {@code <statement name="beschluss">}: Akoma Ntoso defines {@code statement} for "an official
 * document of a body that may or may not be normative in structure (e.g., statements, resolutions, etc.)", which is
 * exactly what a Beschluss of a ministers' conference is: it binds nobody by law (so not an {@code act} or
 * {@code bill}), it is not a record of a debate ({@code debate}/{@code debateReport}), and {@code doc} is only the
 * fallback for documents no specific type fits. The FRBR URIs follow the Akoma Ntoso naming convention with that
 * type: {@code /akn/de-dmk/statement/beschluss/2024-04-19/3/deu@2024-04-19}.
 * <p>
 * One expression per language: the original ({@code deu}) is the authoritative one; a translation of the published
 * version is its own expression of the same work ({@code …/3/eng@2024-04-19}), marked not authoritative, naming the
 * original in {@code FRBRtranslation}, with its title and text and the document's fixed words in its language.
 * <p>
 * The output is a pure function of the Beschluss and the base address: asking twice gives the same bytes.
 */
public final class AkomaNtoso {

    public static final String NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0";
    /** The ledger's own metadata inside {@code <proprietary>}, which Akoma Ntoso leaves open to other namespaces. */
    public static final String LEDGER_NS = "urn:x-resolution-ledger:akn:1";
    public static final String MEDIA_TYPE = "application/akn+xml";
    private static final java.time.format.DateTimeFormatter ENGLISH_DATE =
            java.time.format.DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.ENGLISH);

    private AkomaNtoso() {
    }

    /** The work URI: {@code /akn/de-<conference>/statement/beschluss/<date>/<number>}. */
    public static String workUri(Decision d) {
        return "/akn/de-" + d.conferenceId().toLowerCase(Locale.ROOT) + "/statement/beschluss/" + d.date() + "/"
                + d.number();
    }

    public static String expressionUri(Decision d) {
        return expressionUri(d, ORIGINAL);
    }

    /** The expression in a language (ISO 639-2/T, as Akoma Ntoso names languages: {@code deu}, {@code eng}). */
    public static String expressionUri(Decision d, String language) {
        return workUri(d) + "/" + language + "@" + expressionDate(d);
    }

    public static String manifestationUri(Decision d) {
        return expressionUri(d) + ".akn";
    }

    /** The language of the original expression. */
    static final String ORIGINAL = "deu";

    /** ISO 639-1 ({@code en}) to the three letters Akoma Ntoso's URIs and {@code FRBRlanguage} use ({@code eng}). */
    static String language3(String language) {
        return Locale.forLanguageTag(language).getISO3Language();
    }

    /** The adopted text's date: publication makes this expression the authoritative one. */
    private static LocalDate expressionDate(Decision d) {
        return d.publishedOn();
    }

    public static byte[] render(Decision d, PublicLinks links) {
        return render(d, links, null);
    }

    /** The original expression ({@code translation} null) or the translation's. */
    public static byte[] render(Decision d, PublicLinks links, Translation translation) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            new Writer(xml, d, links, translation).document();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("could not write the Akoma Ntoso document of " + d.id(), e);
        }
        return out.toByteArray();
    }

    private static final class Writer {
        private final XMLStreamWriter xml;
        private final Decision d;
        private final ResolutionView r;
        private final PublicLinks links;
        private final String conference;
        private final Translation translation;
        private final String language;
        private final boolean german;

        Writer(XMLStreamWriter xml, Decision d, PublicLinks links, Translation translation) {
            this.xml = xml;
            this.d = d;
            this.r = d.resolution();
            this.links = links;
            this.conference = d.conferenceId().toLowerCase(Locale.ROOT);
            this.translation = translation;
            this.language = translation == null ? ORIGINAL : language3(translation.language());
            this.german = translation == null || "de".equals(translation.language());
        }

        private String title() {
            return clean(translation == null ? r.title() : translation.title());
        }

        private String body() {
            return clean(translation == null ? r.text() : translation.text());
        }

        /** A fixed word of the document in its language (German or, for every translation, English). */
        private String say(String german, String english) {
            return this.german ? german : english;
        }

        void document() throws XMLStreamException {
            xml.writeStartDocument("UTF-8", "1.0");
            xml.setDefaultNamespace(NS);
            xml.writeStartElement(NS, "akomaNtoso");
            xml.writeDefaultNamespace(NS);
            xml.writeNamespace("ledger", LEDGER_NS);
            xml.writeStartElement(NS, "statement");
            xml.writeAttribute("name", "beschluss");
            meta();
            preface();
            mainBody();
            conclusions();
            xml.writeEndElement();
            xml.writeEndElement();
            xml.writeEndDocument();
        }

        private void meta() throws XMLStreamException {
            start("meta");
            start("identification", "source", "#ledger");
            String work = workUri(d);
            String expression = expressionUri(d, language);
            start("FRBRWork");
            empty("FRBRthis", "value", work + "/!main");
            empty("FRBRuri", "value", work);
            empty("FRBRdate", "date", d.date().toString(), "name", "Beschlussfassung");
            empty("FRBRauthor", "href", "#" + conference, "as", "#author");
            empty("FRBRcountry", "value", "de");
            empty("FRBRsubtype", "value", "beschluss");
            empty("FRBRnumber", "value", String.valueOf(d.number()));
            empty("FRBRname", "value", d.citation());
            empty("FRBRprescriptive", "value", "false");
            empty("FRBRauthoritative", "value", "true");
            end();
            start("FRBRExpression");
            empty("FRBRthis", "value", expression + "/!main");
            empty("FRBRuri", "value", expression);
            empty("FRBRdate", "date", expressionDate(d).toString(), "name", "Veröffentlichung");
            empty("FRBRauthor", "href", "#" + conference, "as", "#author");
            empty("FRBRversionNumber", "value", String.valueOf(d.publishedVersion()));
            empty("FRBRauthoritative", "value", String.valueOf(translation == null));
            empty("FRBRlanguage", "language", language);
            if (translation != null) {
                empty("FRBRtranslation", "href", expressionUri(d), "fromLanguage", ORIGINAL, "by",
                        "#" + eId(translation.translatedBy()));
            }
            end();
            start("FRBRManifestation");
            empty("FRBRthis", "value", expression + "/!main.akn");
            empty("FRBRuri", "value", expression + ".akn");
            empty("FRBRdate", "date", expressionDate(d).toString(), "name", "Erzeugung");
            empty("FRBRauthor", "href", "#ledger", "as", "#editor");
            empty("FRBRformat", "value", MEDIA_TYPE);
            end();
            end();
            if (r.reference() != null && !r.reference().isBlank()) {
                empty("publication", "date", expressionDate(d).toString(), "name", "veroeffentlichung",
                        "showAs", clean(r.reference()));
            }
            if (!r.topics().isEmpty()) {
                start("classification", "source", "#ledger");
                for (String topic : r.topics()) {
                    empty("keyword", "value", clean(topic), "showAs", clean(topic), "dictionary", "#ledger");
                }
                end();
            }
            start("lifecycle", "source", "#ledger");
            empty("eventRef", "eId", "evt_beschluss", "date", d.date().toString(), "source", "#original",
                    "type", "generation");
            end();
            start("references", "source", "#ledger");
            empty("original", "eId", "original", "href", work, "showAs", clean(r.title()));
            if (translation != null && !proponentsOf().contains(translation.translatedBy())) {
                empty("TLCOrganization", "eId", eId(translation.translatedBy()), "href",
                        "/ontology/organization/de/" + translation.translatedBy().toLowerCase(Locale.ROOT), "showAs",
                        clean(German.member(translation.translatedBy())));
            }
            empty("TLCOrganization", "eId", conference, "href", "/ontology/organization/de/" + conference,
                    "showAs", clean(d.conferenceName()));
            empty("TLCOrganization", "eId", "ledger", "href", "/ontology/organization/de/resolution-ledger",
                    "showAs", "Resolution Ledger");
            for (String member : proponentsOf()) {
                empty("TLCOrganization", "eId", eId(member), "href",
                        "/ontology/organization/de/" + member.toLowerCase(Locale.ROOT), "showAs",
                        clean(German.member(member)));
            }
            // whom the Beschluss is addressed to and the conferences it is joint with (free codes such as BUND, WMK)
            for (String addressee : r.addressees()) {
                empty("TLCOrganization", "eId", "addressee_" + eId(addressee), "href",
                        "/ontology/organization/addressee/" + eId(addressee), "showAs", clean(addressee));
            }
            for (String partner : r.partners()) {
                empty("TLCOrganization", "eId", "partner_" + eId(partner), "href",
                        "/ontology/organization/conference/" + eId(partner), "showAs", clean(partner));
            }
            empty("TLCRole", "eId", "author", "href", "/ontology/role/akn/author", "showAs", "Urheber");
            empty("TLCRole", "eId", "editor", "href", "/ontology/role/akn/editor", "showAs", "Herausgeber");
            end();
            proprietary();
            end();
        }

        private List<String> proponentsOf() {
            List<String> proponents = new ArrayList<>();
            proponents.add(r.sponsor());
            r.coSponsors().stream().filter(c -> !proponents.contains(c)).forEach(proponents::add);
            return proponents;
        }

        /** What only the ledger knows, in its own namespace: the ids, the vote as numbers and the proof's address. */
        private void proprietary() throws XMLStreamException {
            start("proprietary", "source", "#ledger");
            xml.writeStartElement("ledger", "beschluss", LEDGER_NS);
            xml.writeAttribute("resolutionId", r.resolutionId());
            xml.writeAttribute("version", String.valueOf(d.publishedVersion()));
            d.session().ifPresent(s -> attribute("sessionId", s.sessionId()));
            xml.writeAttribute("publishedAt", d.publishedAt().toString());
            if (r.tally() != null) {
                xml.writeEmptyElement("ledger", "tally", LEDGER_NS);
                xml.writeAttribute("yes", String.valueOf(r.tally().yes()));
                xml.writeAttribute("no", String.valueOf(r.tally().no()));
                xml.writeAttribute("abstain", String.valueOf(r.tally().abstain()));
            }
            if (r.rule() != null) {
                xml.writeEmptyElement("ledger", "rule", LEDGER_NS);
                xml.writeAttribute("kind", r.rule().kind().name());
                xml.writeAttribute("minimumYes", String.valueOf(r.rule().minimumYes()));
                xml.writeAttribute("quorum", String.valueOf(r.rule().quorum()));
                xml.writeAttribute("abstentions", r.rule().abstentions().name());
            }
            xml.writeEmptyElement("ledger", "proof", LEDGER_NS);
            xml.writeAttribute("href", links.proof(r.resolutionId()));
            xml.writeEmptyElement("ledger", "json", LEDGER_NS);
            xml.writeAttribute("href", links.resolution(r.resolutionId()));
            xml.writeEndElement();
            end();
        }

        private void preface() throws XMLStreamException {
            start("preface");
            start("p", "class", "title");
            text("docTitle", title());
            end();
            start("p", "class", "number");
            text("docNumber", say("Beschluss Nr. ", "Resolution No. ") + d.number());
            end();
            start("p", "class", "authority");
            xml.writeStartElement(NS, "docAuthority");
            xml.writeCharacters(clean(d.conferenceName()));
            xml.writeEndElement();
            d.session().ifPresent(s -> characters(", " + s.number() + say(". Sitzung", ". session")
                    + (s.place() == null || s.place().isBlank() ? "" : say(" in ", " in ") + clean(s.place()))));
            characters(", ");
            start("docDate", "date", d.date().toString());
            xml.writeCharacters(german ? German.date(d.date()) : ENGLISH_DATE.format(d.date()));
            end();
            end();
            start("p", "class", "proponents");
            characters(say("Antrag: ", "Proposed by: "));
            xml.writeStartElement(NS, "docProponent");
            xml.writeAttribute("refersTo", "#" + eId(r.sponsor()));
            xml.writeCharacters(clean(German.member(r.sponsor())));
            xml.writeEndElement();
            for (String co : r.coSponsors()) {
                characters(", ");
                xml.writeStartElement(NS, "docProponent");
                xml.writeAttribute("refersTo", "#" + eId(co));
                xml.writeCharacters(clean(German.member(co)));
                xml.writeEndElement();
            }
            end();
            organizations("addressees", "Adressaten: ", "addressee_", r.addressees());
            organizations("partners", "Gemeinsam mit: ", "partner_", r.partners());
            end();
        }

        /** A line of the preface naming organizations, each referring to its entry in the references. */
        private void organizations(String kind, String label, String prefix, List<String> codes)
                throws XMLStreamException {
            if (codes == null || codes.isEmpty()) {
                return;
            }
            start("p", "class", kind);
            characters(label);
            for (int i = 0; i < codes.size(); i++) {
                if (i > 0) {
                    characters(", ");
                }
                xml.writeStartElement(NS, "organization");
                xml.writeAttribute("refersTo", "#" + prefix + eId(codes.get(i)));
                xml.writeCharacters(clean(codes.get(i)));
                xml.writeEndElement();
            }
            end();
        }

        /** The adopted text: one paragraph per block of text between blank lines, one {@code <p>} per line. */
        private void mainBody() throws XMLStreamException {
            start("mainBody");
            List<List<String>> paragraphs = paragraphs(body());
            for (int i = 0; i < paragraphs.size(); i++) {
                String eId = "para_" + (i + 1);
                start("paragraph", "eId", eId);
                text("num", (i + 1) + ".");
                start("content", "eId", eId + "__content");
                for (String line : paragraphs.get(i)) {
                    text("p", line);
                }
                end();
                end();
            }
            end();
        }

        private void conclusions() throws XMLStreamException {
            start("conclusions");
            start("p", "class", "vote");
            characters(german ? "Abstimmungsergebnis: " + German.tally(r.tally()) + "."
                    : "Result of the vote: " + englishTally() + ".");
            end();
            start("p", "class", "rule");
            characters(german ? "Mehrheitserfordernis: " + German.rule(r.rule()) + "."
                    : "Majority required: " + (r.rule() == null ? "not recorded" : r.rule().description()) + ".");
            end();
            if (r.reference() != null && !r.reference().isBlank()) {
                start("p", "class", "publication");
                characters(say("Veröffentlicht: ", "Published: ") + clean(r.reference()) + ".");
                end();
            }
            if (translation != null) {
                start("p", "class", "translation");
                characters(say("Übersetzung; maßgeblich ist die deutsche Fassung: ",
                        "Translation; the German text is authoritative: "));
                start("ref", "eId", "ref_original", "href", expressionUri(d));
                xml.writeCharacters(expressionUri(d));
                end();
                end();
            }
            start("p", "class", "proof");
            characters(say("Nachweis im Ledger: ", "Proof in the ledger: "));
            start("ref", "eId", "ref_proof", "href", links.proof(r.resolutionId()));
            xml.writeCharacters(links.proof(r.resolutionId()));
            end();
            end();
            end();
        }

        private String englishTally() {
            if (r.tally() == null) {
                return "not recorded";
            }
            return r.tally().yes() + " yes, " + r.tally().no() + " no, " + r.tally().abstain() + " abstention"
                    + (r.tally().abstain() == 1 ? "" : "s");
        }

        // ---- StAX shorthands -------------------------------------------------------------------------------------

        private void start(String name, String... attributes) throws XMLStreamException {
            xml.writeStartElement(NS, name);
            for (int i = 0; i < attributes.length; i += 2) {
                xml.writeAttribute(attributes[i], attributes[i + 1]);
            }
        }

        private void empty(String name, String... attributes) throws XMLStreamException {
            xml.writeEmptyElement(NS, name);
            for (int i = 0; i < attributes.length; i += 2) {
                xml.writeAttribute(attributes[i], attributes[i + 1]);
            }
        }

        private void text(String name, String text) throws XMLStreamException {
            xml.writeStartElement(NS, name);
            xml.writeCharacters(text);
            xml.writeEndElement();
        }

        private void end() throws XMLStreamException {
            xml.writeEndElement();
        }

        private void characters(String text) {
            try {
                xml.writeCharacters(text);
            } catch (XMLStreamException e) {
                throw new IllegalStateException(e);
            }
        }

        private void attribute(String name, String value) {
            try {
                xml.writeAttribute(name, value);
            } catch (XMLStreamException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Blocks between blank lines, each as its non-blank lines (trimmed); never empty. */
    static List<List<String>> paragraphs(String text) {
        List<List<String>> paragraphs = new ArrayList<>();
        for (String block : text.strip().split("\\R\\s*\\R")) {
            List<String> lines = block.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
            if (!lines.isEmpty()) {
                paragraphs.add(lines);
            }
        }
        if (paragraphs.isEmpty()) {
            paragraphs.add(List.of("—"));
        }
        return paragraphs;
    }

    /** An eId is an NCName-like token: member codes such as DE-BY become {@code de-by}. */
    private static String eId(String code) {
        return code.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "_");
    }

    /** Characters XML 1.0 cannot carry (most C0 controls, lone surrogates, U+FFFE/FFFF) become U+FFFD. */
    static String clean(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            boolean allowed = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
                    || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
            if (allowed && !(Character.isSurrogate((char) c))) {
                out.appendCodePoint(c);
            } else {
                out.append('\uFFFD');
            }
            i += Character.charCount(c);
        }
        return out.toString();
    }
}
