package com.clientalbums.common.config;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The README's configuration table is the Setting enum, so the two cannot drift apart. */
class ReadmeConfigurationTest {

    @Test
    void theReadmeListsEverySettingWithItsDefaultAndMeaning() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        String begin = "<!-- settings:begin -->\n";
        String table = readme.substring(readme.indexOf(begin) + begin.length(), readme.indexOf("<!-- settings:end -->"));
        String expected = "| variable | default | meaning |\n|---|---|---|\n" + Arrays.stream(Setting.values())
                .map(s -> "| `" + s.name() + "` | " + (s.required() ? "(required)" : "`" + s.defaultValue() + "`")
                        + " | " + s.description() + " |\n")
                .collect(Collectors.joining());
        assertEquals(expected, table, "README.md's configuration table (between the settings markers) should read exactly this");
    }
}
