package com.clientalbums.local.lambda;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.clientalbums.admin.handler.AdminApiHandler;
import com.clientalbums.admin.users.AccountDirectory;
import com.clientalbums.client.handler.ClientApiHandler;
import com.clientalbums.common.aws.AwsClients;
import com.clientalbums.common.config.Settings;
import com.clientalbums.maintenance.handler.MaintenanceHandler;
import com.clientalbums.zip.handler.ZipGeneratorHandler;

import java.util.Map;

/**
 * The deployed handlers, each built with the (Settings, AwsClients) constructor that its
 * no-argument Lambda constructor delegates to, from the runner's environment instead of the
 * process's, and with SDK clients of its own, as each Lambda function has.
 */
public final class RealLambdas implements Lambdas.Factory {

    @Override
    public Lambdas create(FunctionEnvironment env) throws Exception {
        AccountDirectory directory = env.accounts();
        return new Lambdas(
                new ClientApiHandler(env.settings(ClientApiHandler.SETTINGS), env.clients()),
                new AdminApiHandler(env.settings(AdminApiHandler.SETTINGS), env.clients(), directory),
                new ZipGeneratorHandler(env.settings(ZipGeneratorHandler.SETTINGS), env.clients()),
                maintenance(env));
    }

    /**
     * The maintenance function is a stub until its issue lands: it may not have the
     * (Settings, AwsClients) constructor yet, and then its no-argument one (which reads nothing) is used.
     */
    @SuppressWarnings("unchecked")
    private static RequestHandler<ScheduledEvent, Map<String, Object>> maintenance(FunctionEnvironment env) throws Exception {
        try {
            return MaintenanceHandler.class.getConstructor(Settings.class, AwsClients.class)
                    .newInstance(env.settings(MaintenanceHandler.SETTINGS), env.clients());
        } catch (NoSuchMethodException notYet) {
            return new MaintenanceHandler();
        }
    }
}
