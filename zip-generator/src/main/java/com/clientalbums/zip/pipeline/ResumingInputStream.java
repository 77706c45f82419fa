package com.clientalbums.zip.pipeline;

import java.io.IOException;
import java.io.InputStream;

/**
 * A photo's bytes that survive a connection broken in the middle of the body: the rest is asked
 * for again from the byte reached, so one reset no longer fails a whole build (the fault suite,
 * {@code local/…/FaultSuiteTest}, cuts one S3 answer in ten). The opener insists on the listed
 * version (If-Match), so the bytes resumed are those of the same photo, and the CRC-32 the
 * pipeline computes over the bytes as read stays that photo's. A photo replaced meanwhile still
 * ends the build as changed ({@link ContentChangedException} is never resumed).
 */
final class ResumingInputStream extends InputStream {
    /** Opens the photo from {@code offset} to its end. */
    @FunctionalInterface
    interface Opener {
        InputStream openFrom(long offset) throws IOException;
    }

    private final Opener opener;
    private final int maxResumes;
    private InputStream in;
    private long position;
    private int resumes;

    ResumingInputStream(Opener opener, int maxResumes) throws IOException {
        this(opener, maxResumes, 0);
    }

    /** The photo from byte {@code start} on. */
    ResumingInputStream(Opener opener, int maxResumes, long start) throws IOException {
        this.opener = opener;
        this.maxResumes = maxResumes;
        this.position = start;
        this.in = opener.openFrom(start);
    }

    @Override
    public int read() throws IOException {
        while (true) {
            try {
                int b = in.read();
                if (b >= 0) position++;
                return b;
            } catch (IOException e) {
                resume(e);
            }
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        while (true) {
            try {
                int n = in.read(buffer, offset, length);
                if (n > 0) position += n;
                return n;
            } catch (IOException e) {
                resume(e);
            }
        }
    }

    private void resume(IOException broken) throws IOException {
        if (broken instanceof ContentChangedException || resumes == maxResumes) throw broken;
        resumes++;
        try {
            in.close();
        } catch (IOException alreadyBroken) {
            broken.addSuppressed(alreadyBroken);
        }
        try {
            in = opener.openFrom(position);
        } catch (IOException | RuntimeException reopening) {
            reopening.addSuppressed(broken);
            throw reopening;
        }
    }

    /** How many times the body was asked for again. */
    int resumes() {
        return resumes;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
