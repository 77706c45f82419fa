package com.clientalbums.infra.terraform;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One thing a check found wrong in {@code terraform/}: where, and what a reader should do about
 * it. The schema and IAM checks return findings rather than failing on the first, so one run
 * lists every problem, each as {@code terraform/iam.tf:42: ...}.
 */
public record Finding(SourceLine at, String message) implements Comparable<Finding> {

    @Override
    public int compareTo(Finding other) {
        int byPlace = at.compareTo(other.at);
        return byPlace != 0 ? byPlace : message.compareTo(other.message);
    }

    @Override
    public String toString() {
        return at + ": " + message;
    }

    /** Findings one per line, in file and line order, for an assertion message. */
    public static String report(List<Finding> findings) {
        return findings.stream().sorted().map(Finding::toString).collect(Collectors.joining("\n", "\n", "\n"));
    }
}
