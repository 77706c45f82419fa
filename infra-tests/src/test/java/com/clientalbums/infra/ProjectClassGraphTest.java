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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What LambdaJarContentsIT relies on, on a small JAR of real class files: reachability tells used from unused. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ProjectClassGraphTest {

    @Test
    void a_class_nothing_refers_to_is_in_the_jar_but_not_reachable_from_the_root(@TempDir Path dir) throws IOException {
        Path jar = TestJars.of(dir.resolve("test.jar"), List.of(S3Keys.class, AlbumIds.class, Emails.class, Object.class));
        ProjectClassGraph graph = ProjectClassGraph.of(jar, Files.createDirectory(dir.resolve("classes")));

        assertEquals(Set.of(S3Keys.class.getName(), AlbumIds.class.getName(), Emails.class.getName()), graph.classes(),
                "only the project's classes");
        Set<String> reached = graph.reachableFrom(S3Keys.class.getName());
        assertTrue(reached.contains(AlbumIds.class.getName()), "S3Keys checks album ids: " + reached);
        assertTrue(reached.contains(AlbumsException.class.getName()), "reached through AlbumIds even though not in the JAR: " + reached);
        assertFalse(reached.contains(Emails.class.getName()), "nothing S3Keys uses refers to Emails: " + reached);
    }
}
