package io.resolutionledger.webapp.ui;

import com.fasterxml.jackson.databind.JsonNode;
import io.resolutionledger.query.support.Browser;
import io.resolutionledger.webapp.support.WebStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The delegations' pages in a real headless Chromium against the whole ledger ({@link WebStack}: command side, query
 * side and web app on one embedded PostgreSQL), signing in through the identity provider's own login form (Keycloak,
 * or the development sign-in where this JVM's stack has no Keycloak): a session from its scheduling to the public
 * Beschluss. The chair schedules the session; a delegate proposes (a title that is markup, shown inert), amends
 * while a co-sponsor's change lands first (the 412 is explained, the other version shown beside the draft, then the
 * change succeeds and is stored once); another delegate tables an amendment, the sponsor accepts it; the chair
 * records attendance, opens the session and the vote (a refusal to adopt too early is shown), members vote, the chair
 * adopts and publishes, and the public dashboard shows the Beschluss. axe-core (WCAG 2.1 A/AA) runs over every page
 * type in German and English at desktop and phone width. Screenshots go to {@code target/webapp-*.png}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DelegationsInTheBrowserTest {

    private static final String PASSWORD = "correct-horse-battery-staple";
    private static final String HOSTILE = "Offene Daten <img src=x onerror=\"window.pwned = 1\"><script>window.pwned = 2</script>";
    private static final String FIRST_TEXT = "Die DMK fordert offene Verwaltungsdaten.\n\nDie Länder berichten jährlich.";
    private static final String THEIR_TEXT = "Die DMK fordert offene Verwaltungsdaten und offene Schnittstellen.\n\n"
            + "Die Länder berichten jährlich.";
    private static final String MY_TEXT = "Die DMK fordert offene Verwaltungsdaten und offene Schnittstellen, kostenfrei.\n\n"
            + "Die Länder berichten jährlich.";
    private static final String TABLED_TEXT = "Die DMK fordert offene Verwaltungsdaten und offene Schnittstellen, "
            + "kostenfrei und maschinenlesbar.\n\nDie Länder berichten jährlich.";
    private static final List<String> PRESENT = List.of("DE-BW", "DE-BY", "DE-BE", "DE-BB", "DE-HH", "DE-HE", "DE-NW",
            "DE-SN", "DE-SH", "DE-ST", "DE-TH");
    private static final AtomicInteger PEOPLE = new AtomicInteger();

    private final WebStack stack = WebStack.shared();
    private final String web = stack.webUrl();
    private final String sessionId = "s-web-" + UUID.randomUUID().toString().substring(0, 8);
    private final String today = LocalDate.now(ZoneOffset.UTC).toString();
    private String chair;
    private String sponsor;
    private String coSponsor;
    private String tabler;
    private String resolutionId;
    private ChromeDriver a;
    private ChromeDriver b;

    @BeforeAll
    void theChairOfTodayAndTwoBrowsers() throws Exception {
        // whoever holds the chair today presides; on a fresh ledger an admin names the first chair
        io.resolutionledger.webapp.support.Browser admin = stack.signIn(null, "admin", "Ada Admin");
        JsonNode holders = admin.get("/bff/query/chair?on=" + today).json().path("holders");
        if (holders.isEmpty()) {
            var handover = admin.post("/bff/command/chair/handovers", "{\"year\":" + today.substring(0, 4)
                    + ",\"to\":[\"DE-BE\",\"DE-BB\"],\"effectiveFrom\":\"" + today.substring(0, 4) + "-01-01\"}",
                    "Idempotency-Key", UUID.randomUUID().toString());
            assertThat(handover.status()).as(handover.body()).isEqualTo(201);
            holders = admin.get("/bff/query/chair?on=" + today).json().path("holders");
        }
        List<String> holding = new ArrayList<>();
        holders.forEach(h -> holding.add(h.asText()));
        assertThat(holding).isNotEmpty();
        chair = holding.get(0);
        List<String> others = PRESENT.stream().filter(m -> !holding.contains(m)).toList();
        sponsor = others.contains("DE-BY") ? "DE-BY" : others.get(0);
        coSponsor = others.stream().filter(m -> !m.equals(sponsor)).findFirst().orElseThrow();
        tabler = others.stream().filter(m -> !m.equals(sponsor) && !m.equals(coSponsor)).reduce((x, y) -> y)
                .orElseThrow();
        a = Browser.start(1280, 1400);
        b = Browser.start(1280, 1400);
    }

    @AfterAll
    void quit() {
        if (a != null) {
            a.quit();
        }
        if (b != null) {
            b.quit();
        }
    }

    @Test
    @Order(1)
    void a_session_runs_from_proposal_to_the_published_beschluss_in_the_browser() throws Exception {
        // not signed in: the page says what to do, and nothing else
        a.get(web + "/");
        ready(a);
        assertThat(text(a, "#view h1")).isEqualTo("Bitte melden Sie sich an");

        // the chair schedules the session of today
        signIn(b, chair, "Clara Chair");
        open(b, "/chair");
        assertThat(text(b, "#view")).contains("Ihre Delegation führt am");
        type(b, "s-id", sessionId);
        type(b, "s-number", "7");
        b.executeScript("document.getElementById('s-date').value = arguments[0];", today);
        type(b, "s-place", "Potsdam");
        click(b, "schedule-form-submit");
        awaitOutcome(b, "Sitzung geplant.");

        // a delegate proposes, with a co-sponsor; the title is markup and stays text
        signIn(a, sponsor, "Bea Bayern");
        assertThat(text(a, "#view h1")).startsWith("Meine Delegation:");
        click(a, By.cssSelector("#main-nav a[data-route='propose']"));
        ready(a);
        await(a, d -> d.findElements(By.cssSelector("#p-session option[value='" + sessionId + "']")).size() == 1);
        new Select(a.findElement(By.id("p-session"))).selectByValue(sessionId);
        type(a, "p-title", HOSTILE);
        type(a, "p-text", FIRST_TEXT);
        type(a, "p-topics", "open-data");
        click(a, "p-co-" + coSponsor);
        click(a, "propose-form-submit");
        await(a, d -> d.getCurrentUrl().matches(".*/resolutions/[0-9a-f-]{36}$") && !d.findElements(By.id("ed-amend-text")).isEmpty());
        resolutionId = a.getCurrentUrl().replaceAll(".*/resolutions/", "");
        assertThat(text(a, "#r-title")).isEqualTo(HOSTILE);
        assertThat(text(a, "#r-text")).contains("Die DMK fordert offene Verwaltungsdaten.");
        inert(a, "proposal");

        // the sponsor starts a change; the live diff shows it against version 1
        type(a, "ed-amend-text", MY_TEXT);
        awaitText(a, "ed-amend-diff", "und offene Schnittstellen, kostenfrei");
        assertThat(text(a, "#ed-amend-stats")).contains("eingefügt");

        // meanwhile the co-sponsor's change lands first (through the same BFF, as its own pages would send it)
        io.resolutionledger.webapp.support.Browser other = stack.signIn(coSponsor, "delegate", "Hanna Hamburg");
        var theirs = other.post("/bff/command/resolutions/" + resolutionId + "/amendments",
                "{\"text\":\"" + THEIR_TEXT.replace("\n", "\\n") + "\",\"reason\":\"Schnittstellen\"}",
                "If-Match", "\"1\"", "Idempotency-Key", UUID.randomUUID().toString());
        assertThat(theirs.status()).as(theirs.body()).isEqualTo(200);
        // the page learns of it live, before the sponsor saves
        awaitText(a, "ed-amend-newer", "Inzwischen gibt es Fassung 2");

        // saving is refused (412): said in words, the other version beside the draft, nothing written
        click(a, "ed-amend-form-submit");
        awaitText(a, "act-amend-alert", "Jemand anderes hat den Text zuerst geändert");
        awaitText(a, "ed-amend-conflict", "aktuell ist Fassung 2");
        assertThat(text(a, "#ed-amend-theirs")).contains("offene Schnittstellen.");
        assertThat(text(a, "#ed-amend-mine")).contains("kostenfrei");
        axe(a, "resolution with a conflict");
        screenshot(a, "conflict");

        // based on the new version, the change goes through; a double click writes it once
        click(a, "ed-amend-rebase");
        awaitText(a, "ed-amend-base", "Fassung 2");
        new org.openqa.selenium.interactions.Actions(a).doubleClick(a.findElement(By.id("ed-amend-form-submit"))).perform();
        awaitOutcome(a, "Gespeichert: Fassung 3.");
        var versions = other.get("/bff/query/resolutions/" + resolutionId + "/versions");
        assertThat(versions.json().path("total").asInt()).as(versions.body()).isEqualTo(3);

        // another delegate tables an amendment (no editor of the text for them: they are not sponsors)
        signIn(b, tabler, "Nils Nordrhein");
        open(b, "/resolutions/" + resolutionId);
        assertThat(b.findElements(By.id("ed-amend-text"))).isEmpty();
        awaitText(b, "ed-table-base", "Fassung 3");
        type(b, "ed-table-text", TABLED_TEXT);
        type(b, "ed-table-reason", "maschinenlesbar");
        click(b, "ed-table-form-submit");
        awaitOutcome(b, "Änderungsantrag gestellt");

        // the sponsor's page shows it live, and the sponsor accepts it
        By accept = By.cssSelector("[id^='accept-']");
        await(a, d -> !d.findElements(accept).isEmpty());
        open(a, "/");
        awaitText(a, "waiting", "maschinenlesbar");
        click(a, By.cssSelector("#waiting a"));
        ready(a);
        click(a, accept);
        awaitOutcome(a, "Änderungsantrag angenommen: Fassung 4.");
        awaitText(a, "amendment-list", "angenommen (wurde Fassung 4)");
        await(a, d -> text(d, "#r-text").contains("maschinenlesbar"));

        // the chair: attendance, opening, the vote
        signIn(b, chair, "Clara Chair");
        open(b, "/sessions/" + sessionId);
        for (String member : PRESENT) {
            click(b, "att-" + member + "-present");
            await(b, d -> text(d, "#act-att-" + member + "-status").contains("anwesend"));
        }
        await(b, d -> text(d, "#view").contains(PRESENT.size() + " Mitglieder anwesend"));
        click(b, "open-session");
        await(b, d -> !d.findElements(By.id("close-session")).isEmpty());
        axe(b, "session console");
        open(b, "/resolutions/" + resolutionId);
        b.findElement(By.id("open-vote-rule")).sendKeys("simple-majority");
        click(b, "open-vote-form-submit");
        await(b, d -> !d.findElements(By.id("vote-panel")).isEmpty());
        assertThat(text(b, "#vote-panel")).contains("Einfache Mehrheit");
        // too early: the service refuses, and the page says why, next to the button
        click(b, "adopt");
        awaitText(b, "act-adopt-alert", "erfüllt die Abstimmungsregel nicht");

        // members vote
        vote(a, sponsor, "Bea Bayern", "yes", "Ja");
        axe(a, "resolution with a vote");
        vote(a, coSponsor, "Hanna Hamburg", "yes", "Ja");
        vote(a, tabler, "Nils Nordrhein", "no", "Nein");

        // the chair adopts and publishes
        await(b, d -> text(d, "#vote-panel").contains("2 Ja, 1 Nein"));
        click(b, "adopt");
        awaitOutcome(b, "Beschlossen: 2 Ja, 1 Nein");
        await(b, d -> !d.findElements(By.id("publish-reference")).isEmpty());
        type(b, "publish-reference", "Pressemitteilung vom " + today);
        click(b, "publish-form-submit");
        awaitOutcome(b, "Veröffentlicht.");
        await(b, d -> text(d, "#view").contains("veröffentlicht"));
        screenshot(b, "published");
        inert(b, "published resolution");

        // the public dashboard (the query side, no sign-in) shows the Beschluss
        a.get(stack.queryUrl() + "/?lang=de#/resolution/" + resolutionId);
        await(a, d -> HOSTILE.equals(text(d, "#r-title")));
        await(a, d -> text(d, "#r-facts").contains("veröffentlicht"));
        assertThat(text(a, "#r-text")).contains("maschinenlesbar");
        inert(a, "dashboard");
    }

    @Test
    @Order(2)
    void axe_core_finds_no_wcag_21_aa_violation_on_any_page_type_in_either_language_or_width() throws Exception {
        assertThat(resolutionId).as("the journey ran first").isNotNull();
        signIn(a, chair, "Clara Chair");
        Map<String, String> pages = new java.util.LinkedHashMap<>();
        pages.put("my delegation", "/");
        pages.put("new proposal", "/resolutions/new");
        pages.put("resolution", "/resolutions/" + resolutionId);
        pages.put("session console", "/sessions/" + sessionId);
        pages.put("chair", "/chair");
        pages.put("not found", "/no/such/page");
        for (int width : new int[] {1280, 360}) {
            a.manage().window().setSize(new Dimension(width, width == 360 ? 800 : 1400));
            for (var page : pages.entrySet()) {
                open(a, page.getValue());
                axe(a, page.getKey() + " at " + width + " px");
                if (width == 360) {
                    Number overflow = (Number) a.executeScript(
                            "return document.documentElement.scrollWidth - window.innerWidth;");
                    assertThat(overflow.intValue()).as(page.getKey() + ": no sideways scrolling at 360 px")
                            .isLessThanOrEqualTo(0);
                    screenshot(a, "phone-" + page.getKey().replace(' ', '-'));
                }
            }
        }
        // the page for someone not signed in
        a.manage().window().setSize(new Dimension(1280, 1400));
        a.executeCdpCommand("Network.clearBrowserCookies", Map.of());
        open(a, "/");
        assertThat(a.findElements(By.id("sign-in-main"))).isNotEmpty();
        axe(a, "sign-in");
    }

    // ---- helpers ----

    /** Signs a person of the delegation in through the provider's login form (or the development sign-in's). */
    private void signIn(ChromeDriver driver, String delegation, String name) {
        // another person in the same browser: no session of the web app, none of the identity provider
        driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
        driver.get(web + "/");
        ready(driver);
        if (stack.keycloak().isPresent()) {
            String username = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-") + "-" + PEOPLE.incrementAndGet()
                    + "-" + ProcessHandle.current().pid();
            String[] names = name.split(" ", 2);
            stack.keycloak().get().addNamedPerson(username, PASSWORD, names[0], names[1], delegation);
            click(driver, "sign-in-main");
            await(driver, d -> !d.findElements(By.id("username")).isEmpty());
            driver.findElement(By.id("username")).sendKeys(username);
            driver.findElement(By.id("password")).sendKeys(PASSWORD);
            driver.findElement(By.id("kc-login")).click();
        } else {
            click(driver, "sign-in-dev-main");
            await(driver, d -> !d.findElements(By.id("name")).isEmpty());
            new Select(driver.findElement(By.id("delegation"))).selectByValue(delegation);
            driver.findElement(By.id("name")).sendKeys(name);
            driver.findElement(By.cssSelector("button[type=submit]")).click();
        }
        await(driver, d -> d.getCurrentUrl().startsWith(web) && text(d, "#who").contains(name));
        ready(driver);
    }

    private void vote(ChromeDriver driver, String delegation, String name, String choice, String word) {
        signIn(driver, delegation, name);
        awaitText(driver, "votes-open", HOSTILE);
        open(driver, "/resolutions/" + resolutionId);
        click(driver, "vote-" + choice);
        awaitOutcome(driver, "Ihre Stimme ist gezählt: " + word + ".");
        awaitText(driver, "my-vote", "Sie haben abgestimmt: " + word);
    }

    private void open(ChromeDriver driver, String path) {
        driver.get(web + path);
        ready(driver);
    }

    private void ready(ChromeDriver driver) {
        await(driver, d -> Boolean.TRUE.equals(((ChromeDriver) d).executeScript(
                "return document.readyState === 'complete' && !!document.querySelector('#view h1')"
                        + " && !document.getElementById('main').hasAttribute('aria-busy');")));
    }

    /** Clicks, again if a live refresh replaced the element between finding and clicking it. */
    private void click(ChromeDriver driver, String id) {
        click(driver, By.id(id));
    }

    private void click(ChromeDriver driver, By by) {
        await(driver, d -> {
            try {
                WebElement element = d.findElement(by);
                if (!element.isDisplayed() || !element.isEnabled()) {
                    return false;
                }
                element.click();
                return true;
            } catch (StaleElementReferenceException | org.openqa.selenium.NoSuchElementException
                     | org.openqa.selenium.ElementClickInterceptedException replaced) {
                return false;
            }
        });
    }

    private void type(ChromeDriver driver, String id, String value) {
        await(driver, d -> {
            try {
                WebElement field = d.findElement(By.id(id));
                field.clear();
                field.sendKeys(value);
                return value.equals(field.getAttribute("value"));
            } catch (StaleElementReferenceException | org.openqa.selenium.NoSuchElementException replaced) {
                return false;
            }
        });
    }

    private static String text(org.openqa.selenium.WebDriver driver, String css) {
        try {
            List<WebElement> found = driver.findElements(By.cssSelector(css));
            return found.isEmpty() ? "" : found.get(0).getText();
        } catch (StaleElementReferenceException replaced) {
            return "";
        }
    }

    /** What an action answered: beside it, or above the page when the redrawn page no longer offers it. */
    private void awaitOutcome(ChromeDriver driver, String expected) {
        await(driver, d -> text(d, "#main").contains(expected));
    }

    private void awaitText(ChromeDriver driver, String id, String expected) {
        await(driver, d -> text(d, "#" + id).contains(expected));
    }

    /** Waits for the condition; when it never holds, the failure shows the page's address and text (and a picture). */
    private static void await(ChromeDriver driver, Function<org.openqa.selenium.WebDriver, Boolean> condition) {
        try {
            new WebDriverWait(driver, Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class)
                    .until(condition::apply);
        } catch (org.openqa.selenium.TimeoutException e) {
            try {
                screenshot(driver, "failure");
            } catch (Exception ignored) {
                // the text below says enough
            }
            throw new AssertionError("waited 30 s in vain on " + driver.getCurrentUrl() + ", which shows:\n"
                    + text(driver, "body"), e);
        }
    }

    /** Stored text never ran, and the page's Content-Security-Policy refused nothing. */
    private static void inert(ChromeDriver driver, String page) {
        assertThat(driver.executeScript("return typeof window.pwned;")).as(page).isEqualTo("undefined");
        assertThat(Browser.cspViolations(driver)).as(page).isEmpty();
    }

    /** axe-core over the page in German and in English (the language switch redraws it in place). */
    private void axe(ChromeDriver driver, String page) throws Exception {
        String axe = Browser.axeScript();
        for (String language : new String[] {"en", "de"}) {
            click(driver, "lang-" + language);
            await(driver, d -> language.equals(((ChromeDriver) d).executeScript("return document.documentElement.lang;")));
            ready(driver);
            assertThat(Browser.axeViolations(driver, axe)).as(language + " " + page).isEmpty();
            assertThat(Browser.cspViolations(driver)).as(language + " " + page).isEmpty();
        }
    }

    private static void screenshot(ChromeDriver driver, String name) throws Exception {
        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target", "webapp-" + name + ".png"), Browser.fullPage(driver));
    }
}
