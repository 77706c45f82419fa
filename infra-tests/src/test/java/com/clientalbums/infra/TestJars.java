package com.clientalbums.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Small JARs of chosen classes of the test class path, for the readers of the Lambda JARs to read. */
final class TestJars {

    private TestJars() {}

    /** Writes {@code classes}' class files into the JAR {@code jar}; returns it. */
    static Path of(Path jar, List<Class<?>> classes) throws IOException {
        try (OutputStream file = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(file)) {
            for (Class<?> c : classes) {
                String entry = c.getName().replace('.', '/') + ".class";
                zip.putNextEntry(new ZipEntry(entry));
                try (InputStream in = ClassLoader.getSystemResourceAsStream(entry)) {
                    if (in == null) throw new IOException("no class file for " + c);
                    in.transferTo(zip);
                }
                zip.closeEntry();
            }
        }
        return jar;
    }
}
