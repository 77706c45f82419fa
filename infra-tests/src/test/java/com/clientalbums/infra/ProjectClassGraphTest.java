package com.clientalbums.infra;

import com.clientalbums.common.access.Emails;
import com.clientalbums.common.error.AlbumsException;
import com.clientalbums.common.store.AlbumIds;
import com.clientalbums.common.store.S3Keys;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What LambdaJarContentsIT relies on, on a small JAR of real class files: reachability tells used from unused. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ProjectClassGraphTest {

    @Test
    void a_class_nothing_refers_to_is_in_the_jar_but_not_reachable_from_the_root(@TempDir Path dir) throws IOException {
        Path jar = jarOf(dir.resolve("test.jar"), List.of(S3Keys.class, AlbumIds.class, Emails.class, Object.class));
        ProjectClassGraph graph = ProjectClassGraph.of(jar, Files.createDirectory(dir.resolve("classes")));

        assertEquals(Set.of(S3Keys.class.getName(), AlbumIds.class.getName(), Emails.class.getName()), graph.classes(),
                "only the project's classes");
        Set<String> reached = graph.reachableFrom(S3Keys.class.getName());
        assertTrue(reached.contains(AlbumIds.class.getName()), "S3Keys checks album ids: " + reached);
        assertTrue(reached.contains(AlbumsException.class.getName()), "reached through AlbumIds even though not in the JAR: " + reached);
        assertFalse(reached.contains(Emails.class.getName()), "nothing S3Keys uses refers to Emails: " + reached);
    }

    private static Path jarOf(Path jar, List<Class<?>> classes) throws IOException {
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
