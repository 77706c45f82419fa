package com.clientalbums.local;

import com.clientalbums.admin.handler.AdminApiHandler;
import com.clientalbums.client.handler.ClientApiHandler;
import com.clientalbums.common.config.Setting;
import com.clientalbums.common.config.Settings;
import com.clientalbums.local.lambda.FunctionEnvironment;
import com.clientalbums.local.lambda.RealLambdas;
import com.clientalbums.maintenance.handler.MaintenanceHandler;
import com.clientalbums.zip.handler.ZipGeneratorHandler;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The contract "the local runner honours every setting from its own environment":
 * {@code WEB_SIZE_PX=1024 scripts/run-local.sh} reaches the functions the runner hosts, the
 * real handlers built as {@code Main} builds them.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ShellSettingsReachFunctionsTest {
    private static final Map<String, Set<Setting>> FUNCTIONS = Map.of(
            "client-api", ClientApiHandler.SETTINGS, "admin-api", AdminApiHandler.SETTINGS,
            "zip-generator", ZipGeneratorHandler.SETTINGS, "maintenance", MaintenanceHandler.SETTINGS);

    @TempDir Path data;

    @Test
    void web_size_px_and_the_guest_settings_from_the_runners_shell_reach_the_functions() throws Exception {
        AtomicReference<FunctionEnvironment> given = new AtomicReference<>();
        RunnerConfig config = TestRunners.config(data)
                .withShellSettings(Map.of("WEB_SIZE_PX", "1024", "GUEST_SESSION_SECONDS", "900",
                        "PORTAL_URL", "https://photos.example"), false)
                .withLambdas(env -> {
                    given.set(env);
                    return new RealLambdas().create(env);
                });
        try (LocalRunner runner = LocalRunner.start(config)) {
            FunctionEnvironment env = given.get();
            FUNCTIONS.forEach((function, declared) -> {
                assertTrue(declared.contains(Setting.WEB_SIZE_PX), function + " reads WEB_SIZE_PX");
                assertEquals(1024, env.settings(declared).integer(Setting.WEB_SIZE_PX), function);
            });
            Settings guests = env.settings(EnumSet.of(Setting.GUEST_SESSION_SECONDS, Setting.PORTAL_URL));
            assertEquals(900, guests.integer(Setting.GUEST_SESSION_SECONDS));
            assertEquals("https://photos.example", guests.get(Setting.PORTAL_URL));
            assertEquals("1024", runner.functionEnvironment().get(Setting.WEB_SIZE_PX.name()));
        }
    }

    @Test
    void a_web_size_out_of_range_in_the_shell_stops_the_runner_naming_it() {
        RunnerConfig config = TestRunners.config(data).withShellSettings(Map.of("WEB_SIZE_PX", "100"), false);
        Exception refused = assertThrows(Exception.class, () -> LocalRunner.start(config).close());
        assertTrue(refused.getMessage().contains("WEB_SIZE_PX must be 640-4096"), refused.getMessage());
    }
}
