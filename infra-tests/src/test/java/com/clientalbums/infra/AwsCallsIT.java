package com.clientalbums.infra;

import com.clientalbums.common.album.AlbumRepository;
import com.clientalbums.infra.SdkCallsInCode.SdkCall;
import com.clientalbums.infra.iam.AwsCall;
import com.clientalbums.infra.iam.SdkOperations;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

    private static final String LIST = "infra-tests/src/test/java/com/clientalbums/infra/AwsCalls.java";

    static List<LambdaFunction> functions() {
        return LambdaFunction.all();
    }

    /** Read once per function: both tests look at the same calls. */
    private static final Map<LambdaFunction, Set<SdkCall>> CALLS = new ConcurrentHashMap<>();
    @TempDir
    static Path classes;

    private static Set<SdkCall> callsIn(LambdaFunction f) {
        return CALLS.computeIfAbsent(f, function -> {
            try {
                return SdkCallsInCode.in(function, function.builtJar(), Files.createDirectory(classes.resolve(function.module())));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void each_function_lists_exactly_the_aws_actions_its_deployed_code_makes(LambdaFunction f) {
        Map<String, Set<String>> made = actionsWithCallers(callsIn(f));
        Map<String, Set<String>> listed = listedWithWhys(f);

        Map<String, Set<String>> unlisted = new TreeMap<>(made);
        unlisted.keySet().removeAll(listed.keySet());
        Map<String, Set<String>> stale = new TreeMap<>(listed);
        stale.keySet().removeAll(made.keySet());
        assertEquals(made.keySet(), listed.keySet(), f + " (" + LIST + "):"
                + "\n  the code makes, the list lacks (action: calling classes): " + unlisted
                + "\n  the list has, the code no longer makes (action: whys): " + stale);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void each_class_making_an_action_is_named_by_a_listed_call_of_that_action(LambdaFunction f) {
        // Finer than the actions alone: a new caller of an action the function already makes (the
        // studio's grants now updated, not put) is a call on a resource the list may not have.
        Map<String, Set<String>> listed = listedWithWhys(f);
        Map<String, Set<String>> unnamed = new TreeMap<>();
        actionsWithCallers(callsIn(f)).forEach((action, callers) -> {
            String whys = String.join("; ", listed.getOrDefault(action, Set.of()));
            for (String caller : callers) {
                String name = topLevelSimpleName(caller);
                if (!Pattern.compile("\\b" + Pattern.quote(name) + "\\b").matcher(whys).find()) {
                    unnamed.computeIfAbsent(action, k -> new TreeSet<>()).add(name);
                }
            }
        });
        assertEquals(Map.of(), unnamed, f + " (" + LIST + "): classes making an action that no call of it names in its why"
                + " (action: classes); list the call they make, on its resource");
    }

    @Test
    void the_reading_counts_the_methods_a_handler_runs_not_every_method_of_the_classes_its_jar_carries() {
        // The generator's JAR carries AlbumRepository for its archive state; the same class scans
        // every album for the studio, which the generator never does and its role does not allow.
        Set<SdkCall> generator = callsIn(LambdaFunction.ZIP_GENERATOR);
        String repository = AlbumRepository.class.getName();
        assertTrue(generator.contains(new SdkCall("DynamoDbClient", "updateItem", repository)), generator.toString());
        assertFalse(generator.contains(new SdkCall("DynamoDbClient", "scanPaginator", repository)), generator.toString());
        assertTrue(callsIn(LambdaFunction.MAINTENANCE).contains(new SdkCall("DynamoDbClient", "scanPaginator", repository)),
                "maintenance sweeps the albums with the same method");
    }

    private static Map<String, Set<String>> listedWithWhys(LambdaFunction f) {
        Map<String, Set<String>> listed = new TreeMap<>();
        for (AwsCall call : AwsCalls.ofCode(f)) listed.computeIfAbsent(call.action(), k -> new TreeSet<>()).add(call.why());
        return listed;
    }

    /** {@code com.x.S3ArchiveTarget$S3Upload} → {@code S3ArchiveTarget}: a why names the class a reader knows. */
    private static String topLevelSimpleName(String className) {
        String simple = className.substring(className.lastIndexOf('.') + 1);
        int nested = simple.indexOf('$');
        return nested < 0 ? simple : simple.substring(0, nested);
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
