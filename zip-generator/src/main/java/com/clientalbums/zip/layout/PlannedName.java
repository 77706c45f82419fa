package com.clientalbums.zip.layout;

/**
 * A source file and the safe, unique name it gets inside the archive.
 *
 * @param name path components joined with {@code /}, NFC, Windows-safe, unique case-insensitively
 */
public record PlannedName(SourceFile source, String name) {
}
