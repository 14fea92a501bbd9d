package dev.pavu.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The web dashboard in a real headless Chromium (Debian's {@code chromium} and {@code chromedriver}): a user submits
 * the bundled example through the form as a zip, watches the live timeline reach SUCCEEDED, reads the patch side by
 * side, and finds the job in the list and the charts. Screenshots go to {@code target/screenshots/}.
 */
@ExtendWith(LocalStackExtension.class)
class DashboardIT {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SHOTS = Path.of("target/screenshots");

    static WebDriver browser;
    static String base;

    @BeforeAll
    static void startBrowser() throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "skipped: Debian's chromium and chromium-driver are not installed (.ci/run installs them)");
        Files.createDirectories(SHOTS);
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                .addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--disable-dev-shm-usage", "--window-size=1400,1000",
                        "--user-data-dir=" + Files.createTempDirectory("pavu-chromium"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
        base = LocalStackExtension.plannerUrl();
        signIn();
    }

    /** Opens the link {@code pavu up} prints: the token in the fragment signs this tab in. */
    static void signIn() {
        browser.get(base + "/#token=" + LocalStackExtension.adminToken());
        waiting(Duration.ofSeconds(20)).until(d -> d.getCurrentUrl().endsWith("#/jobs"));
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    static void shot(String name) throws IOException {
        byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
        Files.write(SHOTS.resolve(name + ".png"), png);
    }

    static WebDriverWait waiting(Duration d) {
        return (WebDriverWait) new WebDriverWait(browser, d, Duration.ofMillis(250))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class);
    }

    /** The project folder zipped as a user's "compress folder" would: one top-level folder, build output left out. */
    static Path zipOf(Path project) throws IOException {
        Path zip = Files.createTempFile("pavu-dashboard-", ".zip");
        String top = project.getFileName().toString();
        try (OutputStream f = Files.newOutputStream(zip); ZipOutputStream out = new ZipOutputStream(f);
             Stream<Path> files = Files.walk(project)) {
            for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
                String rel = project.relativize(p).toString().replace(File.separatorChar, '/');
                if (rel.startsWith("target/") || rel.contains("/target/")) {
                    continue;
                }
                out.putNextEntry(new ZipEntry(top + "/" + rel));
                Files.copy(p, out);
                out.closeEntry();
            }
        }
        return zip;
    }

    @Test
    void submitTheExampleThroughTheFormWatchItSucceedAndReadTheDiff() throws Exception {
        browser.get(base + "/#/submit");
        WebElement upload = waiting(Duration.ofSeconds(20)).until(d -> d.findElement(By.cssSelector("[data-testid=upload]")));
        upload.sendKeys(zipOf(Projects.named("invoicing")).toString());
        shot("1-submit-form");
        browser.findElement(By.cssSelector("[data-testid=submit]")).click();

        String id = waiting(Duration.ofSeconds(30)).until(d -> {
            String url = d.getCurrentUrl();
            int at = url.indexOf("#/jobs/");
            return at >= 0 ? url.substring(at + 7) : null;
        });
        WebElement timeline = waiting(Duration.ofSeconds(20)).until(d -> d.findElement(By.cssSelector("[data-testid=timeline]")));
        waiting(Duration.ofMinutes(6)).until(d -> !d.findElements(By.cssSelector("[data-testid=timeline] li[data-type='job.concluded']")).isEmpty());
        shot("2-job-concluded");
        String concluded = timeline.findElement(By.cssSelector("li[data-type='job.concluded']")).getText();
        assertTrue(concluded.contains("SUCCEEDED"), "the live timeline ends with the conclusion: " + concluded);
        List<String> lines = timeline.findElements(By.tagName("li")).stream().map(WebElement::getText).toList();
        assertTrue(lines.getFirst().contains("submitted: make the failing tests pass"), "first line: " + lines);
        assertTrue(lines.stream().anyMatch(l -> l.contains("FAIL baseline")), "the baseline failed first: " + lines);
        assertTrue(lines.stream().anyMatch(l -> l.contains("PASS")), "a candidate passed: " + lines);

        waiting(Duration.ofSeconds(20)).until(d -> d.findElement(By.cssSelector("h1 .badge.SUCCEEDED")));
        WebElement diff = waiting(Duration.ofSeconds(20)).until(d -> d.findElement(By.cssSelector("[data-testid=patch] [data-testid=diff]")));
        assertTrue(diff.getText().contains("VolumeDiscount.java"), "the diff names the file: " + diff.getText());
        assertFalse(diff.findElements(By.cssSelector("td.del")).isEmpty(), "removed lines on the left");
        assertFalse(diff.findElements(By.cssSelector("td.add")).isEmpty(), "added lines on the right");
        assertFalse(browser.findElements(By.cssSelector("[data-testid=locations] tbody tr")).isEmpty(), "the ranking is shown");
        assertFalse(browser.findElements(By.cssSelector("[data-testid=candidates] .badge.PASS")).isEmpty(), "the passing verdict");
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView()", diff);
        shot("3-patch-side-by-side");

        browser.findElement(By.xpath("//button[text()='Report']")).click();
        WebElement frame = waiting(Duration.ofSeconds(20)).until(d -> d.findElement(By.cssSelector("iframe[data-testid=report]")));
        browser.switchTo().frame(frame);
        String reportText = waiting(Duration.ofSeconds(20)).until(d -> {
            String t = d.findElement(By.tagName("body")).getText();
            return t.contains("Pavu job report") ? t : null;
        });
        assertTrue(reportText.contains("VolumeDiscount.java"), reportText);
        browser.switchTo().defaultContent();
        shot("4-report");

        JsonNode api = new PlannerClient().get("/jobs/" + id);
        assertEquals("SUCCEEDED", api.get("outcome").asText(), "the page showed what the API says: " + api);

        browser.get(base + "/#/jobs");
        WebElement row = waiting(Duration.ofSeconds(20)).until(d -> d.findElement(By.cssSelector("[data-job='" + id + "']")));
        assertTrue(row.getText().contains("SUCCEEDED"), row.getText());
        shot("5-jobs-list");
        browser.get(base + "/#/stats");
        WebElement summary = waiting(Duration.ofSeconds(20)).until(d -> d.findElement(By.cssSelector("[data-testid=summary]")));
        assertTrue(summary.getText().matches("(?s)\\d+ concluded jobs, \\d+% succeeded.*"), summary.getText());
        assertFalse(browser.findElements(By.cssSelector(".chart svg rect")).isEmpty(), "the charts have bars");
        shot("6-charts");
    }

    @Test
    void withoutATokenThePageAsksForOneAndAcceptsThePastedToken() {
        browser.get(base + "/#/jobs");
        ((JavascriptExecutor) browser).executeScript("sessionStorage.clear(); location.reload();");
        WebElement input = waiting(Duration.ofSeconds(20)).until(d -> d.findElement(By.cssSelector("input[aria-label=token]")));
        assertTrue(browser.findElement(By.tagName("h1")).getText().contains("Sign in"));
        assertTrue(browser.findElements(By.cssSelector("[data-testid=jobs]")).isEmpty(), "no job is shown anonymously");
        input.sendKeys("pavu_not-a-real-token");
        browser.findElement(By.xpath("//button[text()='Sign in']")).click();
        waiting(Duration.ofSeconds(20)).until(d -> d.findElement(By.tagName("main")).getText().contains("The token was refused"));
        WebElement again = browser.findElement(By.cssSelector("input[aria-label=token]"));
        again.sendKeys(LocalStackExtension.adminToken());
        browser.findElement(By.xpath("//button[text()='Sign in']")).click();
        waiting(Duration.ofSeconds(20)).until(d -> d.findElement(By.cssSelector("[data-testid=jobs]")));
    }

    @Test
    void hostileTextInAJobIsShownAsTextNeverRunAsHtml() throws Exception {
        String task = "<img src=x onerror=\"window.__pavuOwned=1\"><script>window.__pavuOwned=2</script>";
        JsonNode accepted = new PlannerClient().submitProject(Projects.named("invoicing"),
                Map.of("task", task, "budget", Map.of("maxCandidates", 1, "jobTimeoutMs", 120_000)));
        String id = accepted.get("id").asText();
        browser.get(base + "/#/jobs");
        WebElement row = waiting(Duration.ofSeconds(20)).until(d -> d.findElement(By.cssSelector("[data-job='" + id + "']")));
        assertTrue(row.getText().contains(task), "the task is shown literally: " + row.getText());
        browser.get(base + "/#/jobs/" + id);
        waiting(Duration.ofSeconds(20)).until(d -> !d.findElements(By.cssSelector("[data-testid=timeline] li")).isEmpty());
        assertNull(((JavascriptExecutor) browser).executeScript("return window.__pavuOwned;"), "no markup of the job ran");
        assertTrue(browser.findElements(By.cssSelector("main img")).isEmpty(), "no element was made from the job's text");
        List<WebElement> cancel = browser.findElements(By.xpath("//button[text()='Cancel job']"));
        if (!cancel.isEmpty()) { // the job may have ended already; else the page's control ends it
            cancel.getFirst().click();
            waiting(Duration.ofSeconds(60)).until(d -> !d.findElements(By.cssSelector("[data-testid=timeline] li[data-type='job.concluded']")).isEmpty());
        }
    }

    @Test
    void anAdminPausesAndResumesTheWorkersFromTheWorkersPage() throws Exception {
        browser.get(base + "/#/workers");
        WebElement state = waiting(Duration.ofSeconds(20)).until(d -> d.findElement(By.cssSelector("[data-testid=workers-state]")));
        assertEquals("running", state.getText());
        assertTrue(browser.findElement(By.cssSelector("[data-testid=queue]")).getText().contains("queued"));
        try {
            browser.findElement(By.cssSelector("input[aria-label=reason]")).sendKeys("dashboard test");
            waiting(Duration.ofSeconds(20)).until(d -> { // the page re-renders every 2 s: find and click in one step
                d.findElement(By.cssSelector("[data-testid=pause]")).click();
                return true;
            });
            waiting(Duration.ofSeconds(20)).until(d -> d.findElement(By.cssSelector("[data-testid=workers-state]")).getText().equals("PAUSED"));
            assertTrue(browser.findElement(By.cssSelector("[data-testid=workers]")).getText().contains("dashboard test"),
                    "the reason is shown");
            shot("4-workers-paused");
            waiting(Duration.ofSeconds(20)).until(d -> {
                d.findElement(By.cssSelector("[data-testid=resume]")).click();
                return true;
            });
            waiting(Duration.ofSeconds(20)).until(d -> d.findElement(By.cssSelector("[data-testid=workers-state]")).getText().equals("running"));
        } finally { // never leave the workers paused for the tests after this one
            java.net.http.HttpClient.newHttpClient().send(LocalStackExtension.authorized(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create(LocalStackExtension.plannerUrl() + "/workers/resume")))
                    .header("Content-Type", "application/json").POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")).build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding());
        }
    }

    @Test
    void theModelsPageShowsTheGatewaysAliasesAndTheTeamsTokenUse() throws Exception {
        browser.get(base + "/#/models");
        WebElement usage = waiting(Duration.ofSeconds(20)).until(d -> {
            WebElement u = d.findElement(By.cssSelector("[data-testid=usage]"));
            return u.getText().isBlank() ? null : u;
        });
        assertTrue(usage.getText().matches("(?s)Team \\S+: \\d+ model tokens used this period.*the period ends.*"),
                "the team's use from the gateway: " + usage.getText());
        WebElement models = waiting(Duration.ofSeconds(20)).until(d -> {
            WebElement m = d.findElement(By.cssSelector("[data-testid=models]"));
            return m.getText().isBlank() ? null : m;
        });
        assertTrue(!models.findElements(By.cssSelector("tbody tr")).isEmpty() || models.getText().contains("pavu.gateway.models-file"),
                "the aliases, or the gateway's message saying which setting to set: " + models.getText());
        shot("5-models");
    }
}
