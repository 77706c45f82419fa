package com.clientalbums.infra.terraform;

/**
 * A place in {@code terraform/}: a file name (relative to the folder, e.g. {@code iam.tf}) and a
 * 1-based line. Printed as {@code iam.tf:42}, the form editors and terminals turn into links.
 */
public record SourceLine(String file, int line) implements Comparable<SourceLine> {

    @Override
    public int compareTo(SourceLine other) {
        int byFile = file.compareTo(other.file);
        return byFile != 0 ? byFile : Integer.compare(line, other.line);
    }

    @Override
    public String toString() {
        return "terraform/" + file + ":" + line;
    }
}
