package io.resolutionledger.query.publication;

import io.resolutionledger.query.support.Http;
import io.resolutionledger.query.support.QuerySideTest;
import io.resolutionledger.query.support.Tokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

/** Every Akoma Ntoso document the query side answers is valid against the OASIS schema and says what was decided. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AkomaNtosoTest extends QuerySideTest {

    static final Schema AKN = schema();

    private Http http;

    static Schema schema() {
        try {
            SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            return factory.newSchema(AkomaNtosoTest.class.getResource("/standards/akoma-ntoso-3.0/akomantoso30.xsd"));
        } catch (SAXException e) {
            throw new IllegalStateException(e);
        }
    }

    @BeforeAll
    void record() {
        http = http();
        FirstDmk.recordOnce(ledger(), jdbc);
        awaitProjectionsCaughtUp();
        await().atMost(Duration.ofSeconds(20)).until(() -> http.get("/api/resolutions/" + FirstDmk.LONG).status() == 200);
    }

    /** Validates against the OASIS XSD (throws with the schema's message if invalid) and parses with namespaces. */
    static Document valid(String xml) throws Exception {
        AKN.newValidator().validate(new StreamSource(new StringReader(xml)));
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    HttpResponse<String> akn(String id) throws Exception {
        return Http.client().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/api/resolutions/" + id + "/akn")).header("Accept", "application/akn+xml").GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    static String xpath(Document document, String expression) throws Exception {
        XPath xpath = XPathFactory.newInstance().newXPath();
        xpath.setNamespaceContext(new javax.xml.namespace.NamespaceContext() {
            public String getNamespaceURI(String prefix) {
                return "a".equals(prefix) ? AkomaNtoso.NS : "ledger".equals(prefix) ? AkomaNtoso.LEDGER_NS : null;
            }

            public String getPrefix(String uri) {
                return null;
            }

            public java.util.Iterator<String> getPrefixes(String uri) {
                return null;
            }
        });
        return (String) xpath.evaluate(expression, document, XPathConstants.STRING);
    }

    @Test
    void each_beschluss_of_the_first_dmk_is_a_valid_statement_with_complete_frbr_metadata() throws Exception {
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> response = akn(FirstDmk.IDS[i]);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/akn+xml");
            Document d = valid(response.body());
            String work = "/akn/de-dmk/statement/beschluss/2024-04-19/" + (i + 1);
            assertThat(xpath(d, "/a:akomaNtoso/a:statement/@name")).isEqualTo("beschluss");
            assertThat(xpath(d, "//a:FRBRWork/a:FRBRuri/@value")).isEqualTo(work);
            assertThat(xpath(d, "//a:FRBRWork/a:FRBRthis/@value")).isEqualTo(work + "/!main");
            assertThat(xpath(d, "//a:FRBRWork/a:FRBRdate/@date")).isEqualTo("2024-04-19");
            assertThat(xpath(d, "//a:FRBRWork/a:FRBRnumber/@value")).isEqualTo(String.valueOf(i + 1));
            assertThat(xpath(d, "//a:FRBRExpression/a:FRBRuri/@value")).isEqualTo(work + "/deu@2024-04-19");
            assertThat(xpath(d, "//a:FRBRExpression/a:FRBRlanguage/@language")).isEqualTo("deu");
            assertThat(xpath(d, "//a:FRBRManifestation/a:FRBRuri/@value")).isEqualTo(work + "/deu@2024-04-19.akn");
            assertThat(xpath(d, "//a:FRBRManifestation/a:FRBRformat/@value")).isEqualTo("application/akn+xml");
            // the conference is the author, named in the references
            assertThat(xpath(d, "//a:FRBRWork/a:FRBRauthor/@href")).isEqualTo("#dmk");
            assertThat(xpath(d, "//a:references/a:TLCOrganization[@eId='dmk']/@showAs"))
                    .contains("Digitalministerkonferenz");
            assertThat(xpath(d, "//a:preface//a:docTitle")).isEqualTo(FirstDmk.TITLES[i]);
            assertThat(xpath(d, "//a:preface//a:docDate/@date")).isEqualTo("2024-04-19");
            assertThat(xpath(d, "//a:publication/@showAs")).isEqualTo(FirstDmk.REFERENCE);
            assertThat(xpath(d, "//a:mainBody/a:paragraph[1]/a:content/a:p"))
                    .isEqualTo(i == 2 ? FirstDmk.AMENDED_3 : FirstDmk.TEXTS[i]);
            String vote = xpath(d, "//a:conclusions/a:p[@class='vote']");
            assertThat(vote).contains(i == 4 ? "15 Ja, 0 Nein, 1 Enthaltung" : "16 Ja, 0 Nein, 0 Enthaltungen");
            assertThat(xpath(d, "//a:conclusions/a:p[@class='rule']"))
                    .contains("qualifizierte Mehrheit von mindestens 13 Ja-Stimmen");
            assertThat(xpath(d, "//a:conclusions//a:ref/@href"))
                    .endsWith("/api/resolutions/" + FirstDmk.IDS[i] + "/proof");
            assertThat(xpath(d, "//ledger:beschluss/ledger:tally/@yes")).isEqualTo(i == 4 ? "15" : "16");
            assertThat(xpath(d, "//ledger:beschluss/@version")).isEqualTo(i == 2 ? "2" : "1");
        }
    }

    @Test
    void markup_umlauts_and_control_characters_stay_text_and_the_document_stays_valid() throws Exception {
        HttpResponse<String> response = akn(FirstDmk.MARKUP);
        assertThat(response.statusCode()).isEqualTo(200);
        Document d = valid(response.body());
        assertThat(xpath(d, "//a:preface//a:docTitle")).isEqualTo(FirstDmk.MARKUP_TITLE);
        assertThat(xpath(d, "//a:mainBody/a:paragraph[1]/a:content/a:p"))
                .isEqualTo("Erstens: <script>alert('x')</script> & \"Anführungszeichen\" ]]> bleiben Text.");
        // two paragraphs (a blank line between), the second with two lines; the bell character is replaced
        assertThat(d.getElementsByTagNameNS(AkomaNtoso.NS, "paragraph").getLength()).isEqualTo(2);
        assertThat(xpath(d, "//a:mainBody/a:paragraph[2]/a:content/a:p[1]"))
                .isEqualTo("Zweitens: Straßen, Brücken und Größe\uFFFD zählen.");
        assertThat(xpath(d, "//a:mainBody/a:paragraph[2]/a:content/a:p[2]")).isEqualTo("Dritte Zeile im zweiten Absatz.");
        assertThat(xpath(d, "//a:publication/@showAs")).isEqualTo("Beschlussniederschrift <Sondersitzung> & Anlage");
        assertThat(xpath(d, "//a:FRBRWork/a:FRBRuri/@value")).isEqualTo("/akn/de-dmk/statement/beschluss/2024-06-20/1");
        // nothing of the markup became an element
        assertThat(d.getElementsByTagName("script").getLength()).isZero();
    }

    @Test
    void a_long_text_is_valid_with_one_paragraph_per_block() throws Exception {
        HttpResponse<String> response = akn(FirstDmk.LONG);
        Document d = valid(response.body());
        NodeList paragraphs = d.getElementsByTagNameNS(AkomaNtoso.NS, "paragraph");
        assertThat(paragraphs.getLength()).isEqualTo(12);
        assertThat(((Element) paragraphs.item(11)).getAttribute("eId")).isEqualTo("para_12");
        assertThat(xpath(d, "//a:FRBRWork/a:FRBRnumber/@value")).isEqualTo("2");
    }

    @Test
    void a_translation_is_its_own_valid_expression_of_the_same_work() throws Exception {
        ledger().resolution(new io.resolutionledger.api.event.TranslationAdded(
                        io.resolutionledger.api.value.ResolutionId.of(FirstDmk.LONG), 1, "en", "A long resolution",
                        "First paragraph in English.\n\nSecond paragraph, with <markup> & umlauts: Müller.",
                        io.resolutionledger.query.support.LedgerEvents.code("DE-SN"), java.time.Instant.now()))
                .append();
        await().atMost(Duration.ofSeconds(20)).until(() -> aknIn(FirstDmk.LONG, "en").statusCode() == 200);

        HttpResponse<String> english = aknIn(FirstDmk.LONG, "en");
        assertThat(english.headers().firstValue("Content-Language")).contains("en");
        Document d = valid(english.body());
        String work = xpath(d, "//a:FRBRWork/a:FRBRuri/@value");
        String date = xpath(d, "//a:FRBRExpression/a:FRBRdate/@date");
        assertThat(xpath(d, "//a:FRBRExpression/a:FRBRuri/@value")).isEqualTo(work + "/eng@" + date);
        assertThat(xpath(d, "//a:FRBRExpression/a:FRBRlanguage/@language")).isEqualTo("eng");
        assertThat(xpath(d, "//a:FRBRExpression/a:FRBRauthoritative/@value")).isEqualTo("false");
        assertThat(xpath(d, "//a:FRBRExpression/a:FRBRtranslation/@href")).isEqualTo(work + "/deu@" + date);
        assertThat(xpath(d, "//a:FRBRExpression/a:FRBRtranslation/@fromLanguage")).isEqualTo("deu");
        assertThat(xpath(d, "//a:FRBRManifestation/a:FRBRuri/@value")).isEqualTo(work + "/eng@" + date + ".akn");
        assertThat(xpath(d, "//a:preface//a:docTitle")).isEqualTo("A long resolution");
        assertThat(xpath(d, "//a:mainBody/a:paragraph[2]/a:content/a:p"))
                .isEqualTo("Second paragraph, with <markup> & umlauts: Müller.");
        assertThat(xpath(d, "//a:conclusions/a:p[@class='vote']")).startsWith("Result of the vote: ");
        assertThat(xpath(d, "//a:conclusions/a:p[@class='translation']")).contains("German text is authoritative");

        // the original stays what it was, and is what a reader gets without asking for a language
        Document original = valid(akn(FirstDmk.LONG).body());
        assertThat(xpath(original, "//a:FRBRExpression/a:FRBRlanguage/@language")).isEqualTo("deu");
        assertThat(xpath(original, "//a:FRBRExpression/a:FRBRauthoritative/@value")).isEqualTo("true");
        assertThat(xpath(original, "//a:FRBRWork/a:FRBRuri/@value")).isEqualTo(work);
        assertThat(aknIn(FirstDmk.LONG, "fr").statusCode()).isEqualTo(400);
    }

    HttpResponse<String> aknIn(String id, String lang) throws Exception {
        return Http.client().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/api/resolutions/" + id + "/akn?lang=" + lang)).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    @Test
    void the_same_beschluss_gives_the_same_bytes() throws Exception {
        assertThat(akn(FirstDmk.IDS[0]).body()).isEqualTo(akn(FirstDmk.IDS[0]).body());
    }

    @Test
    void an_unpublished_resolution_has_no_akoma_ntoso_form_for_anyone() throws Exception {
        assertThat(akn(FirstDmk.UNPUBLISHED).statusCode()).isEqualTo(404);
        Http.Response member = http.get("/api/resolutions/" + FirstDmk.UNPUBLISHED + "/akn", Tokens.delegate("DE-HH"));
        assertThat(member.status()).isEqualTo(404);
        assertThat(member.body().path("code").asText()).isEqualTo("RESOLUTION_NOT_FOUND");
        assertThat(akn("no-such-resolution").statusCode()).isEqualTo(404);
        assertThat(http.get("/api/resolutions/bad%20id/akn").status()).isEqualTo(400);
    }

    @Test
    void the_unpublished_resolution_takes_no_number() throws Exception {
        // five published in session 1 numbered 1..5 (checked above); the adopted one is not among them
        assertThatCode(() -> valid(akn(FirstDmk.IDS[4]).body())).doesNotThrowAnyException();
        assertThat(xpath(valid(akn(FirstDmk.IDS[4]).body()), "//a:FRBRWork/a:FRBRnumber/@value")).isEqualTo("5");
    }
}
