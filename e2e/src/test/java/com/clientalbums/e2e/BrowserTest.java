package com.clientalbums.e2e;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.ScreenshotAnimations;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A browser test: the shared runner ({@link Portal}) and Chromium, a fresh browser context
 * (its own session storage, so its own sign-in) per test, and at the end of every test no
 * JavaScript errors in any of its pages ({@link ConsoleWatch}). A failing test leaves a
 * screenshot of each of its pages under target/screenshots/failures/.
 */
@ExtendWith({BrowserTest.Suite.class, BrowserTest.FailureShots.class})
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
abstract class BrowserTest {
    static final int DESKTOP_WIDTH = 1280;
    static final int DESKTOP_HEIGHT = 800;
    static final int PHONE_WIDTH = 390;
    static final int PHONE_HEIGHT = 844;

    static Portal portal;
    static Browser browser;

    private final List<BrowserContext> contexts = new ArrayList<>();
    private final List<ConsoleWatch> consoles = new ArrayList<>();
    private String testName = "test";
    /** The first context's page. */
    Page page;
    ConsoleWatch console;

    static {
        // Pages poll their API every second or so; a person would wait this long too.
        PlaywrightAssertions.setDefaultAssertionTimeout(20_000);
    }

    @BeforeEach
    void openBrowser(TestInfo info) {
        testName = info.getTestMethod().map(m -> m.getName()).orElse("test");
        page = newPage(DESKTOP_WIDTH, DESKTOP_HEIGHT);
        console = consoles.getFirst();
    }

    /** A new browser context (another person, or the same one on another device) with one page. */
    Page newPage(int width, int height) {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions()
                .setViewportSize(width, height).setAcceptDownloads(true).setLocale("en-US"));
        context.setDefaultTimeout(20_000);
        consoles.add(new ConsoleWatch(context));
        contexts.add(context);
        return context.newPage();
    }

    /** The console watch of a page's browser context (each context has its own). */
    ConsoleWatch consoleOf(Page p) {
        return consoles.get(contexts.indexOf(p.context()));
    }

    @AfterEach
    void closeBrowserAndCheckConsole() {
        for (BrowserContext c : contexts) c.close();
        List<String> errors = new ArrayList<>();
        consoles.forEach(c -> errors.addAll(c.errors()));
        assertEquals(List.of(), errors, "JavaScript errors during " + testName);
    }

    // ---- What a person does ---------------------------------------------------------------

    void signIn(Page p, String email) {
        signIn(p, portal, email);
    }

    /** Signs in on another runner than the suite's (a test that needs the functions configured otherwise). */
    void signIn(Page p, Portal at, String email) {
        p.navigate(at.url("/signin/").toString());
        p.getByLabel("Email", new Page.GetByLabelOptions().setExact(true)).fill(email);
        p.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(Portal.PASSWORD);
        p.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in").setExact(true)).click();
        p.waitForURL(Pattern.compile(".*/(albums|studio)/$"));
    }

    static Locator button(Page p, String name) {
        return p.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    static Locator heading(Page p, String name) {
        return p.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    /** Waits until every image in view that has started loading has finished. */
    static void imagesSettled(Page p) {
        p.waitForFunction("() => [...document.images].every(i => !i.getAttribute('src') || i.complete)");
    }

    // ---- Screenshots -------------------------------------------------------------------------

    static Path screenshots() {
        return E2e.out().resolve("screenshots");
    }

    /**
     * The page as it is now, at a laptop's 1280 px and a phone's 390 px (the viewport is
     * resized, the page kept), saved as {@code target/screenshots/NAME-1280.png} and {@code -390.png}.
     */
    static void shoot(Page p, String name, boolean fullPage) {
        var size = p.viewportSize();
        try {
            for (int[] wh : new int[][]{{DESKTOP_WIDTH, DESKTOP_HEIGHT}, {PHONE_WIDTH, PHONE_HEIGHT}}) {
                p.setViewportSize(wh[0], wh[1]);
                // Two frames: the layout for the new width is done and painted.
                p.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))");
                imagesSettled(p);
                // Nothing wider than the screen: a page that scrolls sideways on a phone is broken.
                Number overflow = (Number) p.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
                assertEquals(0, overflow.intValue(), name + " at " + wh[0] + " px is wider than the screen by " + overflow + " px");
                p.screenshot(new Page.ScreenshotOptions().setPath(screenshots().resolve(name + "-" + wh[0] + ".png"))
                        .setFullPage(fullPage).setAnimations(ScreenshotAnimations.DISABLED));
            }
        } finally {
            p.setViewportSize(size.width, size.height);
        }
    }

    // ---- Suite-wide resources ------------------------------------------------------------

    /** Starts the runner and Chromium once for all browser test classes; JUnit closes them at the end. */
    static final class Suite implements BeforeAllCallback {
        private record Started(Object value, RuntimeException failure) {}

        @Override
        public void beforeAll(ExtensionContext context) {
            E2e.requireChromium();
            var store = context.getRoot().getStore(ExtensionContext.Namespace.create(BrowserTest.class));
            portal = (Portal) started(store, "portal", () -> {
                long t0 = System.nanoTime();
                clean(screenshots());
                Portal p = Portal.start();
                System.out.printf("[e2e] local runner with the demo built and previewed in %.1f s at %s%n",
                        (System.nanoTime() - t0) / 1e9, p.runner.url());
                return p;
            });
            browser = ((Chromium) started(store, "chromium", Chromium::new)).browser;
        }

        private static void clean(Path dir) throws IOException {
            if (!Files.exists(dir)) return;
            try (var paths = Files.walk(dir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
            }
        }

        /** A start-up that failed once fails every later class at once, rather than trying again. */
        private static Object started(ExtensionContext.Store store, String key, Starter starter) {
            Started s = store.computeIfAbsent(key, k -> {
                try {
                    return new Started(starter.start(), null);
                } catch (Exception e) {
                    return new Started(null, new IllegalStateException("could not start " + key + ": " + e, e));
                }
            }, Started.class);
            if (s.failure() != null) throw s.failure();
            if (s.value() instanceof AutoCloseable c) {
                // Registered once for closing at the very end of the run.
                store.computeIfAbsent(key + ".closer", k -> (AutoCloseable) c::close, AutoCloseable.class);
            }
            return s.value();
        }

        @FunctionalInterface
        private interface Starter {
            Object start() throws Exception;
        }
    }

    /** On failure, what each page of the test looked like. */
    static final class FailureShots implements AfterTestExecutionCallback {
        @Override
        public void afterTestExecution(ExtensionContext context) throws IOException {
            if (context.getExecutionException().isEmpty()) return;
            BrowserTest test = (BrowserTest) context.getRequiredTestInstance();
            Path dir = screenshots().resolve("failures");
            Files.createDirectories(dir);
            int i = 0;
            for (BrowserContext c : test.contexts) {
                for (Page p : c.pages()) {
                    try {
                        p.screenshot(new Page.ScreenshotOptions().setPath(dir.resolve(test.testName + "-" + (i++) + ".png")).setFullPage(true));
                        System.out.println("[e2e] " + test.testName + " failed on " + p.url());
                    } catch (RuntimeException e) {
                        // the page may be gone; the failure itself says enough
                    }
                }
            }
        }
    }
}
