package com.clientalbums.coldstart;

import com.clientalbums.coldstart.trivial.TrivialHandler;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/** Packages {@link TrivialHandler} alone into a deployment JAR, in the run that measures it. */
final class TrivialJar {
    private TrivialJar() {}

    static Path write(Path jar) throws IOException {
        String entry = TrivialHandler.class.getName().replace('.', '/') + ".class";
        Files.createDirectories(jar.getParent());
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
             InputStream in = TrivialHandler.class.getClassLoader().getResourceAsStream(entry)) {
            if (in == null) throw new IOException(entry + " is not on the class path");
            out.putNextEntry(new JarEntry(entry));
            in.transferTo(out);
            out.closeEntry();
        }
        return jar;
    }
}
