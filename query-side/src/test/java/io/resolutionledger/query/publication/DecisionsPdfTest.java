package io.resolutionledger.query.publication;

import io.resolutionledger.query.support.Http;
import io.resolutionledger.query.support.QuerySideTest;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.File;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The PDF of a session's Beschlüsse: read back with PDFBox's own text extraction and rendered to an image. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DecisionsPdfTest extends QuerySideTest {

    private Http http;

    @BeforeAll
    void record() {
        http = http();
        FirstDmk.recordOnce(ledger(), jdbc);
        awaitProjectionsCaughtUp();
        await().atMost(Duration.ofSeconds(20)).until(() -> http.get("/api/resolutions/" + FirstDmk.LONG).status() == 200);
    }

    HttpResponse<byte[]> pdf(String sessionId) throws Exception {
        return Http.client().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/sessions/"
                + sessionId + "/decisions.pdf")).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void the_first_dmk_pdf_has_every_title_line_numbers_vote_and_reference_in_an_embedded_font() throws Exception {
        HttpResponse<byte[]> response = pdf(FirstDmk.SESSION);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).isEqualTo("application/pdf");
        try (PDDocument document = Loader.loadPDF(response.body())) {
            String text = new PDFTextStripper().getText(document);
            String flat = text.replaceAll("\\s+", " ");
            for (int i = 0; i < 5; i++) {
                assertThat(flat).contains(FirstDmk.TITLES[i]).contains("Beschluss Nr. " + (i + 1));
            }
            // the adopted text of no. 1 starts on its line 1; the amended no. 3 is printed in its adopted version
            assertThat(text).containsPattern("(?m)^1 Die DMK setzt sich für datengetriebene");
            assertThat(flat).contains("gemeinsam mit den Ländern").doesNotContain("zügig national umzusetzen.");
            assertThat(text).containsPattern("(?m)^2 \\S");
            assertThat(flat).contains("Abstimmungsergebnis: 15 Ja, 0 Nein, 1 Enthaltung")
                    .contains("Veröffentlicht: " + FirstDmk.REFERENCE)
                    .contains("qualifizierte Mehrheit von mindestens 13 Ja-Stimmen")
                    .contains("1. Sitzung, 19. April 2024, Potsdam, Hasso-Plattner-Institut")
                    .doesNotContain("Noch nicht veröffentlicht");
            List<PDFont> fonts = new ArrayList<>();
            for (var name : document.getPage(0).getResources().getFontNames()) {
                fonts.add(document.getPage(0).getResources().getFont(name));
            }
            assertThat(fonts).isNotEmpty().allMatch(PDFont::isEmbedded);
            assertThat(fonts.get(0).getName()).contains("LiberationSans");

            BufferedImage page = new PDFRenderer(document).renderImageWithDPI(0, 60);
            File png = new File("target/decisions-" + FirstDmk.SESSION + "-page1.png");
            ImageIO.write(page, "png", png);
            assertThat(png).exists();
            assertThat(darkPixels(page)).as("ink on the rendered page").isGreaterThan(2_000);
        }
    }

    @Test
    void long_texts_flow_over_pages_with_continuing_numbers_and_markup_stays_text() throws Exception {
        try (PDDocument document = Loader.loadPDF(pdf(FirstDmk.SPECIAL).body())) {
            assertThat(document.getNumberOfPages()).isGreaterThan(1);
            String text = new PDFTextStripper().getText(document);
            String flat = text.replaceAll("\\s+", " ");
            assertThat(flat).contains(FirstDmk.MARKUP_TITLE)
                    .contains("<script>alert('x')</script> & \"Anführungszeichen\"")
                    .contains("Straßen, Brücken und Größe")
                    .contains("Seite 2 von " + document.getNumberOfPages());
            int lines = io.resolutionledger.query.resolutions.LineNumbering.lines(FirstDmk.longText()).size();
            assertThat(lines).isGreaterThan(60);
            assertThat(text).containsPattern("(?m)^" + lines + " \\S");
        }
    }

    @Test
    void an_unknown_session_is_a_404_problem() throws Exception {
        HttpResponse<byte[]> response = pdf("no-such-session");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(http.get("/api/sessions/bad%20id/decisions.pdf").status()).isEqualTo(400);
    }

    private static int darkPixels(BufferedImage image) {
        int dark = 0;
        for (int x = 0; x < image.getWidth(); x++) {
            for (int y = 0; y < image.getHeight(); y++) {
                int rgb = image.getRGB(x, y);
                if (((rgb >> 16) & 0xff) + ((rgb >> 8) & 0xff) + (rgb & 0xff) < 300) {
                    dark++;
                }
            }
        }
        return dark;
    }
}
