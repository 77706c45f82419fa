package com.clientalbums.infra;

import com.clientalbums.common.config.Setting;
import com.clientalbums.infra.iam.AwsCall;
import com.clientalbums.infra.terraform.Terraform;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The lists the IAM check simulates can be resolved: a call names a resource through a setting
 * only where Terraform sets that setting for the function, and each function has calls to make
 * and calls to deny. (Whether the lists match the code is AwsCallsIT's, after packaging.)
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class AwsCallsTest {

    private static final Terraform TF = Terraform.load();

    static List<LambdaFunction> functions() {
        return LambdaFunction.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void every_setting_a_call_names_is_one_terraform_sets_for_the_function(LambdaFunction f) {
        List<AwsCall> calls = new ArrayList<>(AwsCalls.of(f));
        calls.addAll(AwsCalls.forbidden(f));
        Set<String> unset = new TreeSet<>();
        for (AwsCall call : calls) {
            settingOf(call.target()).filter(s -> !f.deployedSettingNames().contains(s.name()))
                    .ifPresent(s -> unset.add(s.name() + " (" + call.action() + ": " + call.why() + ")"));
        }
        assertEquals(Set.of(), unset, f + ": calls through settings its environment lacks");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void each_function_writes_its_logs_and_has_calls_its_role_must_deny(LambdaFunction f) {
        assertTrue(AwsCalls.of(f).stream().anyMatch(c -> c.action().equals("logs:PutLogEvents") && c.target() instanceof AwsCall.OwnLogs));
        assertTrue(AwsCalls.forbidden(f).stream().anyMatch(c -> c.action().equals("iam:PutRolePolicy")), f + " may widen its own role");
    }

    @Test
    void a_resource_named_as_terraform_does_is_the_one_lambda_tf_gives_its_setting() {
        // A forbidden call on a resource the function has no setting for names it by reference;
        // the reference must be the resource the setting holds elsewhere, or the call tests another.
        Map<String, String> environments = new TreeMap<>();
        for (LambdaFunction f : LambdaFunction.all()) {
            environments.putAll(TF.resource("aws_lambda_function", f.resource()).block("environment").map("variables"));
        }
        AwsCalls.TERRAFORM_ARNS.forEach((setting, arn) -> {
            String resource = arn.substring(0, arn.length() - "arn}".length());
            String value = throughLocals(environments.get(setting.name()));
            assertTrue(value != null && value.startsWith(resource), setting + " is " + value + " in lambda.tf, not from " + resource);
        });
    }

    /** {@code ${local.x}} as what the local holds; anything else as it is. */
    private static String throughLocals(String value) {
        if (value == null || !value.startsWith("${local.") || !value.endsWith("}")) return value;
        return throughLocals(TF.local(value.substring("${local.".length(), value.length() - 1)).asText());
    }

    private static Optional<Setting> settingOf(AwsCall.Target target) {
        return switch (target) {
            case AwsCall.S3Object o -> Optional.of(o.bucket());
            case AwsCall.S3Bucket b -> Optional.of(b.bucket());
            case AwsCall.Table t -> Optional.of(t.table());
            case AwsCall.Queue q -> Optional.of(q.queueUrl());
            case AwsCall.Parameter p -> Optional.of(p.keySource());
            case AwsCall.UserPool u -> Optional.of(u.poolId());
            case AwsCall.OwnLogs l -> Optional.empty();
            case AwsCall.Arn a -> Optional.empty();
        };
    }
}
