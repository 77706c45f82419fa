package com.clientalbums.local.lambda;

import com.clientalbums.common.aws.AwsClients;
import com.clientalbums.common.config.Setting;
import com.clientalbums.common.config.Settings;
import com.clientalbums.admin.users.AccountDirectory;

import java.util.Map;
import java.util.Set;

/**
 * What Lambda would give each function: its environment variables (names, queue URL, region,
 * the local endpoints) — and, locally, the Cognito stand-in's account store for the admin API's
 * {@code POST /admin/users}.
 */
public record FunctionEnvironment(Map<String, String> variables, AccountDirectory accounts) {

    public FunctionEnvironment {
        variables = Map.copyOf(variables);
    }

    public Settings settings(Set<Setting> declared) {
        return Settings.from(declared, variables);
    }

    /** Fresh SDK clients per function, as each Lambda builds its own. */
    public AwsClients clients() {
        return AwsClients.create(variables.get(Setting.AWS_REGION.name()), variables);
    }
}
