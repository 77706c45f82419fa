package com.clientalbums.zip.layout;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Listings of a wedding as a photographer uploads it: four folders of camera-numbered photos of seeded,
 * varied sizes, and the edits the cut must survive.
 */
final class WeddingListing {

    static final String PREFIX = "albums/wedding/photos/";
    private static final List<String> FOLDERS = List.of("Ceremony", "Getting ready", "Portraits", "Reception");
    private static final Instant SHOT = Instant.parse("2024-06-15T14:30:00Z");

    private WeddingListing() {
    }

    /** {@code count} photos of {@code minSize} to {@code maxSize} bytes, spread evenly over the folders. */
    static List<SourceFile> of(int count, long minSize, long maxSize, long seed) {
        Random random = new Random(seed);
        List<SourceFile> files = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String folder = FOLDERS.get(i * FOLDERS.size() / count);
            files.add(photo(String.format("%s/IMG_%04d.jpg", folder, i),
                    minSize + (long) (random.nextDouble() * (maxSize - minSize)), SHOT.plusSeconds(i)));
        }
        return files;
    }

    static SourceFile photo(String relativePath, long size, Instant lastModified) {
        return new SourceFile(PREFIX + relativePath, relativePath, size, lastModified);
    }

    /** A second card of {@code count} photos in {@code folder}: names that sort together. */
    static List<SourceFile> secondCard(String folder, int count, long size) {
        List<SourceFile> card = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            card.add(photo(String.format("%s/DSC_%04d.jpg", folder, i), size + i, SHOT.plusSeconds(86_400 + i)));
        }
        return card;
    }

    static List<SourceFile> plus(List<SourceFile> files, List<SourceFile> added) {
        List<SourceFile> result = new ArrayList<>(files);
        result.addAll(added);
        return result;
    }

    static List<SourceFile> without(List<SourceFile> files, SourceFile removed) {
        List<SourceFile> result = new ArrayList<>(files);
        result.remove(removed);
        return result;
    }

    /** The same photo uploaded again under its name: other bytes, another size and time. */
    static List<SourceFile> replacing(List<SourceFile> files, SourceFile replaced) {
        return files.stream().map(file -> file != replaced ? file
                : photo(file.relativePath(), file.size() + 4_321, file.lastModified().plusSeconds(3_600))).toList();
    }
}
