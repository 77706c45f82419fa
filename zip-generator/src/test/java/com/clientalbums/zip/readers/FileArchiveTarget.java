package com.clientalbums.zip.readers;

import com.clientalbums.zip.pipeline.ArchiveTarget;
import com.clientalbums.zip.pipeline.PartBytes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A multipart upload into a file under a directory that stands for the bucket: each part is written at its
 * place as it arrives (parts upload concurrently, so out of order), and the archive appears at its key only
 * on {@link Upload#complete()}, as in S3; an aborted upload leaves nothing. No part stays in memory, so an
 * archive of several GiB costs disk, not heap.
 *
 * <p>It refuses what S3 would refuse (a part number outside 1–10,000 or sent twice, a gap at completion),
 * and more strictly than S3 wants every part but the last to be of the upload's part size: that is what
 * the pipeline sends, and what lets a part be placed before the parts ahead of it have arrived.
 */
final class FileArchiveTarget implements ArchiveTarget {

    private static final int MAX_PARTS = 10_000;

    private final Path directory;
    private final int partSize;

    FileArchiveTarget(Path directory, int partSize) {
        this.directory = directory;
        this.partSize = partSize;
    }

    /** Where the archive of {@code key} is once its upload completed. */
    Path file(String key) {
        return directory.resolve(key);
    }

    /** Where the parts of an upload in progress go. */
    Path uploadFile(String key) {
        return directory.resolve(key + ".upload");
    }

    @Override
    public Upload start(String key) {
        Path parts = uploadFile(key);
        FileChannel channel;
        try {
            Files.createDirectories(parts.getParent());
            channel = FileChannel.open(parts, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<Integer, Integer> lengths = new ConcurrentSkipListMap<>();
        return new Upload() {
            @Override
            public String id() {
                return parts.toString();
            }

            @Override
            public void uploadPart(int partNumber, PartBytes bytes) {
                if (bytes.length() > Integer.MAX_VALUE) throw new IllegalArgumentException("part over 2 GiB");
                int length = (int) bytes.length();
                if (partNumber < 1 || partNumber > MAX_PARTS) {
                    throw new IllegalArgumentException("part number " + partNumber + " is outside 1-" + MAX_PARTS);
                }
                if (length < 1 || length > partSize) {
                    throw new IllegalArgumentException("part " + partNumber + " has " + length
                            + " bytes; parts of this upload have " + partSize);
                }
                if (lengths.putIfAbsent(partNumber, length) != null) {
                    throw new IllegalStateException("part " + partNumber + " uploaded twice");
                }
                long[] position = {(partNumber - 1L) * partSize};
                bytes.forEachSlice((buffer, n) -> {
                    ByteBuffer content = ByteBuffer.wrap(buffer, 0, n);
                    try {
                        while (content.hasRemaining()) {
                            position[0] += channel.write(content, position[0]);
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }

            @Override
            public void copyPart(int partNumber, String sourceKey, long sourceOffset, long length) {
                // Parts are placed by number times the part size: a copied part's length is its plan's.
                throw new UnsupportedOperationException("this target takes only full builds");
            }

            @Override
            public void complete() {
                List<Integer> numbers = List.copyOf(lengths.keySet());
                for (int i = 0; i < numbers.size(); i++) {
                    int number = numbers.get(i);
                    if (number != i + 1) {
                        throw new IllegalStateException("part " + (i + 1) + " is missing");
                    }
                    if (i < numbers.size() - 1 && lengths.get(number) != partSize) {
                        throw new IllegalStateException("part " + number + " has " + lengths.get(number)
                                + " bytes, yet is not the last part");
                    }
                }
                try {
                    channel.close();
                    Files.move(parts, file(key), StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public void abort() {
                try {
                    channel.close();
                    Files.deleteIfExists(parts);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }
}
