package com.clientalbums.e2e;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Every JavaScript error of a test's pages: uncaught exceptions ({@code pageerror}) and
 * {@code console.error} lines, which include CSP violations. A test must end with none.
 */
final class ConsoleWatch {
    private final List<String> errors = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean refusalsExpected;

    ConsoleWatch(BrowserContext context) {
        context.onPage(this::watch);
    }

    private void watch(Page page) {
        page.onPageError(error -> errors.add("uncaught error on " + page.url() + ": " + error));
        page.onConsoleMessage(message -> {
            if (!"error".equals(message.type())) return;
            String text = message.text();
            // Chromium itself logs every HTTP error answer to a fetch as "Failed to load resource:
            // the server responded with a status of 404 (Not Found)". A test that deliberately asks
            // for what it may not have (another client's album) says so, and only those lines are
            // let through; the page's own handling of them is what such a test checks.
            if (refusalsExpected && text.startsWith("Failed to load resource: the server responded with a status of 4")) return;
            errors.add("console.error on " + page.url() + ": " + text
                    + (message.location() == null || message.location().isEmpty() ? "" : " (" + message.location() + ")"));
        });
    }

    /** This test asks for things it may not have: Chromium's own lines about the 401/403/404 answers are expected. */
    void expectRefusals() {
        refusalsExpected = true;
    }

    List<String> errors() {
        synchronized (errors) {
            return List.copyOf(errors);
        }
    }
}
