package com.clientalbums.infra;

import com.clientalbums.infra.SdkCallsInCode.SdkCall;
import com.clientalbums.infra.iam.AwsCall;
import com.clientalbums.infra.iam.SdkOperations;
import com.clientalbums.infra.terraform.Repo;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The calls {@link AwsCalls} lists for each function, which the IAM check simulates against its
 * role, are the calls its deployed code makes: every AWS SDK method the shaded JAR can invoke
 * from its handler ({@link SdkCallsInCode}), as IAM actions ({@link SdkOperations}), equals the
 * actions of the function's list, so neither can change without the other. Compared by action:
 * which key or table a call names is a value computed at run time, kept right by the list's use
 * of the code's own key builders. Opened after packaging (failsafe, integration-test phase).
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class AwsCallsIT {

    static List<LambdaFunction> functions() {
        return LambdaFunction.all();
    }

    private static Path jar(LambdaFunction f) {
        Path jar = Repo.root().resolve(f.jarPath());
        assertTrue(Files.isRegularFile(jar), jar + " does not exist: run ./mvnw -B -DskipTests package");
        return jar;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void each_function_lists_exactly_the_aws_actions_its_deployed_code_makes(LambdaFunction f, @TempDir Path dir) throws IOException {
        Map<String, Set<String>> made = actionsWithCallers(SdkCallsInCode.in(f, jar(f), dir));
        Map<String, Set<String>> listed = new TreeMap<>();
        for (AwsCall call : AwsCalls.ofCode(f)) listed.computeIfAbsent(call.action(), k -> new TreeSet<>()).add(call.why());

        Map<String, Set<String>> unlisted = new TreeMap<>(made);
        unlisted.keySet().removeAll(listed.keySet());
        Map<String, Set<String>> stale = new TreeMap<>(listed);
        stale.keySet().removeAll(made.keySet());
        assertEquals(made.keySet(), listed.keySet(), f + " (infra-tests/src/test/java/com/clientalbums/infra/AwsCalls.java):"
                + "\n  the code makes, the list lacks (action: calling classes): " + unlisted
                + "\n  the list has, the code no longer makes (action: whys): " + stale);
    }

    /** Each IAM action the calls are authorized as, with the classes making it; every SDK method must be known. */
    private static Map<String, Set<String>> actionsWithCallers(Set<SdkCall> calls) {
        Map<String, Set<String>> actions = new TreeMap<>();
        Set<String> unknown = new TreeSet<>();
        for (SdkCall call : calls) {
            SdkOperations.actions(call.client(), call.method()).ifPresentOrElse(
                    names -> names.forEach(a -> actions.computeIfAbsent(a, k -> new TreeSet<>()).add(call.caller())),
                    () -> unknown.add(call.client() + "." + call.method() + " (called by " + call.caller() + ")"));
        }
        assertEquals(Set.of(), unknown, "SDK methods infra-tests/src/test/java/com/clientalbums/infra/iam/SdkOperations.java "
                + "does not map to IAM actions: add them");
        return actions;
    }
}
