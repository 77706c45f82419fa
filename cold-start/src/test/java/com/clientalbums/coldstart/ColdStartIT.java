package com.clientalbums.coldstart;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each shaded JAR, unpacked as Lambda unpacks it, started once in a fresh JVM under AWS's own
 * runtime interface client against a loopback Runtime API, answers its first event correctly
 * against the loopback AWS servers: the proof that the JARs load and answer in the runtime AWS
 * runs them in. The timings are the benchmark's business ({@code scripts/bench.sh --cold-start}).
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ColdStartIT {
    private static final Path ROOT = Path.of(System.getProperty("repo.root", "..")).toAbsolutePath().normalize();
    private static final Path WORK = ROOT.resolve("cold-start/target/cold-start-it");
    private static LoopbackAccount account;

    @BeforeAll
    static void startAccount() throws Exception {
        account = LoopbackAccount.start(Path.of(System.getProperty("tools.dir", ROOT.resolve("target/tools").toString())));
    }

    @AfterAll
    static void stopAccount() throws Exception {
        if (account != null) account.close();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ColdFunction.class)
    void each_jar_answers_its_first_event_under_the_runtime_interface_client(ColdFunction function) throws Exception {
        Path jar = function.jar(module -> ROOT.resolve(module + "/target/" + module + "-lambda.jar"), WORK);
        Path taskRoot = FunctionJvm.unpack(jar, WORK.resolve("task").resolve(function.toString()));

        ColdStart.Result result = ColdStart.run(function.toString(), taskRoot, function.handler(), function.memoryMb(),
                account.environment(), function.event(account), WORK.resolve("logs"));

        Answers.check(function, result.answer(), account);
        assertTrue(result.initMillis() > 0 && result.responseMillis() > 0, result.toString());
    }
}
