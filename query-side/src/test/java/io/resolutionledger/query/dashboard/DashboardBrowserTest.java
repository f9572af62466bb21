package io.resolutionledger.query.dashboard;

import io.resolutionledger.api.event.MandateGiven;
import io.resolutionledger.api.event.ResolutionAddressed;

import io.resolutionledger.api.event.AmendmentTabled;
import io.resolutionledger.api.event.ChairHandedOver;
import io.resolutionledger.api.event.ResolutionAdopted;
import io.resolutionledger.api.event.TabledAmendmentAccepted;
import io.resolutionledger.api.event.TabledAmendmentDeclined;
import io.resolutionledger.api.event.VoteCast;
import io.resolutionledger.api.value.AmendmentId;
import io.resolutionledger.api.value.ResolutionId;
import io.resolutionledger.api.value.SessionId;
import io.resolutionledger.api.value.Tally;
import io.resolutionledger.api.value.VoteChoice;
import io.resolutionledger.query.support.Browser;
import io.resolutionledger.query.support.Http;
import io.resolutionledger.query.support.LedgerEvents;
import io.resolutionledger.query.support.QuerySideTest;
import io.resolutionledger.query.support.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static io.resolutionledger.query.support.LedgerEvents.DMK;
import static io.resolutionledger.query.support.LedgerEvents.code;
import static io.resolutionledger.query.support.LedgerEvents.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dashboard in a real headless Chromium against the query side of the shared test context (no context of its
 * own): the list with its filters and search, a resolution page (text, diff, amendments, votes per Land), a session
 * page, a vote arriving live, a lost stream connection, both languages, a phone's width, stored text kept inert, and
 * axe-core (WCAG 2.1 A/AA) over every page type. Screenshots go to {@code target/dashboard-*.png}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardBrowserTest extends QuerySideTest {

    private static final String SCRIPT_TITLE = "<script>window.pwned = 1</script><img src=x onerror=\"window.pwned = 2\">";

    private final String session = unique("s-dash");
    private final String hostileSession = unique("s-hostile");
    private final String smart = unique("r-smart");
    private final String ai = unique("r-ai");
    private final String broadband = unique("r-broadband");
    private final String hostile = unique("r-hostile");
    private final String voting = unique("r-voting");
    private ChromeDriver browser;
    private WebDriverWait wait;
    private String base;

    @BeforeAll
    void recordTheFirstDmkAndStartChromium() throws Exception {
        LedgerEvents ledger = ledger();
        ledger.conference(new ChairHandedOver(DMK, 2024, List.of(), List.of(code("DE-BE"), code("DE-BB")),
                        LocalDate.parse("2024-01-01"), null, ledger.tick()))
                .schedule(session, 1, LocalDate.parse("2024-04-19"), "Potsdam, Hasso-Plattner-Institut", "DE-BE")
                .open(session, "DE-BE")
                // dated far ahead, so that it heads the overview's list of sessions whatever other tests added
                .schedule(hostileSession, 99, LocalDate.parse("2099-01-01"), SCRIPT_TITLE, "DE-BE")
                .published(smart, session, "Potenziale der Digitalisierung für die Ressourcennutzung",
                        List.of("smart-city", "green-it"), "DE-BB", "DE-BE");
        // the AI Act: amended by its sponsor, one tabled amendment accepted, one declined; DE-BY votes NO
        ledger.propose(ai, session, "Nationale Umsetzung der KI-Verordnung",
                        "Die DMK fordert den Bund auf, die KI-Verordnung der EU zügig national umzusetzen.",
                        List.of("ai-act"), "DE-BE", "DE-HH")
                .amend(ai, 2, "Die DMK fordert den Bund auf, die KI-Verordnung der EU unverzüglich und gemeinsam "
                        + "mit den Ländern national umzusetzen.", "DE-BE")
                .resolution(new AmendmentTabled(ResolutionId.of(ai), AmendmentId.of("a-rechtssicherheit"), 2, null,
                        "Die DMK fordert den Bund auf, die KI-Verordnung der EU unverzüglich und gemeinsam mit den "
                                + "Ländern national umzusetzen und weiteren Rechtsbedarf zu ermitteln.",
                        "Rechtssicherheit für Unternehmen", code("DE-HE"), ledger.tick()))
                .resolution(new TabledAmendmentAccepted(ResolutionId.of(ai), AmendmentId.of("a-rechtssicherheit"), 3,
                        null, "Die DMK fordert den Bund auf, die KI-Verordnung der EU unverzüglich und gemeinsam mit "
                        + "den Ländern national umzusetzen und weiteren Rechtsbedarf zu ermitteln.",
                        code("DE-HE"), code("DE-BE"), ledger.tick()))
                .resolution(new AmendmentTabled(ResolutionId.of(ai), AmendmentId.of("a-frist"), 3, null,
                        "Die DMK fordert den Bund auf, die KI-Verordnung bis Ende 2024 umzusetzen.",
                        "eine feste Frist", code("DE-SN"), ledger.tick()))
                .resolution(new TabledAmendmentDeclined(ResolutionId.of(ai), AmendmentId.of("a-frist"),
                        "Die Frist liegt beim Bund", code("DE-BE"), ledger.tick()))
                .openVote(ai, session, 3, "DE-BE");
        for (var member : LedgerEvents.MEMBERS) {
            VoteChoice choice = member.value().equals("DE-BY") ? VoteChoice.NO
                    : member.value().equals("DE-BW") ? VoteChoice.ABSTAIN : VoteChoice.YES;
            ledger.resolution(new VoteCast(ResolutionId.of(ai), 3, choice, member, ledger.tick()));
        }
        ledger.resolution(new ResolutionAdopted(ResolutionId.of(ai), SessionId.of(session), 3, new Tally(14, 1, 1),
                        LedgerEvents.RULE, code("DE-BB"), ledger.tick()))
                .publish(ai, 3, "Digitales Brandenburg, Pressemitteilung vom 19.04.2024", "DE-BE")
                // addressed to the federal government, with a mandate followed up (issue 15)
                .resolution(new ResolutionAddressed(ResolutionId.of(ai), List.of("BUND"), List.of(), code("DE-BE"),
                        ledger.tick()))
                .resolution(new MandateGiven(ResolutionId.of(ai), unique("m-rechtsbedarf"),
                        "Weiteren Rechtsbedarf für die Rechtssicherheit von Unternehmen ermitteln", code("DE-HE"),
                        LocalDate.parse("2024-12-31"), code("DE-BE"), ledger.tick()));
        ledger.propose(broadband, session, "Standards beim Breitbandausbau",
                        "Die DMK richtet Forderungen an den Bund, die Verwaltungen und die Telekommunikationsunternehmen.",
                        List.of("broadband"), "DE-SN", "DE-TH", "DE-ST")
                .openVote(broadband, session, 1, "DE-BE").votes(broadband, 1, 16)
                .adopt(broadband, session, 1, 16, "DE-BE").publish(broadband, 1, "Pressemitteilung", "DE-BE")
                .resolution(new io.resolutionledger.api.event.TranslationAdded(ResolutionId.of(broadband), 1, "en",
                        "Standards for broadband roll-out", "The DMK addresses demands to the Federal Government, "
                        + "the administrations and the telecommunications companies.", code("DE-SN"), ledger.tick()))
                .published(hostile, session, SCRIPT_TITLE, List.of("green-it"), "DE-NW", "DE-BE")
                .propose(voting, session, "Digitale Teilhabe aller gesellschaftlichen Gruppen",
                        "Die DMK setzt sich für niedrigschwellige Angebote zur Medienkompetenz ein.",
                        List.of("participation"), "DE-NW")
                .openVote(voting, session, 1, "DE-BE")
                .resolution(new VoteCast(ResolutionId.of(voting), 1, VoteChoice.YES, code("DE-NW"), ledger.tick()))
                .append();
        Http http = http();
        await().atMost(Duration.ofSeconds(20)).until(() -> http.get("/api/resolutions?sessionId=" + session
                + "&size=1").body().path("total").asInt() == 4
                && http.get("/api/resolutions/" + voting + "/votes", Tokens.delegate("DE-BY")).body().size() == 1);
        // every projection done, so that no late change redraws a page under a test's feet
        awaitProjectionsCaughtUp();
        browser = Browser.start(1280, 1400);
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        base = "http://localhost:" + port + "/";
    }

    @AfterAll
    void quit() {
        if (browser != null) {
            browser.quit();
        }
    }

    @BeforeEach
    void wideAndAnonymous() {
        browser.manage().window().setSize(new Dimension(1280, 1400));
        browser.get(base + "?lang=en#/");
        ((JavascriptExecutor) browser).executeScript("sessionStorage.clear();");
        // a new document for every test: a URL that differs only after '#' would keep the page of the last one
        browser.get("about:blank");
    }

    @Test
    void the_list_shows_the_beschluesse_newest_first_and_filters_and_searches_them() throws Exception {
        open("?lang=en#/resolutions?sessionId=" + session, "resolution-list");
        wait.until(d -> cards().size() == 4);
        // newest first: the hostile one was proposed after the broadband one, which came after the AI Act
        assertThat(cardText(0)).contains(SCRIPT_TITLE);
        assertThat(cardText(1)).contains("Standards beim Breitbandausbau");
        assertThat(cardText(2)).contains("Nationale Umsetzung der KI-Verordnung", "published",
                "Berlin", "Hamburg", "14 yes, 1 no, 1 abstention", "19 April 2024", "of session 1");
        assertThat(text("list-count")).isEqualTo("4 resolutions found");

        // German stemming: "Verwaltungen" in the text, "Verwaltung" typed
        WebElement q = browser.findElement(By.id("f-q"));
        q.sendKeys("Verwaltung");
        browser.findElement(By.cssSelector("#filters button[type=submit]")).click();
        wait.until(d -> cards().size() == 1);
        assertThat(cardText(0)).contains("Standards beim Breitbandausbau");
        assertThat(browser.getCurrentUrl()).contains("q=Verwaltung").contains("sessionId=" + session);

        // a filter by delegation (co-sponsor DE-HH) and one by topic, chosen in the form
        open("?lang=en#/resolutions?sessionId=" + session, "resolution-list");
        wait.until(d -> cards().size() == 4);
        new Select(browser.findElement(By.id("f-delegation"))).selectByValue("DE-HH");
        browser.findElement(By.cssSelector("#filters button[type=submit]")).click();
        wait.until(d -> cards().size() == 1 && cardText(0).contains("KI-Verordnung"));
        new Select(browser.findElement(By.id("f-delegation"))).selectByValue("");
        new Select(browser.findElement(By.id("f-topic"))).selectByValue("green-it");
        browser.findElement(By.cssSelector("#filters button[type=submit]")).click();
        wait.until(d -> cards().size() == 2);
        assertThat(browser.findElement(By.id("resolution-list")).getText())
                .contains("Potenziale der Digitalisierung").contains(SCRIPT_TITLE);
        new Select(browser.findElement(By.id("f-status"))).selectByValue("ADOPTED");
        browser.findElement(By.cssSelector("#filters button[type=submit]")).click();
        wait.until(d -> text("list-count").equals("No resolutions found."));

        // a card leads to the resolution's own page, by keyboard too
        open("?lang=en#/resolutions?sessionId=" + session + "&q=Breitbandausbau", "resolution-list");
        wait.until(d -> cards().size() == 1);
        cards().get(0).findElement(By.tagName("a")).sendKeys("\n");
        // in English, the English translation, saying so; the original a click away
        wait.until(d -> text("r-title").equals("Standards for broadband roll-out"));
        assertThat(browser.getCurrentUrl()).endsWith("#/resolution/" + broadband);
        assertThat(text("r-text")).contains("Translation (English); the original (German) is authoritative.",
                "telecommunications companies");
        browser.findElement(By.id("r-text-lang-de")).click();
        wait.until(d -> text("r-title").equals("Standards beim Breitbandausbau"));
        assertThat(text("r-text")).contains("Telekommunikationsunternehmen").doesNotContain("Translation");
        assertThat(browser.findElement(By.id("r-text-lang-en")).getText()).isEqualTo("Show the text in English");
        screenshot("list");
    }

    @Test
    void a_resolution_page_shows_text_diff_amendments_and_how_each_land_voted() throws Exception {
        open("?lang=en#/resolution/" + ai, "r-title");
        wait.until(d -> text("r-title").equals("Nationale Umsetzung der KI-Verordnung"));
        assertThat(text("r-text")).contains("weiteren Rechtsbedarf zu", "ermitteln.");
        // printed as the PDF prints it: numbered lines of at most 80 characters, one list per paragraph
        wait.until(d -> !browser.findElements(By.cssSelector("#r-text ol.lines li")).isEmpty());
        List<WebElement> printedLines = browser.findElements(By.cssSelector("#r-text ol.lines li"));
        assertThat(printedLines).allSatisfy(li -> assertThat(li.getText().length()).isBetween(1, 80));
        assertThat(browser.findElements(By.cssSelector("#r-text ol.lines")).get(0).getAttribute("start")).isEqualTo("1");
        assertThat(text("r-text")).contains("Version 3, " + printedLines.size() + " lines");
        assertThat(text("r-facts")).contains("published", "Session 1, 19 April 2024", "Berlin", "Hamburg",
                "Qualified majority: at least 13 yes votes", "quorum 9",
                "Berlin and Brandenburg", "Digitales Brandenburg, Pressemitteilung vom 19.04.2024");

        // the diff from the first to the last version, then between two others chosen in the form
        wait.until(d -> text("r-diff").contains("Changes from version 1 to version 3"));
        List<String> inserted = browser.findElements(By.cssSelector("#r-diff ins")).stream().map(WebElement::getText)
                .toList();
        assertThat(String.join(" ", inserted)).contains("unverzüglich").contains("Rechtsbedarf");
        assertThat(browser.findElement(By.cssSelector("#r-diff del")).getText()).contains("zügig");
        new Select(browser.findElement(By.id("diff-from"))).selectByValue("2");
        new Select(browser.findElement(By.id("diff-to"))).selectByValue("3");
        browser.findElement(By.cssSelector("#diff-form button")).click();
        wait.until(d -> text("r-diff").contains("Changes from version 2 to version 3"));
        assertThat(browser.findElement(By.cssSelector("#r-diff del")).getText()).contains("umzusetzen.");
        assertThat(browser.findElement(By.cssSelector("#r-diff ins")).getText()).contains("Rechtsbedarf");
        assertThat(browser.findElement(By.cssSelector("#r-diff ins .visually-hidden")).getAttribute("textContent"))
                .isEqualTo("inserted: ");
        assertThat(browser.findElements(By.cssSelector("#r-versions tbody tr"))).hasSize(3);
        assertThat(text("r-versions")).contains("tabled amendment accepted", "Hesse");

        assertThat(text("r-amendments")).contains("Hesse", "accepted (became version 3)", "Saxony",
                "declined: Die Frist liegt beim Bund", "eine feste Frist");

        // whom it is addressed to and the mandate it gave, overdue since its day has passed
        assertThat(text("r-more")).contains("Addressed to", "BUND", "Mandates",
                "Weiteren Rechtsbedarf für die Rechtssicherheit von Unternehmen ermitteln", "Hesse", "open (overdue)");

        // votes: the summary, the map of the 16 Länder (one tile each, with its vote in words) and the table
        assertThat(text("r-vote-summary")).isEqualTo("14 yes, 1 no, 1 abstention. Voted on version 3.");
        List<WebElement> tiles = browser.findElements(By.cssSelector("#r-map svg g.tile"));
        assertThat(tiles).hasSize(16);
        WebElement map = browser.findElement(By.cssSelector("#r-map svg"));
        assertThat(map.getAttribute("role")).isEqualTo("img");
        assertThat(map.findElement(By.tagName("desc")).getAttribute("textContent"))
                .contains("Bavaria: No").contains("Baden-Württemberg: Abstain").contains("Bremen: Yes");
        assertThat(browser.findElements(By.cssSelector("#r-map rect.choice-no"))).hasSize(1);
        assertThat(browser.findElements(By.cssSelector("#r-map rect.choice-yes"))).hasSize(14);
        assertThat(browser.findElements(By.cssSelector("#r-votes tbody tr"))).hasSize(16);
        assertThat(rowOf("r-votes", "Bavaria")).contains("No");
        assertThat(rowOf("r-votes", "Baden-Württemberg")).contains("Abstain");
        assertThat(browser.findElement(By.cssSelector("#r-tally-chart svg title")).getAttribute("textContent"))
                .isNotBlank();

        // published: the documents and the proof are linked
        List<String> links = browser.findElements(By.cssSelector("#r-documents a")).stream()
                .map(a -> a.getAttribute("href")).toList();
        assertThat(links).contains(base + "api/resolutions/" + ai + "/akn", base + "api/resolutions/" + ai + "/proof",
                base + "api/sessions/" + session + "/decisions.pdf");
        screenshot("resolution");

        // the page of something that does not exist (or is not public) says so
        open("?lang=en#/resolution/" + voting, "h-missing");
        wait.until(d -> d.findElement(By.id("view-missing")).isDisplayed());
    }

    @Test
    void the_overview_draws_the_chair_rotation_and_the_figures_as_svg_with_text_alternatives() throws Exception {
        open("?lang=en#/", "h-overview");
        wait.until(d -> text("chair-timeline").contains("2024: Berlin and Brandenburg"));
        WebElement chair = browser.findElement(By.cssSelector("#chair-chart svg"));
        assertThat(chair.getAttribute("role")).isEqualTo("img");
        assertThat(chair.findElement(By.tagName("title")).getAttribute("textContent")).isEqualTo("Chair over time");
        assertThat(chair.findElement(By.tagName("desc")).getAttribute("textContent"))
                .contains("2024: Berlin + Brandenburg, from 1 January 2024");
        for (String chart : List.of("status-chart", "topic-chart", "delegation-chart", "time-chart")) {
            WebElement picture = browser.findElement(By.cssSelector("#" + chart + " svg"));
            String labelledBy = picture.getAttribute("aria-labelledby");
            assertThat(labelledBy).as(chart).isNotBlank();
            for (String id : labelledBy.split(" ")) {
                assertThat(browser.findElement(By.id(id)).getAttribute("textContent")).as(chart).isNotBlank();
            }
            assertThat(picture.findElements(By.tagName("rect"))).as(chart).isNotEmpty();
        }
        // the figures are in tables too; a topic leads to the list filtered by it
        assertThat(rowOf("topic-table", "ai-act")).isNotBlank();
        assertThat(rowOf("time-table", "Session 1, 19 April 2024")).isNotBlank();
        // resolutions by state over time: stacked steps, one band per state, every number in the table
        WebElement states = browser.findElement(By.cssSelector("#states-chart svg"));
        assertThat(states.findElement(By.tagName("title")).getAttribute("textContent"))
                .isEqualTo("Resolutions by state over time");
        assertThat(states.findElement(By.tagName("desc")).getAttribute("textContent")).contains("19 April 2024: ");
        assertThat(states.findElements(By.cssSelector("polygon.state-published"))).hasSize(1);
        assertThat(rowOf("states-table", "19 April 2024")).isNotBlank();
        screenshot("overview");
        browser.findElement(By.linkText("ai-act")).click();
        wait.until(d -> d.getCurrentUrl().endsWith("#/resolutions?topic=ai-act"));
        wait.until(d -> cardText(0).contains("KI-Verordnung") || cards().size() > 1);
    }

    @Test
    void a_session_page_shows_place_date_chair_and_the_agenda_in_order_with_outcomes() throws Exception {
        open("?lang=en#/session/" + session, "s-title");
        wait.until(d -> text("s-title").equals("Session 1 (regular)"));
        assertThat(text("s-facts")).contains("19 April 2024", "Potsdam, Hasso-Plattner-Institut", "open",
                "Berlin and Brandenburg");
        wait.until(d -> d.findElements(By.cssSelector("#s-agenda tbody tr")).size() == 4);
        List<WebElement> rows = browser.findElements(By.cssSelector("#s-agenda tbody tr"));
        assertThat(rows.get(0).getText()).startsWith("1").contains("Potenziale der Digitalisierung", "Brandenburg",
                "published", "16 yes, 0 no, 0 abstentions");
        assertThat(rows.get(1).getText()).startsWith("2").contains("KI-Verordnung", "14 yes, 1 no, 1 abstention");
        assertThat(rows.get(3).getText()).contains(SCRIPT_TITLE);
        assertThat(text("s-outcomes")).contains("published: 4");
        rows.get(1).findElement(By.tagName("a")).click();
        wait.until(d -> text("r-title").equals("Nationale Umsetzung der KI-Verordnung"));
        browser.navigate().back();
        wait.until(d -> text("s-title").equals("Session 1 (regular)"));
        screenshot("session");
    }

    @Test
    void a_vote_cast_appears_on_the_open_resolution_page_without_a_reload() throws Exception {
        open("?lang=en#/", "signin");
        signIn(Tokens.delegate("DE-BY"));
        open("?lang=en#/resolution/" + voting, "r-title");
        wait.until(d -> text("r-title").equals("Digitale Teilhabe aller gesellschaftlichen Gruppen"));
        wait.until(d -> text("connection").equals("Live"));
        assertThat(rowOf("r-votes", "Bremen")).contains("no vote");
        assertThat(rowOf("r-votes", "North Rhine-Westphalia")).contains("Yes");
        ((JavascriptExecutor) browser).executeScript("window.notReloaded = true;");

        ledger().resolution(new VoteCast(ResolutionId.of(voting), 1, VoteChoice.NO, code("DE-HB"),
                ledger().tick())).append();

        wait.until(d -> rowOf("r-votes", "Bremen").contains("No"));
        assertThat(text("r-vote-summary")).startsWith("1 yes, 1 no, ");
        assertThat(browser.findElements(By.cssSelector("#r-map rect.choice-no"))).hasSize(1);
        assertThat(((JavascriptExecutor) browser).executeScript("return window.notReloaded === true;")).isEqualTo(true);
    }

    @Test
    void a_lost_connection_is_shown_and_the_page_recovers_and_catches_up() throws Exception {
        open("?lang=en#/", "signin");
        signIn(Tokens.delegate("DE-BY"));
        open("?lang=en#/resolution/" + voting, "r-title");
        wait.until(d -> text("connection").equals("Live"));
        ((JavascriptExecutor) browser).executeScript("window.notReloaded = true;");
        browser.executeCdpCommand("Network.enable", Map.of());
        browser.executeCdpCommand("Network.emulateNetworkConditions", Map.of("offline", true, "latency", 0,
                "downloadThroughput", -1, "uploadThroughput", -1));
        try {
            wait.until(d -> text("connection").equals("Connection lost, retrying …"));
            // meanwhile a vote is cast: the page must show it once it is back
            ledger().resolution(new VoteCast(ResolutionId.of(voting), 1, VoteChoice.ABSTAIN, code("DE-SL"),
                    ledger().tick())).append();
            awaitProjectionsCaughtUp();
        } finally {
            browser.executeCdpCommand("Network.emulateNetworkConditions", Map.of("offline", false, "latency", 0,
                    "downloadThroughput", -1, "uploadThroughput", -1));
        }
        wait.until(d -> text("connection").equals("Live"));
        wait.until(d -> rowOf("r-votes", "Saarland").contains("Abstain"));
        assertThat(((JavascriptExecutor) browser).executeScript("return window.notReloaded === true;")).isEqualTo(true);
    }

    @Test
    void the_pages_speak_german_and_english() {
        open("?lang=de#/resolution/" + ai, "r-title");
        wait.until(d -> text("r-vote-summary").startsWith("14 Ja, 1 Nein, 1 Enthaltung."));
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("de");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Beschlüsse der Konferenz");
        assertThat(text("r-facts")).contains("veröffentlicht", "1. Sitzung, 19. April 2024",
                "Qualifizierte Mehrheit: mindestens 13 Ja-Stimmen", "Berlin und Brandenburg");
        assertThat(rowOf("r-votes", "Bayern")).contains("Nein");
        assertThat(text("r-amendments")).contains("abgelehnt: Die Frist liegt beim Bund");
        assertThat(browser.getTitle()).isEqualTo("Nationale Umsetzung der KI-Verordnung – Beschlüsse der Konferenz");

        browser.findElement(By.id("lang-en")).click();
        wait.until(d -> text("r-vote-summary").startsWith("14 yes, 1 no, 1 abstention."));
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Resolutions of the conference");
        assertThat(rowOf("r-votes", "Bavaria")).contains("No");
        assertThat(browser.getCurrentUrl()).contains("lang=en").contains("#/resolution/" + ai);

        open("?lang=de#/session/" + session, "s-title");
        wait.until(d -> text("s-title").equals("1. Sitzung (regulär)"));
        open("?lang=de#/resolutions?sessionId=" + session, "resolution-list");
        wait.until(d -> text("list-count").equals("4 Beschlüsse gefunden"));
        assertThat(browser.findElement(By.cssSelector("label[for=f-q]")).getText()).isEqualTo("Suche in Titel und Text");
    }

    @Test
    void every_page_fits_a_phone_without_sideways_scrolling() throws Exception {
        browser.manage().window().setSize(new Dimension(360, 800));
        for (String page : List.of("#/", "#/resolutions?sessionId=" + session, "#/resolution/" + ai,
                "#/session/" + session)) {
            browser.get("about:blank");
            browser.get(base + "?lang=de" + page);
            awaitRendered();
            Number overflow = (Number) ((JavascriptExecutor) browser).executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
            Object wide = ((JavascriptExecutor) browser).executeScript("const w = document.documentElement.clientWidth;"
                    + "return [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > w + 1)"
                    + ".slice(0, 8).map(e => e.tagName + '#' + e.id + '.' + e.getAttribute('class') + ' '"
                    + " + Math.round(e.getBoundingClientRect().right)).join(', ');");
            assertThat(overflow.intValue()).as(page + " too wide: " + wide).isLessThanOrEqualTo(0);
        }
        browser.get(base + "?lang=de#/resolution/" + ai);
        wait.until(d -> browser.findElements(By.cssSelector("#r-map svg g.tile")).size() == 16);
        Number mapWidth = (Number) ((JavascriptExecutor) browser).executeScript(
                "return document.querySelector('#r-map svg').getBoundingClientRect().width;");
        assertThat(mapWidth.doubleValue()).isLessThanOrEqualTo(360);
        screenshot("phone");
    }

    @Test
    void a_script_in_a_stored_title_is_shown_as_text_on_every_page() {
        for (String page : List.of("#/", "#/resolutions?sessionId=" + session, "#/resolution/" + hostile,
                "#/session/" + hostileSession, "#/session/" + session)) {
            browser.get("about:blank");
            browser.get(base + "?lang=en" + page);
            wait.until(d -> d.findElement(By.id("main")).getText().contains(SCRIPT_TITLE));
            JavascriptExecutor js = browser;
            assertThat(js.executeScript("return typeof window.pwned;")).as(page).isEqualTo("undefined");
            assertThat(js.executeScript("return document.querySelectorAll('main script, main img').length;"))
                    .as(page).isEqualTo(0L);
            assertThat(Browser.cspViolations(browser)).as(page).isEmpty();
        }
        assertThat(text("s-agenda")).contains(SCRIPT_TITLE);
    }

    @Test
    void axe_core_finds_no_wcag_21_aa_violation_on_any_page_type() throws Exception {
        String axe = Browser.axeScript();
        Map<String, String> pages = Map.of(
                "overview", "#/",
                "list", "#/resolutions?sessionId=" + session,
                "search without result", "#/resolutions?q=Quantencomputer",
                "resolution", "#/resolution/" + ai,
                "session", "#/session/" + session,
                "not found", "#/resolution/" + voting);
        for (String language : List.of("de", "en")) {
            for (var page : pages.entrySet()) {
                browser.get("about:blank");
                browser.get(base + "?lang=" + language + page.getValue());
                awaitRendered();
                // reported, not judged (README: speed is shown in benchmarks, never asserted in tests)
                System.out.printf("dashboard %s %s: first data drawn %d ms after navigation%n", language,
                        page.getKey(), Browser.firstRenderMillis(browser));
                assertThat(Browser.axeViolations(browser, axe)).as(language + " " + page.getKey()).isEmpty();
                assertThat(Browser.cspViolations(browser)).as(language + " " + page.getKey()).isEmpty();
            }
        }
        browser.manage().window().setSize(new Dimension(360, 800));
        browser.get(base + "?lang=de#/resolution/" + ai);
        wait.until(d -> browser.findElements(By.cssSelector("#r-map svg g.tile")).size() == 16);
        assertThat(Browser.axeViolations(browser, axe)).as("phone resolution").isEmpty();
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private void open(String path, String waitForId) {
        browser.get(base + path);
        wait.until(d -> !d.findElements(By.id(waitForId)).isEmpty());
    }

    private void signIn(String token) {
        // by keyboard: the summary opens the form
        browser.findElement(By.cssSelector("#signin summary")).sendKeys(" ");
        wait.until(d -> d.findElement(By.id("token")).isDisplayed());
        browser.findElement(By.id("token")).sendKeys(token);
        browser.findElement(By.cssSelector("#signin-form button[type=submit]")).click();
        wait.until(d -> text("signin-state").startsWith("Signed in"));
    }

    /** The page has drawn its data: the visible view's heading is set and no load is pending for a moment. */
    private void awaitRendered() {
        wait.until(d -> (Boolean) ((JavascriptExecutor) d).executeScript(
                "const h = document.querySelector('.view:not([hidden]) h2');"
                        + "return document.readyState === 'complete' && !!h && h.textContent.trim().length > 0"
                        + " && document.title.includes('–');"));
    }

    private List<WebElement> cards() {
        return browser.findElements(By.cssSelector("#resolution-list > li"));
    }

    /** Read in one script, so that a live refresh redrawing the list cannot get between finding and reading. */
    private String cardText(int index) {
        return wait.until(d -> (String) ((JavascriptExecutor) d).executeScript(
                "const li = document.querySelectorAll('#resolution-list > li')[arguments[0]];"
                        + "return li ? li.innerText : null;", index));
    }

    private String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    /** The text of the table row headed {@code header}, read in one script (see {@link #cardText}). */
    private String rowOf(String tableId, String header) {
        return (String) ((JavascriptExecutor) browser).executeScript(
                "const tr = [...document.querySelectorAll('#' + arguments[0] + ' tbody tr')]"
                        + ".find(r => r.querySelector('th') && r.querySelector('th').textContent.trim() === arguments[1]);"
                        + "return tr ? tr.innerText : '';", tableId, header);
    }

    private void screenshot(String name) throws Exception {
        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target", "dashboard-" + name + ".png"), Browser.fullPage(browser));
    }
}
