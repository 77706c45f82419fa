package com.clientalbums.zip.pipeline;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Takes the archive's byte stream from its first byte and uploads the stretches an assembly plan
 * has the generator write ({@link AssemblyPlan.Write} pieces), each as one part, concurrently;
 * bytes outside them (parts S3 copies, parts an earlier invocation uploaded) are passed over.
 *
 * <p>A fixed pool of equal buffers is the back-pressure: when every buffer is being uploaded the
 * writer waits, so at most {@code buffers × bufferSize} archive bytes are ever in memory. A part
 * longer than one buffer spans several; it must fit in the pool, or the writer would wait for
 * buffers it holds itself, which the constructor refuses.
 */
final class PartWriter {
    private final ArchiveTarget.Upload upload;
    private final List<AssemblyPlan.Write> pieces;
    private final int bufferSize;
    private final ExecutorService uploaders;
    private final BlockingQueue<byte[]> freeBuffers;
    private final int maxBuffers;
    private final SpareBuffers spares;
    private final List<Future<?>> inFlight = new ArrayList<>();
    private final Set<Integer> uploaded = new ConcurrentSkipListSet<>();
    private int allocatedBuffers;
    /** The piece being filled or next to be, by index in {@link #pieces}. */
    private int next;
    private final List<byte[]> current = new ArrayList<>();
    private long position;
    private long bytesUploaded;

    PartWriter(ArchiveTarget.Upload upload, List<AssemblyPlan.Write> pieces, int bufferSize, int buffers,
               ExecutorService uploaders, SpareBuffers spares) {
        for (AssemblyPlan.Write piece : pieces) {
            if (piece.length() > (long) buffers * bufferSize) {
                throw new IllegalArgumentException("part " + piece.partNumber() + " of " + piece.length()
                        + " bytes does not fit in " + buffers + " buffers of " + bufferSize);
            }
        }
        this.upload = upload;
        this.pieces = List.copyOf(pieces);
        this.bufferSize = bufferSize;
        this.uploaders = uploaders;
        this.maxBuffers = buffers;
        this.freeBuffers = new ArrayBlockingQueue<>(buffers);
        this.spares = spares;
    }

    long position() { return position; }

    /** Whether any byte of {@code [from, to)} is one this writer uploads. */
    boolean wants(long from, long to) {
        return firstWanted(from, to) < to;
    }

    /** The first byte at or after {@code from} and before {@code to} that this writer uploads, else {@code to}. */
    long firstWanted(long from, long to) {
        for (int i = next; i < pieces.size(); i++) {
            var p = pieces.get(i);
            long end = p.offset() + p.length();
            if (end <= from) continue;
            return Math.min(to, Math.max(from, p.offset()));
        }
        return to;
    }

    /** The end of the last byte before {@code to} and at or after {@code from} this writer uploads, else {@code from}. */
    long lastWantedEnd(long from, long to) {
        long last = from;
        for (int i = next; i < pieces.size(); i++) {
            var p = pieces.get(i);
            if (p.offset() >= to) break;
            long end = p.offset() + p.length();
            if (end > from) last = Math.min(to, end);
        }
        return last;
    }

    /** The end of the piece this writer uploads that holds the byte before {@code offset}, else {@code offset}. */
    long endOfWantedPieceAt(long offset) {
        for (int i = next; i < pieces.size(); i++) {
            var p = pieces.get(i);
            if (p.offset() >= offset) break;
            long end = p.offset() + p.length();
            if (end >= offset) return end;
        }
        return offset;
    }

    /** Moves on to {@code offset} without bytes: none of the bytes passed over may be wanted. */
    void skipTo(long offset) {
        if (offset < position) throw new IllegalStateException("cannot skip back from " + position + " to " + offset);
        if (wants(position, offset)) {
            throw new IllegalStateException("bytes " + position + "-" + offset + " are to be uploaded, not skipped");
        }
        position = offset;
    }

    void write(byte[] bytes) throws IOException {
        write(bytes, 0, bytes.length);
    }

    void write(byte[] bytes, int offset, int length) throws IOException {
        while (length > 0) {
            AssemblyPlan.Write piece = next < pieces.size() ? pieces.get(next) : null;
            if (piece == null || position < piece.offset()) {
                int passed = piece == null ? length : (int) Math.min(length, piece.offset() - position);
                position += passed;
                offset += passed;
                length -= passed;
                continue;
            }
            long inPiece = position - piece.offset();
            int inBuffer = (int) (inPiece % bufferSize);
            if (inBuffer == 0 && current.size() == inPiece / bufferSize) current.add(takeBuffer());
            int n = (int) Math.min(length, Math.min(bufferSize - inBuffer, piece.length() - inPiece));
            System.arraycopy(bytes, offset, current.getLast(), inBuffer, n);
            position += n;
            offset += n;
            length -= n;
            if (position == piece.offset() + piece.length()) send(piece);
        }
    }

    /** Waits for every part; each piece must have been written whole. The caller then completes the upload. */
    void finish() throws IOException {
        if (next < pieces.size()) {
            AssemblyPlan.Write piece = pieces.get(next);
            // An empty archive's single part has no bytes to trigger its upload.
            if (piece.length() == 0 && position == piece.offset()) {
                current.add(takeBuffer());
                send(piece);
            } else {
                throw new IllegalStateException("part " + piece.partNumber() + " was not written whole");
            }
        }
        for (Future<?> f : inFlight) await(f);
        inFlight.clear();
    }

    /** Stops writing: waits for the uploads under way, whatever their outcome, so what S3 holds is settled. */
    void abandon() {
        for (Future<?> f : inFlight) {
            try {
                f.get();
            } catch (ExecutionException failed) {
                // Not in uploadedParts(): the next invocation uploads it again.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        inFlight.clear();
    }

    /** Part numbers whose upload succeeded so far. */
    Set<Integer> uploadedParts() { return Set.copyOf(uploaded); }

    long bytesUploaded() { return bytesUploaded; }

    private void send(AssemblyPlan.Write piece) {
        List<byte[]> buffers = List.copyOf(current);
        current.clear();
        next++;
        var bytes = new PartBytes(buffers, piece.length());
        bytesUploaded += piece.length();
        inFlight.add(uploaders.submit(() -> {
            try {
                upload.uploadPart(piece.partNumber(), bytes);
                uploaded.add(piece.partNumber());
            } finally {
                freeBuffers.addAll(buffers);
            }
        }));
        // Surface a failed upload early instead of writing the rest of the archive for nothing.
        inFlight.removeIf(f -> f.isDone() && succeeded(f));
    }

    /** Hands the idle part buffers on to the next build; call once the upload threads have stopped. */
    void recycle() {
        List<byte[]> idle = new ArrayList<>(freeBuffers);
        freeBuffers.clear();
        idle.addAll(current);
        current.clear();
        spares.keep(idle);
    }

    private boolean succeeded(Future<?> f) {
        try {
            f.get();
            return true;
        } catch (ExecutionException | InterruptedException e) {
            return false;
        }
    }

    private byte[] takeBuffer() throws IOException {
        byte[] free = freeBuffers.poll();
        if (free != null) return free;
        if (allocatedBuffers < maxBuffers) {
            allocatedBuffers++;
            return spares.take(bufferSize);
        }
        for (Future<?> f : inFlight) {
            if (f.isDone()) await(f);
        }
        try {
            return freeBuffers.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for an upload");
        }
    }

    private static void await(Future<?> f) throws IOException {
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while uploading");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new IOException("part upload failed: " + e.getCause().getMessage(), e.getCause());
        }
    }
}
