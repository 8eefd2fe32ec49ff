package org.contributionledger.api.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import org.contributionledger.LedgerApplication;
import org.contributionledger.api.support.Act;
import org.contributionledger.api.support.LedgerApiTest;
import org.contributionledger.api.support.LedgerClient;
import org.contributionledger.api.support.LedgerClient.Community;
import org.contributionledger.api.support.TestLedger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The dashboard in a real browser: headless Chromium (Debian's {@code chromium} and
 * {@code chromium-driver}, which {@code .ci/run} installs) driven by Selenium against a ledger this
 * test starts. A small community is signed into, drawn, searched, clicked, read and changed through
 * the API while the browser watches; then Bitcoin OTC, imported through the API, is drawn, timed and
 * photographed for the README. Every test fails on any error or warning in the browser's console.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardIT {

    private static final Path CHROMIUM = Path.of(System.getProperty("ledger.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getProperty("ledger.chromedriver", "/usr/bin/chromedriver"));
    /** The reference data lives with the engine's tests in the query module; Maven runs each module from its folder. */
    private static final Path BITCOIN_OTC = Path.of("..", "query", "src", "test", "resources", "reference",
            "soc-sign-bitcoinotc.csv");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Path README_IMAGE = Path.of("..", "docs", "images", "network-bitcoin-otc.png");
    private static final ObjectMapper JSON = new ObjectMapper();

    private TestLedger ledger;
    private LedgerClient admin;
    private Community makers;
    private Community otc;
    private ChromeDriver browser;
    private WebDriverWait wait;

    @BeforeAll
    void startLedgerAndImport() {
        assertThat(CHROMIUM).as("Chromium (apt-get install chromium chromium-driver; .ci/run installs it)").exists();
        assertThat(CHROMEDRIVER).as("ChromeDriver (apt-get install chromium-driver; .ci/run installs it)").exists();
        // Reputation recomputed at most every 3 s: during the import it would otherwise take a core
        // from the writes it follows (the dashboard reads it only once the import is done).
        ledger = TestLedger.start(LedgerApiTest.newDataDir("dashboard-it"), Map.of("ledger.reputation.debounce-ms", "3000"));
        admin = ledger.admin();

        makers = admin.createCommunity("makers", "Makers Guild");
        LedgerClient platform = makers.client();
        for (String[] member : new String[][] {{"ada", "Ada Lovelace"}, {"bob", "Bob Noyce"}, {"cyd", "Cyd Charisse"},
                {"dan", "Dan Bricklin"}}) {
            platform.registerMember("makers", member[0], member[1]).expect(201);
        }
        platform.declareTrust("makers", "bob", "ada", 8).expect(200);
        platform.declareTrust("makers", "cyd", "ada", 6).expect(200);
        platform.declareTrust("makers", "ada", "dan", 4).expect(200);
        platform.record("makers", Act.of("act-1", "ada", "bob").value(2.5).recordedByReceiver()).expect(201);
        platform.record("makers", Act.of("act-2", "dan", "cyd").recordedByReceiver()).expect(201);

        otc = admin.createCommunity("otc", "Bitcoin OTC");
        long started = System.nanoTime();
        int exit = LedgerApplication.cli().execute("import", "--url", "http://localhost:" + ledger.port(),
                "--key", otc.apiKey(), "--community", "otc", "--format", "signed", BITCOIN_OTC.toString());
        assertThat(exit).isZero();
        System.out.printf("Bitcoin OTC imported through the API in %d ms%n", (System.nanoTime() - started) / 1_000_000);
        upToDate(platform, "/communities/makers/graph");
        upToDate(otc.client(), "/communities/otc/stats", "network");
    }

    @BeforeEach
    void openBrowser() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // --no-sandbox: CI runs as root, where Chromium's sandbox cannot start.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1000",
                "--force-device-scale-factor=1", "--lang=en");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    }

    @AfterEach
    void closeBrowserAfterCheckingItsConsole() {
        try {
            List<LogEntry> problems = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                    .filter(entry -> entry.getLevel().intValue() >= Level.WARNING.intValue())
                    .toList();
            assertThat(problems).as("errors and warnings in the browser's console").isEmpty();
        } finally {
            browser.quit();
        }
    }

    @AfterAll
    void stopLedger() {
        if (ledger != null) {
            ledger.close();
        }
    }

    @Test
    void aCommunityManagerSignsInSeesTheNetworkFindsAMemberAndWatchesAnActArrive() {
        browser.get(url("/"));
        browser.findElement(By.linkText("Open the dashboard")).click();
        signIn("makers", makers.apiKey());

        WebElement chart = awaitDrawn();
        assertThat(seriesCount()).as("members in the chart's model").isEqualTo(4);
        assertThat(paintedPixels()).as("pixels painted on the canvas").isGreaterThan(300);
        wait.until(ExpectedConditions.textToBe(By.id("live-status"), "Live updates: on"));

        // Search by name, with the keyboard: the card opens and takes the focus.
        WebElement search = browser.findElement(By.id("member-search-input"));
        search.sendKeys("bob noyce", Keys.ENTER);
        awaitCard("Bob Noyce");
        assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("member-card-title");
        assertThat(browser.findElement(By.id("member-card-facts")).getText()).contains("Influence", "Trusted by");

        // Close the card, then click Ada's node on the canvas, where the chart says it is.
        browser.findElement(By.id("member-card-close")).click();
        assertThat(browser.findElement(By.id("member-card")).isDisplayed()).isFalse();
        clickNode("ada");
        awaitCard("Ada Lovelace");

        // Through her card to why she is influential.
        browser.findElement(By.id("member-card-link")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("member-title"), "Ada Lovelace (ada)"));
        wait.until(driver -> !driver.findElements(By.cssSelector("#member-statement tr[data-contribution-id='act-1']")).isEmpty());
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("member-why-table"), "Bob Noyce"));

        // An act recorded through the API appears without reloading: in her statement and in the activity list.
        makers.client().record("makers", Act.of("act-live", "ada", "cyd").value(7).recordedByReceiver()).expect(201);
        wait.until(driver -> !driver.findElements(
                By.cssSelector("#member-statement tr[data-contribution-id='act-live']")).isEmpty());
        WebElement arrived = browser.findElement(By.cssSelector("#activity-list li[data-contribution-id='act-live']"));
        assertThat(arrived.getText()).isEqualTo("Ada Lovelace gave Cyd Charisse 7 help (confirmed)");

        // My network: Ada trusts Dan, who does not trust her back, and neither Bob nor Cyd gave back what she gave
        // them (the panel is read again after the live act: once Cyd is listed, it is not replaced under the test).
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("member-network-never-gave-back"),
                "Cyd Charisse"));
        assertThat(browser.findElement(By.id("member-network-summary")).getText()).contains("contacts");
        // Dan is the only one Ada trusts, and the only one of her contacts who does not trust her.
        assertThat(browser.findElement(By.id("member-network-character")).getText()).contains("Dan Bricklin");
        assertThat(browser.findElement(By.id("member-network-quality")).getText()).contains("Percentile among members");
        // With the keyboard, through Bob's link to his page: he should meet Cyd and Dan, through Ada.
        browser.findElement(By.cssSelector("#member-network-never-gave-back a[href='#/member/bob']")).sendKeys(Keys.ENTER);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("member-title"), "Bob Noyce (bob)"));
        wait.until(ExpectedConditions.attributeToBe(By.id("member-network"), "data-state", "read"));
        List<String> toMeet = browser.findElements(By.cssSelector("#member-network-meet tbody tr")).stream()
                .map(WebElement::getText).toList();
        assertThat(toMeet).hasSize(2).allSatisfy(candidate -> assertThat(candidate).endsWith("Ada Lovelace"));
        assertThat(String.join("\n", toMeet)).contains("Cyd Charisse", "Dan Bricklin");

        // The leaderboard, with display names.
        browser.findElement(By.linkText("Community")).click();
        wait.until(ExpectedConditions.attributeToBe(By.id("leaderboard"), "data-state", "read"));
        assertThat(browser.findElement(By.id("leaderboard")).getText()).contains("Ada Lovelace", "Dan Bricklin");
        assertThat(browser.findElement(By.id("community-stats")).getText()).contains("Members", "4 (4 active)");
        assertThat(chart.isDisplayed()).as("the network page is hidden meanwhile").isFalse();
    }

    @Test
    void bitcoinOtcDrawsQuicklyAndStaysResponsive() throws IOException {
        // Timed with a plain client: the test client checks every answer against the OpenAPI document,
        // which for 2 MB of JSON takes longer than the ledger.
        long started = System.nanoTime();
        JsonNode drawing = JSON.readTree(plainGet("/api/v1/communities/otc/graph", otc.apiKey()));
        long firstMillis = (System.nanoTime() - started) / 1_000_000;
        started = System.nanoTime();
        plainGet("/api/v1/communities/otc/graph", otc.apiKey());
        long keptMillis = (System.nanoTime() - started) / 1_000_000;
        assertThat(drawing.path("nodes").size()).isEqualTo(5881);
        otc.client().get("/communities/otc/graph").expect(200); // and once checked against the document

        browser.get(url("/dashboard/"));
        signIn("otc", otc.apiKey());
        WebElement chart = awaitDrawn();
        long drawMillis = Long.parseLong(chart.getAttribute("data-draw-ms"));
        assertThat(seriesCount()).isEqualTo(5881);
        assertThat(Integer.parseInt(chart.getAttribute("data-edges"))).isEqualTo(drawing.path("edges").size());
        assertThat(paintedPixels()).isGreaterThan(10_000);

        // Responsive: a search, the card read and shown.
        started = System.nanoTime();
        browser.findElement(By.id("member-search-input")).sendKeys("35", Keys.ENTER);
        awaitCard("35");
        long cardMillis = (System.nanoTime() - started) / 1_000_000;

        Files.createDirectories(SCREENSHOTS);
        browser.findElement(By.id("member-card-close")).click();
        Path screenshot = SCREENSHOTS.resolve("network-bitcoin-otc.png");
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), screenshot, StandardCopyOption.REPLACE_EXISTING);
        if (Boolean.getBoolean("ledger.screenshot.refresh")) {
            Files.createDirectories(README_IMAGE.getParent());
            Files.copy(screenshot, README_IMAGE, StandardCopyOption.REPLACE_EXISTING);
        }
        System.out.printf("Bitcoin OTC network (%d members, %d edges): GET .../graph %d ms (first read, with the "
                        + "layout), %d ms (kept); in the browser, fetch to painted %d ms; search to card %d ms; screenshot %s%n",
                5881, drawing.path("edges").size(), firstMillis, keptMillis, drawMillis, cardMillis,
                screenshot.toAbsolutePath());
    }

    private void signIn(String communityId, String key) {
        WebElement id = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("community-id")));
        id.sendKeys(communityId);
        browser.findElement(By.id("community-key")).sendKeys(key, Keys.ENTER);
    }

    private WebElement awaitDrawn() {
        new WebDriverWait(browser, Duration.ofSeconds(60))
                .until(ExpectedConditions.attributeToBe(By.id("network-chart"), "data-state", "drawn"));
        return browser.findElement(By.id("network-chart"));
    }

    private void awaitCard(String title) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("member-card-title"), title));
        wait.until(ExpectedConditions.attributeToBe(By.id("member-card"), "data-state", "read"));
    }

    /** Members in the chart's own model: what ECharts holds to paint, not an element that merely exists. */
    private long seriesCount() {
        return (Long) js().executeScript("return echarts.getInstanceByDom(document.getElementById('network-chart'))"
                + ".getModel().getSeriesByIndex(0).getData().count();");
    }

    /** Pixels of the chart's canvas that are painted (neither transparent nor white). */
    private long paintedPixels() {
        return (Long) js().executeScript("""
                const canvas = document.querySelector('#network-chart canvas');
                const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
                let painted = 0;
                for (let i = 0; i < pixels.length; i += 4) {
                  if (pixels[i + 3] > 0 && (pixels[i] < 240 || pixels[i + 1] < 240 || pixels[i + 2] < 240)) {
                    painted++;
                  }
                }
                return painted;""");
    }

    /** Clicks a member's node where the chart has painted it. */
    private void clickNode(String memberId) {
        @SuppressWarnings("unchecked")
        List<Number> at = (List<Number>) js().executeScript("""
                const chart = echarts.getInstanceByDom(document.getElementById('network-chart'));
                const data = chart.getModel().getSeriesByIndex(0).getData();
                const index = data.indexOfName(arguments[0]);
                const layout = data.getItemLayout(index);
                return chart.convertToPixel({seriesIndex: 0}, [layout[0], layout[1]]);""", memberId);
        WebElement chart = browser.findElement(By.id("network-chart"));
        int x = at.get(0).intValue() - chart.getSize().getWidth() / 2;
        int y = at.get(1).intValue() - chart.getSize().getHeight() / 2;
        new Actions(browser).moveToElement(chart, x, y).click().perform();
    }

    private String plainGet(String path, String key) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url(path)))
                    .header("Authorization", "Bearer " + key).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private JavascriptExecutor js() {
        return browser;
    }

    private String url(String path) {
        return "http://localhost:" + ledger.port() + path;
    }

    private static void upToDate(LedgerClient client, String path) {
        upToDate(client, path, null);
    }

    /** Polls until the answer (or its {@code section}) includes every event (the snapshot follows within seconds). */
    private static void upToDate(LedgerClient client, String path, String section) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            JsonNode body = client.get(path).expect(200).json();
            JsonNode part = section == null ? body : body.path(section);
            if (part.path("freshness").path("upToDate").asBoolean()) {
                return;
            }
            assertThat(System.nanoTime() - deadline).as("%s never caught up", path).isNegative();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
