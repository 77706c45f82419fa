package com.clientalbums.infra.terraform;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where things are: the repository root and the node tools folder (set by the Maven build). */
public final class Repo {

    private Repo() {}

    /** The repository root ({@code repo.root}, else the parent of the working directory, infra-tests/). */
    public static Path root() {
        String configured = System.getProperty("repo.root");
        Path root = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath().getParent();
        root = root.toAbsolutePath().normalize();
        if (!Files.isDirectory(root.resolve("terraform"))) {
            throw new IllegalStateException("no terraform/ under " + root + ": set -Drepo.root");
        }
        return root;
    }

    /** Node tools (hcl2json): {@code tools.dir}, else {@code target/tools} at the root. */
    public static Path toolsDir() {
        String configured = System.getProperty("tools.dir");
        return configured != null ? Path.of(configured) : root().resolve("target/tools");
    }
}
