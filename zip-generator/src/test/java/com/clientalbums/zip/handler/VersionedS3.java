package com.clientalbums.zip.handler;

import com.clientalbums.localaws.LoopbackServers;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A loopback S3 that keeps versions: Adobe's S3Mock, its runnable JAR (copied into
 * {@code target/s3mock/} by this module's pom) started as a process of its own. S3Proxy, the
 * other tests' S3, has no versioning. Where S3Mock 5.2.0 differs from S3: ListObjectsV2 still
 * lists a key whose latest version is a delete marker, a delete marker's LastModified is that of
 * the version it hides, and CopyObject of a version onto its own key rewrites that version
 * instead of adding one (or is refused as a copy onto itself).
 */
final class VersionedS3 implements AutoCloseable {
    /**
     * S3Mock adds a plain-HTTP connector on every interface with no setting for its address;
     * this bean definition, loaded beside S3Mock's own, puts it on loopback before it binds.
     */
    private static final String LOOPBACK_ONLY = """
            <?xml version="1.0" encoding="UTF-8"?>
            <beans xmlns="http://www.springframework.org/schema/beans"
                   xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                   xsi:schemaLocation="http://www.springframework.org/schema/beans https://www.springframework.org/schema/beans/spring-beans.xsd">
              <bean class="org.springframework.beans.factory.config.MethodInvokingBean">
                <property name="targetObject" ref="httpConnector"/>
                <property name="targetMethod" value="setProperty"/>
                <property name="arguments"><list><value>address</value><value>127.0.0.1</value></list></property>
              </bean>
            </beans>
            """;

    private final Process process;
    private final Path root;
    private final URI endpoint;

    private VersionedS3(Process process, Path root, URI endpoint) {
        this.process = process;
        this.root = root;
        this.endpoint = endpoint;
    }

    static VersionedS3 start() throws Exception {
        Path jar = Path.of("target/s3mock/s3mock.jar").toAbsolutePath();
        if (!Files.exists(jar)) throw new IllegalStateException(jar + " is missing: the pom's dependency:copy puts it there");
        Path tmp = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
        Path root = Files.createTempDirectory(tmp, "s3mock");
        Path beans = Files.writeString(root.resolveSibling(root.getFileName() + "-loopback.xml"), LOOPBACK_ONLY);
        Path log = root.resolveSibling(root.getFileName() + ".log");
        int httpPort = LoopbackServers.freePort();
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString(),
                "--server.address=127.0.0.1", "--server.port=0",
                "--com.adobe.testing.s3mock.http-port=" + httpPort,
                "--spring.main.sources=" + beans.toUri(),
                "--spring.main.banner-mode=off",
                "--com.adobe.testing.s3mock.store.root=" + root))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        URI endpoint = URI.create("http://127.0.0.1:" + httpPort);
        VersionedS3 s3 = new VersionedS3(process, root, endpoint);
        try {
            s3.awaitReady(log, Duration.ofSeconds(120));
            return s3;
        } catch (Exception e) {
            s3.close();
            throw e;
        }
    }

    URI endpoint() { return endpoint; }

    private void awaitReady(Path log, Duration limit) throws Exception {
        Instant deadline = Instant.now().plus(limit);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) throw new IllegalStateException("S3Mock exited: " + Files.readString(log));
            try {
                HttpURLConnection c = (HttpURLConnection) endpoint.toURL().openConnection();
                c.setConnectTimeout(1000);
                c.setReadTimeout(5000);
                int status = c.getResponseCode();
                c.disconnect();
                if (status == 200) return;
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("S3Mock did not answer within " + limit.toSeconds() + " s; its log: " + log);
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
