package com.clientalbums.local;

import com.clientalbums.common.config.Setting;
import com.clientalbums.common.config.Settings;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** How the runner takes the functions' settings from the shell it is started in ({@code scripts/run-local.sh}). */
class RunnerConfigTest {
    static final RunnerConfig DEFAULTS = RunnerConfig.defaults(Path.of("."));

    @Test
    void theGeneratorsSettingsComeFromTheShellSoZipSplitSizeGivesTheDemoInParts() {
        RunnerConfig config = DEFAULTS.withShellSettings(Map.of("ZIP_SPLIT_SIZE_MB", "5", "ZIP_FETCH_CONCURRENCY", "3",
                "ZIP_PART_SIZE_MB", "5", "ZIP_LEASE_SECONDS", "30", "ZIP_URL_EXPIRY", "60"), false);
        assertEquals("5", config.environment().get("ZIP_SPLIT_SIZE_MB"));
        assertEquals("3", config.environment().get("ZIP_FETCH_CONCURRENCY"));
        assertEquals("60", config.environment().get("ZIP_URL_EXPIRY"));
        assertEquals("5", config.environment().get("ZIP_QUIET_SECONDS"), "the runner's own default stays");

        // What a function reads: the runner's names and endpoints with these on top (LocalRunner.functionEnvironment).
        Map<String, String> function = new HashMap<>(Map.of("CLIENT_ALBUMS_BUCKET", "b", "ZIP_SPLIT_SIZE_MB", "4096"));
        function.putAll(config.environment());
        Settings generator = Settings.from(EnumSet.of(Setting.CLIENT_ALBUMS_BUCKET, Setting.ZIP_SPLIT_SIZE_MB,
                Setting.ZIP_LEASE_SECONDS, Setting.ZIP_PARALLEL_PARTS), function);
        assertEquals(5, generator.integer(Setting.ZIP_SPLIT_SIZE_MB));
        assertEquals(30, generator.integer(Setting.ZIP_LEASE_SECONDS));
        assertEquals(4, generator.integer(Setting.ZIP_PARALLEL_PARTS), "not set in the shell: its own default");
    }

    @Test
    void aDemosMailSettlesInHalfAMinuteUnlessTheShellSaysOtherwise() {
        assertEquals("30", DEFAULTS.environment().get("MAIL_SETTLE_SECONDS"), "AWS: 600");
        assertEquals("0", DEFAULTS.withShellSettings(Map.of("MAIL_SETTLE_SECONDS", "0"), false).environment().get("MAIL_SETTLE_SECONDS"));
    }

    @Test
    void theShellSetsNeitherNamesNorSignInNorTheDemosAdmin() {
        RunnerConfig config = DEFAULTS.withShellSettings(Map.of("CLIENT_ALBUMS_BUCKET", "prod-bucket", "ADMIN_EMAIL", "me@x.test",
                "AWS_REGION", "eu-west-1", "AUTH_ISSUER_URL", "https://elsewhere", "COGNITO_CLIENT_ID", "prod"), false);
        for (String name : Map.of("CLIENT_ALBUMS_BUCKET", 0, "ADMIN_EMAIL", 0, "AWS_REGION", 0, "AUTH_ISSUER_URL", 0, "COGNITO_CLIENT_ID", 0).keySet()) {
            assertFalse(config.environment().containsKey(name), name);
        }
    }

    @Test
    void thePollersFollowZipParallelPartsUnlessTheCommandLineSaysOtherwise() {
        assertEquals(2, DEFAULTS.generatorConcurrency());
        assertEquals(2, DEFAULTS.withShellSettings(Map.of(), false).generatorConcurrency());
        assertEquals(4, DEFAULTS.withShellSettings(Map.of("ZIP_PARALLEL_PARTS", "4"), false).generatorConcurrency());
        assertEquals("4", DEFAULTS.withShellSettings(Map.of("ZIP_PARALLEL_PARTS", "4"), false).environment().get("ZIP_PARALLEL_PARTS"));
        assertEquals(2, DEFAULTS.withShellSettings(Map.of("ZIP_PARALLEL_PARTS", "1"), false).generatorConcurrency(), "never fewer than the default");
        assertEquals(3, DEFAULTS.withGeneratorConcurrency(3).withShellSettings(Map.of("ZIP_PARALLEL_PARTS", "8"), true).generatorConcurrency());
        assertEquals(2, DEFAULTS.withShellSettings(Map.of("ZIP_PARALLEL_PARTS", "many"), false).generatorConcurrency(),
                "a malformed value is the generator's to refuse, naming it");
    }
}
