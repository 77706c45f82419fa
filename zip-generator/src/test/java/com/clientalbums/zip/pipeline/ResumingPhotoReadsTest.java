package com.clientalbums.zip.pipeline;

import com.clientalbums.common.store.ObjectHeads;
import com.clientalbums.testing.LocalAws;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A photo's body cut off mid-way is read on from the byte reached, of the same version; a photo
 * replaced meanwhile still ends the read as changed. The connection resets themselves, on the
 * wire, are the fault suite's ({@code local/…/FaultSuiteTest}); here the ranges against a real S3.
 */
class ResumingPhotoReadsTest {
    @RegisterExtension
    static final LocalAws aws = LocalAws.create();

    private static final byte[] PHOTO = randomBytes(300_000);

    @Test
    void aBodyBrokenTwiceIsReadOnFromWhereItBrokeAndYieldsEveryByteOnce() throws IOException {
        List<Long> offsets = new ArrayList<>();
        var in = new ResumingInputStream(offset -> {
            offsets.add(offset);
            return breakingAfter(offset, offsets.size() <= 2 ? 100_000 : Integer.MAX_VALUE);
        }, 3);
        byte[] read = in.readAllBytes();
        assertArrayEquals(PHOTO, read);
        assertEquals(List.of(0L, 100_000L, 200_000L), offsets);
        assertEquals(2, in.resumes());
    }

    @Test
    void aBodyThatKeepsBreakingFailsAfterTheLastResume() throws IOException {
        var in = new ResumingInputStream(offset -> breakingAfter(offset, 1_000), 3);
        IOException broken = assertThrows(IOException.class, in::readAllBytes);
        assertEquals("Connection reset", broken.getMessage());
        assertEquals(3, in.resumes());
    }

    @Test
    void aPhotoReplacedBeforeTheResumeEndsTheReadAsChanged() throws IOException {
        ContentChangedException replaced = new ContentChangedException("photo was replaced");
        var in = new ResumingInputStream(offset -> {
            if (offset > 0) throw replaced;
            return breakingAfter(0, 10);
        }, 3);
        IOException thrown = assertThrows(IOException.class, in::readAllBytes);
        assertSame(replaced, thrown);
        assertEquals("Connection reset", thrown.getSuppressed()[0].getMessage());
    }

    @Test
    void s3ServesTheRestOfTheListedVersionFromAnyOffsetAndNothingPastTheEnd() throws IOException {
        String key = "albums/resume/photos/IMG_1.jpg";
        aws.clients().s3().putObject(r -> r.bucket(aws.names().bucket()).key(key), RequestBody.fromBytes(PHOTO));
        String etag = new ObjectHeads(aws.clients().s3(), aws.names().bucket()).head(key).orElseThrow().etag();
        S3PhotoSource source = new S3PhotoSource(aws.clients().s3(), aws.names().bucket());

        try (InputStream whole = source.open(key, etag)) {
            assertArrayEquals(PHOTO, whole.readAllBytes());
        }
        try (InputStream rest = source.openFrom(key, etag, 123_456)) {
            assertArrayEquals(Arrays.copyOfRange(PHOTO, 123_456, PHOTO.length), rest.readAllBytes());
        }
        try (InputStream none = source.openFrom(key, etag, PHOTO.length)) {
            assertEquals(0, none.readAllBytes().length);
        }

        aws.clients().s3().putObject(r -> r.bucket(aws.names().bucket()).key(key), RequestBody.fromBytes(randomBytes(10)));
        assertThrows(ContentChangedException.class, () -> source.openFrom(key, etag, 123_456));
    }

    /** The photo from {@code offset}, as a connection that resets after {@code limit} bytes. */
    private static InputStream breakingAfter(long offset, int limit) {
        return new InputStream() {
            private int position = (int) offset;
            private int served;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] buffer, int off, int len) throws IOException {
                if (position >= PHOTO.length) return -1;
                if (served >= limit) throw new SocketException("Connection reset");
                int n = Math.min(len, Math.min(limit - served, PHOTO.length - position));
                System.arraycopy(PHOTO, position, buffer, off, n);
                position += n;
                served += n;
                return n;
            }
        };
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        new Random(n).nextBytes(bytes);
        return bytes;
    }
}
