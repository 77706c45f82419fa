package com.clientalbums.common.logging;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.logging.StreamHandler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Logs through {@code System.Logger}, as the functions do, into a real JUL handler on the root logger. */
class OneLineFormatterTest {

    private static final String FORGED_KEY = "albums/a/photos/x.jpg\n2026-12-05T07:00:00Z INFO com.clientalbums.Admin - album deleted";

    private final Logger root = Logger.getLogger("");
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final StreamHandler handler = new StreamHandler(output, new SimpleFormatter());
    private Handler[] previous;

    @BeforeEach
    void onlyOurHandlerOnTheRoot() {
        previous = root.getHandlers();
        for (Handler h : previous) root.removeHandler(h);
        root.addHandler(handler);
        LogLines.install();
    }

    @AfterEach
    void restoreTheRoot() {
        root.removeHandler(handler);
        for (Handler h : previous) root.addHandler(h);
    }

    private List<String> lines() {
        handler.flush();
        return output.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void installGivesTheRootHandlersTheOneLineFormat() {
        assertInstanceOf(OneLineFormatter.class, handler.getFormatter());
    }

    @Test
    void aKeyWithANewlineLoggedAsAParameterStaysOnItsLine() {
        System.getLogger("com.clientalbums.test").log(System.Logger.Level.INFO, "album {0}: no preview for {1}", "a", FORGED_KEY);
        List<String> lines = lines();
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.getFirst().endsWith(" INFO com.clientalbums.test - album a: no preview for albums/a/photos/x.jpg"
                + "\\n2026-12-05T07:00:00Z INFO com.clientalbums.Admin - album deleted"), lines.getFirst());
    }

    @Test
    void anExceptionWithItsMessageCauseAndStackTraceIsOneLine() {
        IOException failure = new IOException("could not read " + FORGED_KEY,
                new IllegalStateException("cause\r\nwith a line of its own"));
        System.getLogger("com.clientalbums.test").log(System.Logger.Level.WARNING, "album " + FORGED_KEY + " failed", failure);
        List<String> lines = lines();
        assertEquals(1, lines.size(), lines.toString());
        String line = lines.getFirst();
        assertTrue(line.contains(" WARNING com.clientalbums.test - album albums/a/photos/x.jpg\\n2026"), line);
        assertTrue(line.contains(" failed java.io.IOException: could not read albums/a/photos/x.jpg\\n2026"), line);
        assertTrue(line.contains("\\n\\tat com.clientalbums.common.logging.OneLineFormatterTest."), line);
        assertTrue(line.contains("Caused by: java.lang.IllegalStateException: cause\\r\\nwith a line of its own"), line);
    }

    @Test
    void everyControlCharacterAndUnicodeLineBreakIsEscaped() {
        String hostile = "a\u0000b\u001bc\u007fd\u0085e\u009bf\u2028g\u2029h\u000bi\u000cj";
        System.getLogger("com.clientalbums.test").log(System.Logger.Level.INFO, hostile);
        String line = lines().getFirst();
        assertTrue(line.endsWith(" - a\\u0000b\\u001Bc\\u007Fd\\u0085e\\u009Bf\\u2028g\\u2029h\\u000Bi\\u000Cj"), line);
        assertTrue(line.chars().noneMatch(c -> Character.isISOControl(c) || c == '\u2028' || c == '\u2029'), line);
    }

    @Test
    void plainTextIsLeftAsItIs() {
        String text = "album smith-wedding: 1,000 photos, Caf\u00e9 \ud83c\udf89 C:\\photos";
        assertEquals(text, LogText.escape(text));
    }
}
