package com.clientalbums.local.lambda;

import com.clientalbums.admin.handler.AdminApiHandler;
import com.clientalbums.client.handler.ClientApiHandler;
import com.clientalbums.maintenance.handler.MaintenanceHandler;
import com.clientalbums.zip.handler.ZipGeneratorHandler;

/**
 * The deployed handlers, each built with the (Settings, AwsClients) constructor that its
 * no-argument Lambda constructor delegates to, from the runner's environment instead of the
 * process's, and with SDK clients of its own, as each Lambda function has. The admin API also
 * gets the Cognito stand-in's account store for {@code POST /admin/users}. Each reads the
 * environment of its own function ({@link FunctionEnvironment#of}).
 */
public final class RealLambdas implements Lambdas.Factory {

    @Override
    public Lambdas create(FunctionEnvironment env) {
        FunctionEnvironment client = env.of(Lambdas.Function.CLIENT_API);
        FunctionEnvironment admin = env.of(Lambdas.Function.ADMIN_API);
        FunctionEnvironment generator = env.of(Lambdas.Function.ZIP_GENERATOR);
        FunctionEnvironment maintenance = env.of(Lambdas.Function.MAINTENANCE);
        return new Lambdas(
                new ClientApiHandler(client.settings(ClientApiHandler.SETTINGS), client.clients()),
                new AdminApiHandler(admin.settings(AdminApiHandler.SETTINGS), admin.clients(), admin.accounts()),
                new ZipGeneratorHandler(generator.settings(ZipGeneratorHandler.SETTINGS), generator.clients()),
                new MaintenanceHandler(maintenance.settings(MaintenanceHandler.SETTINGS), maintenance.clients()));
    }
}
