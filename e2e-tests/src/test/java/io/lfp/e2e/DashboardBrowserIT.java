package io.lfp.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;

import io.restassured.path.json.JsonPath;

/**
 * The dashboard as a person uses it, in headless Chromium: log in through Keycloak's login page (user and
 * password typed into its form), upload the sample file through the page's form, follow the job live to its end, read the
 * totals and the top-names chart and
 * compare them with the database, look up a product by sku, and see that markup in the data is
 * shown as text and never run; a viewer sees the dashboard but the upload form says they may not upload;
 * nothing the page does breaks its Content-Security-Policy. Saves screenshots to {@code e2e-tests/target/dashboard.png}
 * (laptop) and {@code dashboard-phone.png} (390×844).
 */
@TestMethodOrder(OrderAnnotation.class)
class DashboardBrowserIT {

    private static final Duration JOB_TIMEOUT = Duration.ofSeconds(120);
    /** The page updates from pushed events; how long it may take to show what the database holds. */
    private static final Duration PAGE_CATCH_UP = Duration.ofSeconds(30);
    private static final int CHART_BARS = 20;
    private static final List<String> LIFECYCLE = List.of("QUEUED", "INGESTING", "COMPLETED");
    private static final Set<String> TERMINAL = RunningStack.TERMINAL;

    private static final String XSS_FILE = "dashboard-xss.csv";
    private static final String XSS_SKU = "XSS-1";
    private static final String XSS_DESCRIPTION = "<img src=x onerror=alert(1)> and <script>window.__xss=1</script>";
    private static final String XSS_NAME = "<b>Bold</b> <img src=x onerror=alert(2)>";

    /**
     * People who log in through Keycloak's page, new in the shared Keycloak on every run (it keeps its users
     * between runs, and sets a password only when it creates the user).
     */
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String UPLOADER = "e2e-uploader-" + RUN;
    private static final String VIEWER = "e2e-viewer-" + RUN;
    private static final String PASSWORD = "pw-" + UUID.randomUUID();

    private static HeadlessChromium chromium;
    /** Stopped after the browser ({@code @AutoClose} runs after {@code @AfterAll}). */
    @AutoClose
    private static RunningStack system;
    private static BrowserContext laptop;
    private static Page page;
    private static final List<String> dialogs = new CopyOnWriteArrayList<>();
    private static final List<String> pageErrors = new CopyOnWriteArrayList<>();
    private static final List<String> consoleErrors = new CopyOnWriteArrayList<>();

    /** On a failure, a picture of what the page showed and what the browser said. */
    @RegisterExtension
    static final TestWatcher SCREENSHOT_ON_FAILURE = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            if (page != null && !page.isClosed()) {
                Path file = E2eFiles.target("dashboard-failure-" + context.getRequiredTestMethod().getName() + ".png");
                page.screenshot(new Page.ScreenshotOptions().setPath(file).setFullPage(true));
                System.out.println("[browser] failure screenshot: " + file);
            }
            System.out.println("[browser] dialogs " + dialogs + ", page errors " + pageErrors
                    + ", console errors " + consoleErrors);
        }
    };

    @BeforeAll
    static void startStackAndBrowser() {
        // The browser first: without one, fail at once with how to install it, not after starting the stack.
        chromium = HeadlessChromium.launch();
        system = RunningStack.start("dashboard-browser", 1, Map.of());
        system.keycloak().ensureUser(UPLOADER, PASSWORD, "uploader");
        system.keycloak().ensureUser(VIEWER, PASSWORD, "viewer");
        laptop = chromium.browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 800));
        laptop.setDefaultTimeout(30_000);
        page = laptop.newPage();
        watch(page);
        logIn(page, UPLOADER);
    }

    @AfterAll
    static void stopBrowser() {
        if (laptop != null) {
            laptop.close();
        }
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    @Order(1)
    void sampleUploadedThroughTheFormIsFollowedToTheEndAndMatchesTheDatabase() throws Exception {
        page.navigate(system.settings.dashboardUrl().toString());
        awaitEquals(UPLOADER, () -> text("#user-name"), "#user-name after the login");
        assertEquals("uploader", text("#user-role"));
        assertTrue(page.locator("#upload-denied").isHidden(), "an uploader is not told they may not upload");
        awaitEquals("0", () -> page.locator("#total-products").getAttribute("data-value"),
                "#total-products data-value of an empty system");
        recordLiveJob(page);

        String id = uploadThroughTheForm(E2eFiles.sample());
        String state = awaitTerminalLiveState();
        JsonPath upload = system.awaitJobAndCounts(id, JOB_TIMEOUT);
        assertEquals("COMPLETED", upload.getString("status"), "the upload-service's word on the job");
        assertEquals(499L, upload.getLong("rowsRead"));
        assertEquals("COMPLETED", state, "#live-state at the end; live trail " + liveTrail());

        Map<String, Object> progress = liveProgress();
        int chunks = upload.getInt("chunksTotal");
        assertEquals(chunks, number(progress.get("max")), "#live-progress max = the job's chunks; " + progress);
        assertEquals(chunks, number(progress.get("value")), "#live-progress value at the end; " + progress);
        assertLiveTrailMovesForwardOnly();
        assertShowsNumber(499, page.locator("#live-rows").textContent(), "#live-rows");

        Locator uploadRow = page.locator("#uploads-table tbody tr[data-upload-id='" + id + "']");
        awaitEquals("COMPLETED", () -> uploadRow.locator(".state").textContent().strip(), "uploads table .state");
        assertEquals("products-sample.csv", uploadRow.locator(".filename").textContent().strip());
        assertEquals(UPLOADER, uploadRow.locator(".uploaded-by").textContent().strip(), "who uploaded it");
        assertShowsNumber(499, uploadRow.locator(".rows").textContent(), "uploads table .rows");

        assertTotalsAndChartMatchTheDatabase(page);

        ExpectedProducts.Product product = productToSearchFor();
        searchProducts(page, product.sku(), List.of(product.sku()));
        Locator row = page.locator("#products-table tbody tr[data-sku]").first();
        assertEquals(product.sku(), row.locator(".sku").textContent());
        assertEquals(product.name(), row.locator(".name").textContent());
        assertEquals(product.description(), row.locator(".description").textContent(),
                "the description (with its line break) as stored");
        row.click();
        awaitEquals(product.sku(), () -> page.locator("#product-detail .sku").textContent(), "#product-detail .sku");
        assertEquals(product.name(), page.locator("#product-detail .name").textContent());
        assertEquals(product.description(), page.locator("#product-detail .description").textContent());

        page.fill("#product-search", "");
        awaitTrue(() -> page.locator("#products-table tbody tr[data-sku]").count() > 1,
                "the products table lists products again once the search is cleared");
        page.screenshot(new Page.ScreenshotOptions().setPath(E2eFiles.target("dashboard.png")).setFullPage(true));
        phoneScreenshot();
        assertNothingRanFromTheData();
    }

    @Test
    @Order(2)
    void markupInTheDataIsShownAsTextAndNeverRun() throws Exception {
        page.navigate(system.settings.dashboardUrl().toString());
        String id = uploadThroughTheForm(resource(XSS_FILE));
        JsonPath upload = system.assertJobEnds(id, "COMPLETED", JOB_TIMEOUT);
        assertEquals(5L, upload.getLong("rowsRead"));
        awaitEquals("COMPLETED", () -> page.locator("#live-state").textContent().strip(), "#live-state");
        awaitTrue(() -> shows(5, page.locator("#live-rows").textContent()), "#live-rows shows this job's 5 rows");

        // Chart now starts with "Xss Tester" (3) and the markup name (2): counts first, then names.
        assertTotalsAndChartMatchTheDatabase(page);
        Locator chart = page.locator("#top-names-chart");
        assertEquals(0, chart.locator("img, b, script").count(), "no element made from a name in the chart");
        assertTrue(chart.textContent().contains(XSS_NAME), "the markup name is shown as text in the chart: "
                + chart.textContent());

        searchProducts(page, XSS_SKU, List.of(XSS_SKU));
        Locator row = page.locator("#products-table tbody tr[data-sku]").first();
        assertEquals(XSS_DESCRIPTION, row.locator(".description").textContent(), "the description, as text");
        assertEquals("Xss Tester", row.locator(".name").textContent());
        assertEquals(0, page.locator("#products-table img").count(), "no img element in the products table");
        row.click();
        awaitEquals(XSS_SKU, () -> page.locator("#product-detail .sku").textContent(), "#product-detail .sku");
        assertEquals(XSS_DESCRIPTION, page.locator("#product-detail .description").textContent());
        assertEquals(0, page.locator("#product-detail img").count(), "no img element in the product detail");

        page.fill("#name-lookup", "Xss Tester");
        page.click("#name-lookup-go");
        awaitTrue(() -> shows(3, page.locator("#name-lookup-result").textContent()),
                "#name-lookup-result shows 3 products named Xss Tester");

        assertNothingRanFromTheData();
    }

    @Test
    @Order(3)
    void aViewerSeesTheDashboardButMayNotUpload() throws Exception {
        try (BrowserContext context = chromium.browser.newContext(new Browser.NewContextOptions()
                .setViewportSize(1280, 800))) {
            context.setDefaultTimeout(30_000);
            Page viewer = context.newPage();
            watch(viewer);
            logIn(viewer, VIEWER);
            awaitEquals(VIEWER, () -> viewer.locator("#user-name").textContent().strip(), "#user-name");
            assertEquals("viewer", viewer.locator("#user-role").textContent().strip());

            Locator denied = viewer.locator("#upload-denied");
            awaitTrue(denied::isVisible, "#upload-denied is shown to a viewer");
            assertEquals("Your role (viewer) may not upload files — ask an administrator for the uploader role.",
                    denied.textContent().strip());
            assertTrue(viewer.locator("#upload-file").isDisabled(), "#upload-file is disabled for a viewer");
            assertTrue(viewer.locator("#upload-submit").isDisabled(), "#upload-submit is disabled for a viewer");

            // Everything else is there: the totals and chart as the database has them, and the uploads with who
            // made them.
            assertTotalsAndChartMatchTheDatabase(viewer);
            Locator rows = viewer.locator("#uploads-table tbody tr[data-upload-id]");
            awaitEquals((int) system.count("uploads"), rows::count, "rows of #uploads-table");
            awaitEquals(List.of(UPLOADER), () -> rows.locator(".uploaded-by").allTextContents().stream()
                    .map(String::strip).distinct().toList(), "#uploads-table .uploaded-by");
            assertEquals(0, viewer.locator(".retry-button").count(), "no Retry button for a viewer");
            assertEquals(0, viewer.locator("a.rejected-link").count(), "no rejected-rows download for a viewer");
            assertEquals(List.of(), cspViolations(), "Content-Security-Policy violations");
        }
    }

    // ---- logging in ----

    /**
     * Opens the dashboard, which sends the browser to Keycloak's login page; types the user and password into
     * its form and submits it; Keycloak sends the browser back to the dashboard with the session cookie.
     */
    private static void logIn(Page page, String user) {
        String dashboard = system.settings.dashboardUrl().toString();
        page.navigate(dashboard);
        page.waitForURL(url -> url.startsWith(system.keycloak().issuer() + "/protocol/openid-connect/auth"));
        page.fill("#username", user);
        page.fill("#password", PASSWORD);
        page.click("#kc-login");
        page.waitForURL(url -> url.startsWith(dashboard) && !url.contains("code="));
        page.locator("#user-name").getByText(user).waitFor();
    }

    // ---- what the page shows against what the database holds ----

    private static void assertTotalsAndChartMatchTheDatabase(Page page) throws Exception {
        long products = system.count("products");
        long names = system.count("product_counts");
        long uploads = system.count("uploads");
        assertTotal(page, "#total-products", products);
        assertTotal(page, "#total-names", names);
        assertTotal(page, "#total-uploads", uploads);
        awaitEquals("online", () -> page.locator("#cache-status").textContent().strip(), "#cache-status (Redis is up)");

        List<String> expected = system.topNames(CHART_BARS).stream().map(e -> e.getKey() + " = " + e.getValue())
                .toList();
        Locator bars = page.locator("#top-names-chart .bar");
        awaitEquals(expected, () -> bars.evaluateAll(
                "bars => bars.map(b => b.getAttribute('data-name') + ' = ' + b.getAttribute('data-count'))"),
                "#top-names-chart bars (name = count, in order) against product_counts");
        for (int i = 0; i < bars.count(); i++) {
            assertTrue(bars.nth(i).isVisible(), "bar " + i + " is visible");
        }
    }

    private static void assertTotal(Page page, String selector, long expected) {
        awaitEquals(Long.toString(expected), () -> page.locator(selector).getAttribute("data-value"),
                selector + " data-value");
        assertShowsNumber(expected, page.locator(selector).textContent(), selector);
    }

    /** Nothing from the uploaded data ran: no dialog, no global set by a script, no uncaught error. */
    private static void assertNothingRanFromTheData() {
        assertEquals(List.of(), dialogs, "dialogs opened");
        assertEquals("undefined", page.evaluate("() => typeof window.__xss"), "window.__xss");
        assertEquals(0, page.locator("img[src='x']").count(), "img elements made from data");
        assertEquals(List.of(), pageErrors, "uncaught errors in the page");
        assertEquals(List.of(), cspViolations(), "Content-Security-Policy violations");
    }

    /** Chromium reports every blocked script, style or connection on the console. */
    private static List<String> cspViolations() {
        return consoleErrors.stream().filter(e -> e.contains("Content Security Policy")).toList();
    }

    // ---- following the live job ----

    /** Records every change of the live job's state and progress, so the test sees the way, not just the end. */
    private static void recordLiveJob(Page page) {
        page.evaluate("""
                () => {
                  window.__liveTrail = [];
                  const record = () => {
                    const state = document.querySelector('#live-state');
                    const progress = document.querySelector('#live-progress');
                    const entry = {
                      state: state ? state.textContent.trim() : null,
                      value: progress ? progress.value : null,
                      max: progress ? progress.max : null
                    };
                    const last = window.__liveTrail[window.__liveTrail.length - 1];
                    if (!last || last.state !== entry.state || last.value !== entry.value || last.max !== entry.max) {
                      window.__liveTrail.push(entry);
                    }
                  };
                  new MutationObserver(record).observe(document.body,
                      { subtree: true, childList: true, characterData: true, attributes: true });
                }""");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> liveTrail() {
        return (List<Map<String, Object>>) page.evaluate("() => window.__liveTrail");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> liveProgress() {
        return (Map<String, Object>) page.locator("#live-progress").evaluate("p => ({ value: p.value, max: p.max })");
    }

    private static String awaitTerminalLiveState() throws InterruptedException {
        Instant deadline = Instant.now().plus(JOB_TIMEOUT);
        String state;
        do {
            state = text("#live-state");
            if (TERMINAL.contains(state)) {
                return state;
            }
            Thread.sleep(100);
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError("#live-state did not reach an end within " + JOB_TIMEOUT + ": '" + state
                + "'; live trail " + liveTrail());
    }

    /** States only move QUEUED → INGESTING → COMPLETED, and the bar only fills up. */
    private static void assertLiveTrailMovesForwardOnly() {
        List<Map<String, Object>> trail = liveTrail();
        System.out.println("[browser] live trail " + trail);
        int lastState = -1;
        double lastFraction = 0;
        for (Map<String, Object> entry : trail) {
            int state = LIFECYCLE.indexOf(String.valueOf(entry.get("state")));
            if (state >= 0) {
                assertTrue(state >= lastState, "state went back: " + trail);
                lastState = state;
            }
            if (entry.get("value") != null && entry.get("max") != null && number(entry.get("max")) > 0) {
                double fraction = ((Number) entry.get("value")).doubleValue() / ((Number) entry.get("max")).doubleValue();
                assertTrue(fraction >= lastFraction, "progress went back: " + trail);
                lastFraction = fraction;
            }
        }
        assertEquals(LIFECYCLE.indexOf("COMPLETED"), lastState, "the trail ends COMPLETED: " + trail);
    }

    // ---- products ----

    /**
     * A sample product whose description spans lines, with a sku that no other sku or name starts
     * with, so a search for it finds exactly this one.
     */
    private static ExpectedProducts.Product productToSearchFor() throws Exception {
        Map<String, ExpectedProducts.Product> products = system.products();
        return products.values().stream()
                .filter(p -> p.description().contains("\n"))
                .filter(p -> products.values().stream().noneMatch(other -> other != p
                        && (startsWithIgnoringCase(other.sku(), p.sku()) || startsWithIgnoringCase(other.name(), p.sku()))))
                .findFirst().orElseThrow(() -> new AssertionError("no sample product to search for"));
    }

    private static boolean startsWithIgnoringCase(String text, String prefix) {
        return text.regionMatches(true, 0, prefix, 0, prefix.length());
    }

    private static void searchProducts(Page page, String query, List<String> expectedSkus) {
        page.fill("#product-search", query);
        awaitEquals(expectedSkus, () -> page.locator("#products-table tbody tr[data-sku]")
                .evaluateAll("rows => rows.map(r => r.getAttribute('data-sku'))"), "#products-table rows for '" + query + "'");
    }

    // ---- screenshots ----

    private static void phoneScreenshot() throws Exception {
        try (BrowserContext phone = chromium.browser.newContext(new Browser.NewContextOptions()
                .setViewportSize(390, 844).setIsMobile(true).setHasTouch(true))) {
            Page small = phone.newPage();
            watch(small);
            logIn(small, UPLOADER);
            assertTotalsAndChartMatchTheDatabase(small);
            Object width = small.evaluate("() => document.documentElement.scrollWidth");
            System.out.println("[browser] phone page width " + width + " px (viewport 390)");
            small.screenshot(new Page.ScreenshotOptions().setPath(E2eFiles.target("dashboard-phone.png")).setFullPage(true));
        }
    }

    // ---- helpers ----

    private static void watch(Page page) {
        page.onDialog(dialog -> {
            dialogs.add(dialog.type() + ": " + dialog.message());
            dialog.dismiss();
        });
        page.onPageError(error -> pageErrors.add(error));
        page.onConsoleMessage(message -> {
            if ("error".equals(message.type())) {
                consoleErrors.add(message.text());
            }
        });
    }

    private static String text(String selector) {
        Locator element = page.locator(selector);
        return element.count() == 0 ? null : element.first().textContent().strip();
    }

    /**
     * Chooses {@code file} in the form and submits it; the page posts it straight to upload-service
     * (another origin). Returns the upload id from that 202's {@code Location} header (Chromium's
     * inspector does not reliably keep the bodies of cross-origin XHR responses).
     */
    private static String uploadThroughTheForm(Path file) {
        page.setInputFiles("#upload-file", file);
        String uploadApi = system.settings.uploadApiUrl().toString();
        Response response = page.waitForResponse(
                r -> r.url().startsWith(uploadApi) && "POST".equals(r.request().method()),
                () -> page.click("#upload-submit"));
        assertEquals(202, response.status(), "upload-service's answer to the page's POST of " + file.getFileName());
        String location = response.headerValue("location");
        assertNotNull(location, "Location header of the 202: " + response.headers());
        return location.substring(location.lastIndexOf('/') + 1);
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(Objects.requireNonNull(DashboardBrowserIT.class.getResource("/" + name), name).toURI());
    }

    private static int number(Object value) {
        assertNotNull(value);
        return ((Number) value).intValue();
    }

    /** True when {@code text} shows {@code number} as a number of its own (digits grouped or not). */
    private static boolean shows(long number, String text) {
        String plain = text == null ? "" : text.replaceAll("(?<=\\d)[,.\\u00a0\\u202f ](?=\\d{3})", "");
        return Pattern.compile("(?<!\\d)" + number + "(?!\\d)").matcher(plain).find();
    }

    private static void assertShowsNumber(long number, String text, String what) {
        assertTrue(shows(number, text), what + " shows " + number + ": '" + text + "'");
    }

    /** Waits (bounded) until {@code actual} gives {@code expected}; then asserts, so a failure shows the last value. */
    private static void awaitEquals(Object expected, Supplier<Object> actual, String what) {
        Instant deadline = Instant.now().plus(PAGE_CATCH_UP);
        Object last = actual.get();
        while (!expected.equals(last) && Instant.now().isBefore(deadline)) {
            page.waitForTimeout(100);
            last = actual.get();
        }
        assertEquals(expected, last, what);
    }

    private static void awaitTrue(Supplier<Boolean> condition, String what) {
        awaitEquals(true, condition::get, what);
    }
}
