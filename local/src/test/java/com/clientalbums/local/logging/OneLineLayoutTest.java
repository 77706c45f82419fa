package com.clientalbums.local.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.joran.spi.JoranException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A logback context of its own, with the runner's layout, writing into memory. */
class OneLineLayoutTest {

    private static final String FORGED_KEY = "albums/a/photos/x.jpg\n07:00:00.000 INFO  c.c.admin - album deleted";

    private final LoggerContext context = new LoggerContext();
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();

    @AfterEach
    void stop() {
        context.stop();
    }

    private Logger logger() {
        context.setMDCAdapter(new LogbackMDCAdapter());
        OneLineLayout layout = new OneLineLayout();
        layout.setContext(context);
        layout.setPattern("%d{HH:mm:ss.SSS} %-5level %logger{24} - %msg%n");
        layout.start();
        LayoutWrappingEncoder<ch.qos.logback.classic.spi.ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.start();
        OutputStreamAppender<ch.qos.logback.classic.spi.ILoggingEvent> appender = new OutputStreamAppender<>();
        appender.setContext(context);
        appender.setEncoder(encoder);
        appender.setOutputStream(output);
        appender.start();
        Logger logger = context.getLogger("com.clientalbums.local.test");
        logger.addAppender(appender);
        return logger;
    }

    private List<String> lines() {
        return output.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void aKeyWithANewlineLoggedAsAnArgumentStaysOnItsLine() {
        logger().info("S3 event for {} sent", FORGED_KEY);
        List<String> lines = lines();
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.getFirst().endsWith(
                " - S3 event for albums/a/photos/x.jpg\\n07:00:00.000 INFO  c.c.admin - album deleted sent"), lines.getFirst());
    }

    @Test
    void anExceptionWithItsStackTraceIsOneLine() {
        logger().warn("send failed", new IOException("key " + FORGED_KEY + "\u2028and more"));
        List<String> lines = lines();
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.getFirst().contains(" - send failed\\njava.io.IOException: key albums/a/photos/x.jpg\\n07:00"),
                lines.getFirst());
        assertTrue(lines.getFirst().contains("\\u2028and more\\n\\tat com.clientalbums.local.logging."), lines.getFirst());
    }

    /** The runner's configuration (named by scripts/run-local.sh) and its tests' both use the layout. */
    @ParameterizedTest
    @ValueSource(strings = {"runner-logback.xml", "logback-test.xml"})
    void theRunnersConfigurationsUseTheLayout(String resource) throws JoranException {
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(assertNotNullResource(resource));
        var appender = (OutputStreamAppender<?>) context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("OUT");
        var encoder = assertInstanceOf(LayoutWrappingEncoder.class, appender.getEncoder());
        assertInstanceOf(OneLineLayout.class, encoder.getLayout());
    }

    private static java.net.URL assertNotNullResource(String name) {
        java.net.URL url = OneLineLayoutTest.class.getClassLoader().getResource(name);
        assertNotNull(url, name);
        return url;
    }
}
