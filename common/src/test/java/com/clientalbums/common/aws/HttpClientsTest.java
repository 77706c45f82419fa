package com.clientalbums.common.aws;

import com.clientalbums.common.error.AlbumsException;
import com.clientalbums.common.error.ErrorCode;
import com.clientalbums.testing.LocalAws;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HttpClientsTest {
    @RegisterExtension
    static final LocalAws aws = LocalAws.create();

    @Test
    void theUrlConnectionClientIsTheOnlyHttpClientOnTheClassPath() {
        assertDoesNotThrow(() -> HttpClients.requireOnlyUrlConnection(HttpClientsTest.class.getClassLoader()));
    }

    @Test
    void aSecondHttpClientOnTheClassPathStopsTheFunctionNamingIt(@TempDir Path dir) throws IOException {
        Path services = Files.createDirectories(dir.resolve("META-INF/services"));
        Files.writeString(services.resolve("software.amazon.awssdk.http.SdkHttpService"), SecondHttpService.class.getName() + "\n");
        try (URLClassLoader withSecond = new URLClassLoader(new URL[] {dir.toUri().toURL()}, HttpClientsTest.class.getClassLoader())) {
            AlbumsException e = assertThrows(AlbumsException.class, () -> HttpClients.requireOnlyUrlConnection(withSecond));
            assertEquals(ErrorCode.CONFIGURATION, e.code());
            assertTrue(e.getMessage().contains(SecondHttpService.class.getName()), e.getMessage());
        }
    }

    @Test
    void aBuildsParallelRequestsFindTheirConnectionsKeptAliveForTheNextOnes() throws Exception {
        String key = "keep-alive/probe.bin";
        aws.clients().s3().putObject(r -> r.bucket(aws.names().bucket()).key(key), RequestBody.fromBytes(new byte[64 * 1024]));
        int parallel = 16; // a build's 8 GETs and 4 part uploads, and more

        int[] functions = probe(key, parallel, "function");
        int[] jdkDefault = probe(key, parallel, "jdk-default");

        assertEquals(parallel, functions[0], "the first round opens one connection per open response");
        assertTrue(functions[1] <= 2, "the second round reuses the first's connections; it opened " + functions[1]);
        // The control: the JDK's own keep-alive cache holds 5, so the rest are opened again.
        assertTrue(jdkDefault[1] >= parallel - 5, "left at the JDK's default, the second round opened " + jdkDefault[1]);
    }

    /** Runs {@link KeepAliveProbe} in a fresh JVM: the JDK reads its keep-alive limit once per JVM. */
    private static int[] probe(String key, int parallel, String mode) throws Exception {
        var e = aws.endpoints();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), KeepAliveProbe.class.getName(),
                e.s3().toString(), aws.names().bucket(), key, e.accessKey(), e.secretKey(), Integer.toString(parallel), mode));
        Path out = Files.createTempFile(Path.of(System.getProperty("java.io.tmpdir")), "keep-alive", ".out");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "probe did not finish");
        String output = Files.readString(out);
        assertEquals(0, p.exitValue(), output);
        String line = output.lines().filter(l -> l.startsWith("connections ")).findFirst().orElseThrow(() -> new AssertionError(output));
        String[] parts = line.split(" ");
        return new int[] {Integer.parseInt(parts[1]), Integer.parseInt(parts[2])};
    }
}
