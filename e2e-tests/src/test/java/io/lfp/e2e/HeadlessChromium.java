package io.lfp.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;

/**
 * The machine's own Chromium (Debian's {@code chromium} package), driven headless by Playwright.
 * Playwright never downloads a browser here: the driver is told to skip that and is pointed at
 * the installed executable. A missing Chromium fails the test with how to install it — a
 * browser test that silently passes without a browser would prove nothing.
 */
final class HeadlessChromium implements AutoCloseable {

    static final Path DEFAULT_EXECUTABLE = Path.of("/usr/bin/chromium");
    /** System property, then environment variable, naming another Chromium executable. */
    static final String OVERRIDE_PROPERTY = "lfp.chromium";
    static final String OVERRIDE_ENV = "LFP_CHROMIUM";

    private final Playwright playwright;
    final Browser browser;

    private HeadlessChromium(Playwright playwright, Browser browser) {
        this.playwright = playwright;
        this.browser = browser;
    }

    /** The Chromium to drive; throws an {@link AssertionError} saying how to install it when there is none. */
    static Path executable() {
        String override = System.getProperty(OVERRIDE_PROPERTY, System.getenv(OVERRIDE_ENV));
        Path path = override == null || override.isBlank() ? DEFAULT_EXECUTABLE : Path.of(override);
        if (!Files.isRegularFile(path) || !Files.isExecutable(path)) {
            throw new AssertionError("Chromium not found at " + path + ". The browser test needs it. Install it: "
                    + "sudo apt-get update && sudo apt-get install -y chromium "
                    + "(or point -D" + OVERRIDE_PROPERTY + "=… or " + OVERRIDE_ENV + "=… at a Chromium executable).");
        }
        return path;
    }

    static HeadlessChromium launch() {
        Path executable = executable();
        Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        try {
            Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                    .setExecutablePath(executable)
                    .setHeadless(true)
                    // no sandbox: CI runs as root, where Chromium refuses to start sandboxed
                    .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking")));
            return new HeadlessChromium(playwright, browser);
        } catch (RuntimeException e) {
            playwright.close();
            throw new AssertionError("Playwright could not start Chromium at " + executable + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            browser.close();
        } finally {
            playwright.close();
        }
    }
}
