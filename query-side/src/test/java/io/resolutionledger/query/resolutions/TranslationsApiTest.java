package io.resolutionledger.query.resolutions;

import com.fasterxml.jackson.databind.JsonNode;
import io.resolutionledger.api.event.TranslationAdded;
import io.resolutionledger.api.value.ResolutionId;
import io.resolutionledger.query.support.Http;
import io.resolutionledger.query.support.LedgerEvents;
import io.resolutionledger.query.support.QuerySideTest;
import io.resolutionledger.query.support.Tokens;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import static io.resolutionledger.query.support.LedgerEvents.code;
import static io.resolutionledger.query.support.LedgerEvents.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Translations per version: chosen with {@code ?lang=} or {@code Accept-Language}, the original otherwise; answers
 * say their language and which translations exist; a later translation replaces an earlier one; visibility as for
 * the resolution itself.
 */
class TranslationsApiTest extends QuerySideTest {

    @Test
    void a_reader_gets_the_translation_it_asks_for_and_the_original_otherwise() {
        String session = unique("s");
        String id = unique("r");
        LedgerEvents ledger = ledger();
        ledger.schedule(session, 3, LocalDate.parse("2024-10-24"), "Berlin", "DE-BE")
                .open(session, "DE-BE")
                .published(id, session, "Digitale Souveränität", List.of("sovereignty"), "DE-SH", "DE-BE")
                .resolution(new TranslationAdded(ResolutionId.of(id), 1, "en", "Digital sovereignty (draft)",
                        "Draft.", code("DE-SH"), ledger.tick()))
                .resolution(new TranslationAdded(ResolutionId.of(id), 1, "en", "Digital sovereignty",
                        "The conference resolves: digital sovereignty.", code("DE-SH"), ledger.tick()))
                .append();
        Http http = http();
        await().atMost(Duration.ofSeconds(20)).until(() ->
                http.get("/api/resolutions/" + id + "?lang=en").status() == 200
                        && http.get("/api/resolutions/" + id + "?lang=en").body().path("title").asText()
                        .equals("Digital sovereignty"));

        JsonNode original = http.get("/api/resolutions/" + id).body();
        assertThat(original.path("title").asText()).isEqualTo("Digitale Souveränität");
        assertThat(original.path("language").asText()).isEqualTo("de");
        assertThat(original.path("translations").toString()).isEqualTo("[\"en\"]");

        JsonNode english = http.get("/api/resolutions/" + id + "?lang=en").body();
        assertThat(english.path("text").asText()).isEqualTo("The conference resolves: digital sovereignty.");
        assertThat(english.path("language").asText()).isEqualTo("en");
        assertThat(english.path("status").asText()).isEqualTo("PUBLISHED");

        // Accept-Language: the first range the original or a translation satisfies
        Http.Response negotiated = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/api/resolutions/" + id)).header("Accept-Language", "fr-FR, en-GB;q=0.8, de;q=0.5").GET().build());
        assertThat(negotiated.body().path("language").asText()).isEqualTo("en");
        assertThat(negotiated.header("Content-Language")).isEqualTo("en");
        assertThat(negotiated.header("Vary")).contains("Accept-Language");
        Http.Response german = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/api/resolutions/" + id)).header("Accept-Language", "de-DE, en;q=0.5").GET().build());
        assertThat(german.body().path("title").asText()).isEqualTo("Digitale Souveränität");

        JsonNode version = http.get("/api/resolutions/" + id + "/versions/1?lang=en").body();
        assertThat(version.path("title").asText()).isEqualTo("Digital sovereignty");
        assertThat(version.path("version").asLong()).isEqualTo(1);
        assertThat(version.path("origin").asText()).isNotBlank();

        Http.Response unknown = http.get("/api/resolutions/" + id + "?lang=fr");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body().path("code").asText()).isEqualTo("VALIDATION_FAILED");
    }

    @Test
    void a_translation_of_an_unpublished_resolution_is_for_members_only() {
        String session = unique("s");
        String id = unique("r");
        LedgerEvents ledger = ledger();
        ledger.schedule(session, 4, LocalDate.parse("2024-10-24"), "Berlin", "DE-BE")
                .propose(id, session, "Entwurf", "Text.", List.of("t"), "DE-SH")
                .resolution(new TranslationAdded(ResolutionId.of(id), 1, "en", "Draft", "Text.", code("DE-SH"),
                        ledger.tick()))
                .append();
        Http http = http();
        String member = Tokens.delegate("DE-BY");
        await().atMost(Duration.ofSeconds(20)).until(() ->
                http.get("/api/resolutions/" + id + "?lang=en", member).body().path("title").asText().equals("Draft"));
        assertThat(http.get("/api/resolutions/" + id + "?lang=en").status()).isEqualTo(404);
        assertThat(http.get("/api/resolutions/" + id + "/versions/1?lang=en").status()).isEqualTo(404);
    }
}
