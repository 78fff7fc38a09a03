package io.pipewatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Opens the demo dashboard in real headless Chromium (Debian's, installed by .ci/run) and checks
 * that every chart drew data and that live updates arrive over SSE; and acts on an alert from the index
 * page as an on-call engineer would.
 */
@QuarkusTest
@QuarkusTestResource(SlackStandIn.class)
// One Chromium for the class (an instance field, not static state): starting one took ~3 s of each test. Each test
// still starts from a blank page, no cookies and the default window size.
@org.junit.jupiter.api.TestInstance(org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS)
class DashboardBrowserIT {

    @TestHTTPResource("/dashboards/demo-pipeline")
    URL dashboard;

    @TestHTTPResource("/")
    URL index;

    private ChromeDriver browser;
    private Path profile;

    @BeforeEach
    void freshPage() throws IOException {
        if (browser == null) {
            openBrowser();
        }
        browser.get("about:blank");
        browser.manage().deleteAllCookies();
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(1600, 2200));
    }

    private void openBrowser() throws IOException {
        profile = Files.createTempDirectory("pipewatch-chromium");
        var options = new ChromeOptions();
        options.setBinary(executable("PIPEWATCH_CHROMIUM", "/usr/bin/chromium"));
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic",
                "--no-first-run", "--window-size=1600,2200", "--user-data-dir=" + profile);
        var service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(executable("PIPEWATCH_CHROMEDRIVER", "/usr/bin/chromedriver")))
                .build();
        browser = new ChromeDriver(service, options);
    }

    @org.junit.jupiter.api.AfterAll
    void closeBrowser() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (profile == null) {
            return;
        }
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }

    @Test
    void chartsDrawDataAndLiveUpdatesArrive() throws IOException {
        browser.get(dashboard.toString());
        var wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        WebElement root = browser.findElement(By.cssSelector("[data-dashboard]"));
        wait.until(d -> "true".equals(root.getAttribute("data-loaded")));

        List<WebElement> panels = browser.findElements(By.cssSelector("[data-panel]"));
        assertTrue(panels.size() >= 18, "five stages' golden-signal panels: " + panels.size());
        // A loaded 2-core machine starts the demo slowly; the message names the panels still empty if it times out.
        new WebDriverWait(browser, Duration.ofSeconds(60)).withMessage(() -> "panels without points: " + panels.stream()
                .filter(p -> Integer.parseInt(p.getAttribute("data-points")) == 0).map(p -> p.getText().lines().findFirst().orElse("?")).toList())
                .until(d -> panels.stream().allMatch(p -> Integer.parseInt(p.getAttribute("data-points")) > 0));
        assertTrue(browser.findElements(By.cssSelector(".panel canvas")).size() >= panels.size(), "every panel has a uPlot canvas");

        // Live updates move the charts on: the newest point drawn advances (the count alone stays put once the window is full).
        double newestBefore = Double.parseDouble(panels.get(0).getAttribute("data-newest"));
        wait.until(d -> Integer.parseInt(root.getAttribute("data-live-updates")) >= 2);
        wait.until(d -> Double.parseDouble(panels.get(0).getAttribute("data-newest")) > newestBefore);

        List<WebElement> badges = browser.findElements(By.cssSelector("[data-alert] [data-state]"));
        assertTrue(badges.size() >= 8, "alarm states beside the charts");
        assertTrue(browser.findElements(By.cssSelector(
                "#stage-dynamodb-stream-demo-impressions [data-alert='roll-up-input-falling-behind-stream-saturation']")).size() == 1,
                "the saturation alarm beside the stream stage");
        assertTrue(browser.findElements(By.cssSelector("[data-alert] a[href*='/runbooks/']")).size() >= 7, "runbook links");

        Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, Path.of("target", "dashboard.png"), StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void chartsShareOneCursorSpeakInUnitsDrawThresholdsAndFiringSpansAndFillTheirRowsAt1440() {
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(1440, 900));
        browser.get(dashboard.toString());
        WebElement root = browser.findElement(By.cssSelector("[data-dashboard]"));
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> "true".equals(root.getAttribute("data-loaded")));

        // Every stage's golden signals on one row, filling it: no row left three quarters empty.
        Object rows = browser.executeScript("return [...document.querySelectorAll('.panels')].map(p => {"
                + " const tops = new Set([...p.children].map(c => c.offsetTop));"
                + " const used = [...p.children].reduce((w, c) => w + c.offsetWidth, 0);"
                + " return tops.size + ':' + (used / p.clientWidth > 0.95); })");
        assertTrue(rows.toString().matches("\\[(1:true, )*1:true\\]"), "one full row per stage: " + rows);

        // The lag alarm's threshold is a line on the iterator-age chart, and axes speak in the panel's unit.
        WebElement lag = browser.findElement(By.xpath("//*[@id='stage-device-logs']//figure[.//figcaption[contains(., 'Iterator age')]]"));
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> Integer.parseInt(lag.getAttribute("data-points")) > 0);
        assertEquals("2", lag.getAttribute("data-thresholds"), "the lag alarm (30 s) and the retention alarm (12 h)");
        assertTrue(lag.getText().contains("alarm: Stream consumers falling behind"), lag.getText());
        // Not hovering, the legend shows the newest values, in the panel's unit (uPlot draws axes on the canvas with the
        // same formatter): "30 s" for the threshold, never "30000" nor a dash.
        String legend = lag.findElement(By.cssSelector(".u-legend")).getText();
        assertTrue(legend.contains("30 s") && legend.contains("12 h"), "thresholds as durations: " + legend);
        assertTrue(legend.matches("(?s).*max\\s*\\d[\\d.,]* (ms|s|min).*"), "the newest value as a duration: " + legend);

        // The demo's stall makes the lag alarm fire: its time firing is shaded on its charts.
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(d -> Integer.parseInt(lag.getAttribute("data-spans")) > 0);

        // The demo's incidents are marked on the charts of the stage that caused them.
        new WebDriverWait(browser, Duration.ofSeconds(60)).withMessage("no chart marks an incident's cause").until(d ->
                d.findElements(By.cssSelector("[data-panel][data-incidents]")).stream()
                        .anyMatch(p -> Integer.parseInt(p.getAttribute("data-incidents")) > 0));

        // One cursor: hovering one chart moves the cursor on every other.
        List<WebElement> overlays = browser.findElements(By.cssSelector("[data-panel] .u-over"));
        new org.openqa.selenium.interactions.Actions(browser).moveToElement(overlays.get(0), 20, 10).perform();
        long shown = browser.findElements(By.cssSelector("[data-panel] .u-cursor-x")).stream()
                .filter(c -> !c.getAttribute("class").contains("u-off")).count();
        assertEquals(overlays.size(), shown, "every chart's cursor follows the one hovered");
    }

    @Test
    void theIndexFiltersByStateAndStageAndKeepsItsListCurrent() {
        browser.get(index.toString() + "?state=FIRING&stage=nowhere");
        assertTrue(browser.findElement(By.cssSelector("[data-filter-error]")).getText().contains("no dashboard has a stage 'nowhere'"));
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.name("stage"))).selectByValue("stage-device-logs");
        browser.findElement(By.cssSelector("#alert-filter button[type=submit]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().contains("stage=stage-device-logs"));
        assertTrue(browser.getCurrentUrl().contains("state=FIRING"), "the other filters kept: " + browser.getCurrentUrl());
        for (WebElement row : browser.findElements(By.cssSelector("[data-active-alert]"))) {
            assertTrue(row.getAttribute("class").contains("state-FIRING"), row.getText());
        }
        // The list is fetched again every few seconds and replaced in place.
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> d.findElement(By.tagName("body")).getAttribute("data-live-refreshes") != null);
    }

    @Test
    void anAlertPageChartsItsMetricWithTheThresholdAndItsFiringSpans() {
        // The lag alarm fires in every demo cycle, so its chart has points, a threshold line and, once it fired, a span.
        browser.get(index.toString().replaceAll("/$", "") + "/alerts/stream-consumers-falling-behind");
        WebElement figure = browser.findElement(By.cssSelector("[data-alert-chart]"));
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> Integer.parseInt(figure.getAttribute("data-points")) > 0);
        assertEquals(1, browser.findElements(By.cssSelector("[data-alert-chart] canvas")).size(), "a uPlot canvas");
        Object labels = browser.executeScript("return [...document.querySelectorAll('[data-alert-chart] .u-legend .u-series')]"
                + ".map(e => e.textContent)");
        assertTrue(labels.toString().contains("threshold"), "the threshold is a series of the chart: " + labels);
        assertEquals(figure.getAttribute("data-spans"), String.valueOf(browser.findElements(By.cssSelector(
                "#transitions [data-transition='FIRING'], #transitions [data-transition='PENDING']")).size()),
                "one shaded span per firing or pending transition");
    }

    @Test
    void aWindowInTheUrlIsDrawnWholeStaysFixedAndADragZoomsIntoIt() {
        // The demo simulates 15 calm minutes before start: a window of them is fixed and full.
        long now = io.restassured.RestAssured.given().get("/api/dashboards/demo-pipeline/data?minutes=1").jsonPath().getLong("now");
        String from = java.time.Instant.ofEpochMilli(now - 12 * 60_000).toString();
        String to = java.time.Instant.ofEpochMilli(now - 4 * 60_000).toString();
        browser.get(dashboard + "?from=" + from + "&to=" + to + "#stage-ingest-impressions");
        var wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        WebElement root = browser.findElement(By.cssSelector("[data-dashboard]"));
        wait.until(d -> "true".equals(root.getAttribute("data-loaded")));
        assertTrue("false".equals(root.getAttribute("data-live")), "a window that does not end now does not follow live");
        assertTrue(browser.findElement(By.id("live-state")).getText().contains("fixed window"));
        WebElement traffic = browser.findElements(By.cssSelector("[data-panel]")).get(1);
        double newest = Double.parseDouble(traffic.getAttribute("data-newest"));
        assertTrue(newest > 0 && newest * 1000 < now - 4 * 60_000 + 1, "nothing after the window's end: " + newest);

        // Drag across the middle of a chart: the page opens the narrower window, in its URL.
        WebElement over = traffic.findElement(By.cssSelector(".u-over"));
        int width = over.getSize().getWidth();
        new org.openqa.selenium.interactions.Actions(browser).moveToElement(over, -width / 4, 0).clickAndHold()
                .moveByOffset(width / 2, 0).release().perform();
        wait.until(d -> !d.getCurrentUrl().contains(from));
        var query = java.net.URI.create(browser.getCurrentUrl()).getQuery();
        var zoomed = java.util.Arrays.stream(query.split("&")).map(p -> p.split("=", 2))
                .collect(java.util.stream.Collectors.toMap(p -> p[0], p -> java.net.URLDecoder.decode(p[1], java.nio.charset.StandardCharsets.UTF_8)));
        long zoomFrom = java.time.Instant.parse(zoomed.get("from")).toEpochMilli();
        long zoomTo = java.time.Instant.parse(zoomed.get("to")).toEpochMilli();
        assertTrue(zoomFrom > now - 12 * 60_000 && zoomTo < now - 4 * 60_000 && zoomTo - zoomFrom < 6 * 60_000,
                "zoomed inside the window: " + zoomed);
        wait.until(d -> "true".equals(d.findElement(By.cssSelector("[data-dashboard]")).getAttribute("data-loaded")));

        // A preset goes back to following live; a window that is none is refused, named, and replaced by the default.
        browser.findElement(By.linkText("15 m")).click();
        wait.until(d -> "true".equals(d.findElement(By.cssSelector("[data-dashboard]")).getAttribute("data-live")));
        browser.get(dashboard + "?from=later");
        assertTrue(browser.findElement(By.cssSelector("[data-range-error]")).getText().contains("from: 'later' is not a time"));
    }

    @Test
    void aStillKioskPageRendersOnceWithoutControlsAndHeadlessChromiumFinishesAScreenshotOfIt() throws Exception {
        browser.get(dashboard + "?live=false&kiosk=true");
        var wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        WebElement root = browser.findElement(By.cssSelector("[data-dashboard]"));
        wait.until(d -> "true".equals(root.getAttribute("data-loaded")));
        assertTrue("false".equals(root.getAttribute("data-live")) && "true".equals(root.getAttribute("data-still")));
        assertTrue(browser.findElements(By.cssSelector("[data-range]")).isEmpty(), "no controls in kiosk mode");
        assertTrue(browser.findElement(By.id("live-state")).getText().contains("rendered once"));

        // A page that opens no update stream lets --virtual-time-budget end: the screenshot is taken and Chromium exits.
        Path shot = Files.createTempFile(profile, "still", ".png");
        Process chromium = new ProcessBuilder(executable("PIPEWATCH_CHROMIUM", "/usr/bin/chromium"), "--headless",
                "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--user-data-dir=" + profile.resolve("cli"),
                "--window-size=1440,900", "--virtual-time-budget=10000", "--screenshot=" + shot,
                dashboard + "?live=false&kiosk=true").redirectErrorStream(true).redirectOutput(profile.resolve("cli.log").toFile()).start();
        assertTrue(chromium.waitFor(90, java.util.concurrent.TimeUnit.SECONDS), "chromium did not finish: "
                + Files.readString(profile.resolve("cli.log")));
        assertTrue(Files.size(shot) > 10_000, "a screenshot was written: " + Files.size(shot) + " bytes");
    }

    @Test
    void theIndexPageAcknowledgesSilencesAndEndsSilences() throws IOException {
        String name = "browser-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        String id = io.pipewatch.testing.SnsMessages.alertId(name);
        var now = java.time.Instant.now();
        io.restassured.RestAssured.given().contentType("text/plain").body(io.pipewatch.testing.SnsSigner.shared().notification(
                io.pipewatch.testing.SnsMessages.TOPIC, java.util.UUID.randomUUID().toString(), io.pipewatch.testing.SnsMessages.alarm(name, "ALARM", "OK", now), now, 2))
                .post("/webhooks/sns").then().statusCode(200);
        browser.get(index.toString());
        var wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        By row = By.cssSelector("[data-active-alert='" + id + "']");

        WebElement ack = browser.findElement(row).findElement(By.cssSelector("[data-ack-form]"));
        ack.findElement(By.name("comment")).sendKeys("on it");
        ack.findElement(By.cssSelector("button")).click();
        String rowSelector = "[data-active-alert='" + id + "']";
        // One query against the whole page: the page reloads, so an element found before may belong to the old one.
        wait.until(d -> !d.findElements(By.cssSelector(rowSelector + " [data-acked]")).isEmpty());
        assertTrue(browser.findElement(row).getText().contains("Acknowledged by anonymous: on it"), browser.findElement(row).getText());
        WebElement since = browser.findElement(row).findElement(By.cssSelector("time[data-relative]"));
        assertTrue(since.getText().matches("\\d+ (s|min) ago"), "read relative: " + since.getText());
        assertTrue(since.getAttribute("title").matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} UTC"),
                "the absolute time, to the second, on hover: " + since.getAttribute("title"));

        browser.findElement(row).findElement(By.cssSelector("[data-silence-alarm]")).click();
        WebElement form = browser.findElement(By.id("silence-form"));
        assertTrue(form.findElement(By.name("matchers")).getAttribute("value").equals("alarm=" + id), "prefilled with the alarm");
        form.findElement(By.name("comment")).sendKeys("browser test");
        form.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(d -> !d.findElements(By.cssSelector(rowSelector + " [data-silenced]")).isEmpty());
        WebElement silence = browser.findElements(By.cssSelector("[data-silence]")).stream()
                .filter(e -> e.getText().contains("alarm=" + id)).findFirst().orElseThrow();
        String silenceId = silence.getAttribute("data-silence");
        Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, Path.of("target", "index.png"), StandardCopyOption.REPLACE_EXISTING);

        silence.findElement(By.cssSelector("[data-expire-silence]")).click();
        wait.until(d -> d.findElements(By.cssSelector("[data-silence='" + silenceId + "']")).isEmpty());
        assertTrue(browser.findElements(By.cssSelector(rowSelector + " [data-silenced]")).isEmpty(), "no longer silenced");
        assertTrue(browser.findElements(By.cssSelector("#deliveries tbody tr")).size() >= 1, "deliveries per receiver");
    }

    /**
     * The attack the hardening issue reproduced: a page of another site makes the engineer's browser POST a
     * 30-day silence of everything, as a "simple" request (no-cors, no or text/plain Content-Type) and as a
     * JSON one that needs a CORS preflight. None may create a silence.
     */
    @Test
    void aPageOfAnotherSiteCannotSilenceThroughTheBrowser() throws Exception {
        String target = index.toString().replace("127.0.0.1", "localhost") + "api/silences";
        String silence = "{\"matchers\":[\"severity=~.*\",\"csrf=attempt\"],\"duration\":\"30d\",\"comment\":\"owned\"}";
        String page = """
                <html><body><script>
                const url = %s, body = %s;
                Promise.allSettled([
                  fetch(url, {method: 'POST', mode: 'no-cors', credentials: 'include', body: new Blob([body])}),
                  fetch(url, {method: 'POST', mode: 'no-cors', credentials: 'include', body: body}),
                  fetch(url, {method: 'POST', mode: 'cors', credentials: 'include',
                              headers: {'Content-Type': 'application/json'}, body: body})
                ]).then(results => { document.title = 'done:' + results.map(r => r.status).join(','); });
                </script></body></html>
                """.formatted(json(target), json(silence));
        var attacker = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        attacker.createContext("/", exchange -> {
            byte[] bytes = page.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        attacker.start();
        try {
            browser.get("http://127.0.0.1:" + attacker.getAddress().getPort() + "/");
            new WebDriverWait(browser, Duration.ofSeconds(15)).until(d -> d.getTitle().startsWith("done:"));
        } finally {
            attacker.stop(0);
        }
        io.restassured.RestAssured.given().get("/api/silences?all=true").then().statusCode(200)
                .body("matchers.flatten()", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem("csrf=attempt")));
    }

    private static String json(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    private static String executable(String env, String fallback) {
        String configured = System.getenv(env);
        return configured != null && !configured.isBlank() ? configured : fallback;
    }
}
