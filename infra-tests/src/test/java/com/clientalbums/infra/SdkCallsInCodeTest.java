package com.clientalbums.infra;

import com.clientalbums.infra.SdkCallsInCode.SdkCall;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What AwsCallsIT relies on, on a small JAR of real class files: the reader finds an SDK call
 * however the handler reaches it (an interface, a lambda, a method reference, a Runnable the JDK
 * runs) and leaves out a method nothing runs, though its class is in the JAR.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SdkCallsInCodeTest {

    @Test
    void every_way_a_handler_reaches_the_sdk_is_followed_and_a_method_nothing_runs_is_not(@TempDir Path dir) throws IOException {
        Path jar = TestJars.of(dir.resolve("fixture.jar"), List.of(Handler.class, Store.class, S3Store.class, Lister.class));
        LambdaFunction fixture = new LambdaFunction("fixture", "fixture", Handler.class, Set.of());

        Set<SdkCall> calls = SdkCallsInCode.in(fixture, jar, Files.createDirectory(dir.resolve("classes")));

        assertEquals(Set.of(
                new SdkCall("S3Client", "create", Handler.class.getName()),
                new SdkCall("S3Client", "getObjectAsBytes", S3Store.class.getName()),
                new SdkCall("S3Client", "headObject", Handler.class.getName()),
                new SdkCall("S3Client", "deleteObject", Handler.class.getName()),
                new SdkCall("S3Client", "listObjectsV2", Lister.class.getName())), Set.copyOf(calls),
                "S3Store.unused's putObject is never run");
    }

    /** Never run: its bytecode is what the test reads. */
    static final class Handler {
        private final S3Client s3;
        private final Store store;

        Handler() {
            this(S3Client.create());
        }

        Handler(S3Client s3) {
            this.s3 = s3;
            this.store = new S3Store(s3);
        }

        public void handleRequest(String key) {
            store.read(key);
            Optional.of(key).ifPresent(k -> s3.headObject(r -> r.bucket("b").key(k)));
            List.of(DeleteObjectRequest.builder().bucket("b").key(key).build()).forEach(s3::deleteObject);
            new Thread(new Lister(s3)).start();
        }
    }

    interface Store {
        byte[] read(String key);
    }

    static final class S3Store implements Store {
        private final S3Client s3;

        S3Store(S3Client s3) {
            this.s3 = s3;
        }

        @Override
        public byte[] read(String key) {
            return s3.getObjectAsBytes(r -> r.bucket("b").key(key)).asByteArray();
        }

        void unused(String key) {
            s3.putObject(r -> r.bucket("b").key(key), software.amazon.awssdk.core.sync.RequestBody.empty());
        }
    }

    static final class Lister implements Runnable {
        private final S3Client s3;

        Lister(S3Client s3) {
            this.s3 = s3;
        }

        @Override
        public void run() {
            s3.listObjectsV2(r -> r.bucket("b"));
        }
    }
}
