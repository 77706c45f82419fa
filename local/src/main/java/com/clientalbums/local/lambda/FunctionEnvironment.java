package com.clientalbums.local.lambda;

import com.clientalbums.common.aws.AwsClients;
import com.clientalbums.common.config.Setting;
import com.clientalbums.common.config.Settings;
import com.clientalbums.admin.users.AccountDirectory;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * What Lambda would give each function: its environment variables (names, queue URL, region,
 * the local endpoints) — and, locally, the Cognito stand-in's account store for the admin API's
 * {@code POST /admin/users}. A function can have variables of its own on top of everyone's
 * ({@link #of}): the client API's S3 endpoint is the runner's S3 front, whose access logs
 * record the downloads of the links it signs.
 */
public record FunctionEnvironment(Map<String, String> variables, AccountDirectory accounts,
                                  Map<Lambdas.Function, Map<String, String>> ownVariables) {

    public FunctionEnvironment {
        variables = Map.copyOf(variables);
        ownVariables = Map.copyOf(ownVariables);
    }

    /** The same variables for every function. */
    public FunctionEnvironment(Map<String, String> variables, AccountDirectory accounts) {
        this(variables, accounts, Map.of());
    }

    /** The environment of one function: everyone's variables with its own on top. */
    public FunctionEnvironment of(Lambdas.Function function) {
        Map<String, String> own = ownVariables.get(function);
        if (own == null || own.isEmpty()) return new FunctionEnvironment(variables, accounts);
        Map<String, String> merged = new HashMap<>(variables);
        merged.putAll(own);
        return new FunctionEnvironment(merged, accounts);
    }

    public Settings settings(Set<Setting> declared) {
        return Settings.from(declared, variables);
    }

    /** Fresh SDK clients per function, as each Lambda builds its own. */
    public AwsClients clients() {
        return AwsClients.create(variables.get(Setting.AWS_REGION.name()), variables);
    }
}
