package io.resolutionledger.query.support;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Debian's headless Chromium through chromedriver (packages {@code chromium} and {@code chromium-driver}, which
 * {@code .ci/run} installs when missing); a test that needs it is skipped, saying so, where they are absent. Also the
 * axe-core accessibility engine, taken from the npm package {@code @axe-core/cli} (installed on first use into
 * {@code target/axe} with {@code npm install --ignore-scripts}) and run inside the page under test.
 */
public final class Browser {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path AXE_HOME = Path.of("target", "axe");
    private static final Path AXE_SCRIPT = AXE_HOME.resolve("node_modules/axe-core/axe.min.js");
    private static final String AXE_CLI = "@axe-core/cli@4.13.0";

    private Browser() {
    }

    /** A fresh headless Chromium, English UI unless the page picks a language itself. */
    public static ChromeDriver start(int width, int height) throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "SKIPPED: Debian's chromium and chromium-driver are not installed (.ci/run installs them)");
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=" + width + "," + height, "--lang=en",
                "--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
        ChromeDriver driver = new ChromeDriver(options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        // every document records what its Content-Security-Policy refused, before any of its own scripts runs
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", "window.__cspViolations = [];"
                + "document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push("
                + "e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sourceFile + ':' + e.lineNumber));"));
        return driver;
    }

    /** What the page's Content-Security-Policy refused since the document was loaded. */
    @SuppressWarnings("unchecked")
    public static List<String> cspViolations(ChromeDriver driver) {
        Object found = driver.executeScript("return window.__cspViolations || ['no recorder'];");
        return (List<String>) found;
    }

    /** Milliseconds from navigation to the dashboard's first drawn data ({@code ledger:rendered}), or -1. */
    public static long firstRenderMillis(ChromeDriver driver) {
        Object ms = driver.executeScript("const m = performance.getEntriesByName('ledger:rendered');"
                + "return m.length ? Math.round(m[0].startTime) : -1;");
        return ((Number) ms).longValue();
    }

    /** A PNG of the whole page, beyond the window's height. */
    public static byte[] fullPage(ChromeDriver driver) {
        Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot",
                Map.of("format", "png", "captureBeyondViewport", true));
        return java.util.Base64.getDecoder().decode((String) shot.get("data"));
    }

    /** axe-core's script, installing it from npm on first use; skips the calling test where that is impossible. */
    public static String axeScript() throws Exception {
        if (!Files.isRegularFile(AXE_SCRIPT)) {
            Files.createDirectories(AXE_HOME);
            Path log = AXE_HOME.resolve("npm-install.log");
            try {
                Process npm = new ProcessBuilder("npm", "install", "--ignore-scripts", "--no-audit", "--no-fund",
                        "--prefix", AXE_HOME.toAbsolutePath().toString(), AXE_CLI)
                        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
                if (!npm.waitFor(300, TimeUnit.SECONDS)) {
                    npm.destroyForcibly();
                }
            } catch (IOException noNpm) {
                Assumptions.abort("SKIPPED: npm is not installed, so axe-core cannot be fetched (" + noNpm.getMessage()
                        + ")");
            }
            Assumptions.assumeTrue(Files.isRegularFile(AXE_SCRIPT),
                    "SKIPPED: npm could not install " + AXE_CLI + " (see " + log.toAbsolutePath() + ")");
        }
        return Files.readString(AXE_SCRIPT, StandardCharsets.UTF_8);
    }

    /**
     * Runs axe-core over the current page against WCAG 2.0/2.1 A and AA and returns the violations, each as
     * "rule: help (target, ...)" so that a failing assertion says what to fix.
     */
    @SuppressWarnings("unchecked")
    public static List<String> axeViolations(ChromeDriver driver, String axeScript) {
        JavascriptExecutor js = driver;
        js.executeScript(axeScript);
        Object result = js.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
                                    resultTypes: ['violations'] })
                   .then(r => done(r.violations.map(v => ({ id: v.id, help: v.help,
                                    nodes: v.nodes.map(n => n.target.join(' ') + ' ' + n.failureSummary) }))))
                   .catch(e => done([{ id: 'axe-error', help: String(e), nodes: [] }]));
                """);
        List<String> violations = new ArrayList<>();
        for (Map<String, Object> v : (List<Map<String, Object>>) result) {
            violations.add(v.get("id") + ": " + v.get("help") + " " + v.get("nodes"));
        }
        return violations;
    }
}
