package com.clientalbums.infra;

import com.clientalbums.infra.iam.AwsCall;

import java.util.List;

/**
 * Every AWS call each function's code makes, and the calls it must never be able to make: the
 * IAM check simulates both against the function's role (all allowed; all denied), and
 * {@code AwsCallsIT} checks the first list against the calls the deployed JAR contains.
 */
public final class AwsCalls {

    private AwsCalls() {}

    /** The calls {@code function}'s code makes, each with a concrete resource. */
    public static List<AwsCall> of(LambdaFunction function) {
        return List.of(); // filled in by issue 17's slice C
    }

    /** Calls {@code function}'s role must deny. */
    public static List<AwsCall> forbidden(LambdaFunction function) {
        return List.of(); // filled in by issue 17's slice C
    }
}
