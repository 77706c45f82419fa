package com.clientalbums.local.lambda;

import com.clientalbums.admin.handler.AdminApiHandler;
import com.clientalbums.client.handler.ClientApiHandler;
import com.clientalbums.maintenance.handler.MaintenanceHandler;
import com.clientalbums.zip.handler.ZipGeneratorHandler;

/**
 * The deployed handlers, each built with the (Settings, AwsClients) constructor that its
 * no-argument Lambda constructor delegates to, from the runner's environment instead of the
 * process's, and with SDK clients of its own, as each Lambda function has. The admin API also
 * gets the Cognito stand-in's account store for {@code POST /admin/users}.
 */
public final class RealLambdas implements Lambdas.Factory {

    @Override
    public Lambdas create(FunctionEnvironment env) {
        return new Lambdas(
                new ClientApiHandler(env.settings(ClientApiHandler.SETTINGS), env.clients()),
                new AdminApiHandler(env.settings(AdminApiHandler.SETTINGS), env.clients(), env.accounts()),
                new ZipGeneratorHandler(env.settings(ZipGeneratorHandler.SETTINGS), env.clients()),
                new MaintenanceHandler(env.settings(MaintenanceHandler.SETTINGS), env.clients()));
    }
}
