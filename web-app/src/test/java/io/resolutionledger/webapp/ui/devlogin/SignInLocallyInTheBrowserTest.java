package io.resolutionledger.webapp.ui.devlogin;

import io.resolutionledger.query.support.Browser;
import io.resolutionledger.webapp.support.WebStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local development sign-in as `./ledger up` offers it, in a real Chromium (the test JVM whose stack signs in
 * that way): the page offers it, its form signs a delegate in, the header names the person and the delegation, and
 * signing out ends it. A real browser posts that form with {@code Origin: null} (the pages' Referrer-Policy is
 * no-referrer), which the web app must take from its own page.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SignInLocallyInTheBrowserTest {

    private final WebStack stack = WebStack.shared();
    private ChromeDriver browser;
    private WebDriverWait wait;

    @BeforeAll
    void chromium() throws Exception {
        stack.assumeDevLogin();
        browser = Browser.start(1280, 1000);
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    }

    @AfterAll
    void quit() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void a_delegate_signs_in_with_the_development_sign_in_and_out_again() throws Exception {
        browser.get(stack.webUrl() + "/");
        wait.until(d -> !d.findElements(By.id("sign-in-dev-main")).isEmpty());
        assertThat(Browser.axeViolations(browser, Browser.axeScript())).as("the sign-in page").isEmpty();

        browser.findElement(By.id("sign-in-dev-main")).click();
        wait.until(d -> !d.findElements(By.id("name")).isEmpty());
        new Select(browser.findElement(By.id("delegation"))).selectByValue("DE-SN");
        browser.findElement(By.id("name")).sendKeys("Sophie Sachsen");
        browser.findElement(By.cssSelector("button[type=submit]")).click();

        wait.until(d -> d.findElement(By.id("who")).getText().contains("Sophie Sachsen"));
        assertThat(browser.findElement(By.id("who")).getText()).contains("Sachsen", "Entwicklungs-Anmeldung");
        wait.until(d -> d.findElement(By.cssSelector("#view h1")).getText().equals("Meine Delegation: Sachsen"));

        browser.findElement(By.id("sign-out")).click();
        wait.until(d -> !d.findElements(By.id("sign-in-main")).isEmpty());
        assertThat(browser.findElement(By.id("who")).getText()).isEqualTo("Nicht angemeldet.");
        assertThat(Browser.cspViolations(browser)).isEmpty();
    }
}
