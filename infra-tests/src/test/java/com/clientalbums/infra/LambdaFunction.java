package com.clientalbums.infra;

import com.clientalbums.admin.handler.AdminApiHandler;
import com.clientalbums.client.handler.ClientApiHandler;
import com.clientalbums.common.config.Setting;
import com.clientalbums.maintenance.handler.MaintenanceHandler;
import com.clientalbums.zip.handler.ZipGeneratorHandler;

import com.clientalbums.infra.terraform.Repo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the code says about each function: its Maven module, its handler class and the
 * settings it reads. The Terraform tests compare {@code terraform/} with these.
 *
 * @param resource the {@code aws_lambda_function} (and role, log group) name in Terraform
 */
public record LambdaFunction(String resource, String module, Class<?> handler, Set<Setting> settings) {

    public static final LambdaFunction ZIP_GENERATOR =
            new LambdaFunction("zip_generator", "zip-generator", ZipGeneratorHandler.class, ZipGeneratorHandler.SETTINGS);
    public static final LambdaFunction CLIENT_API =
            new LambdaFunction("client_api", "client-api", ClientApiHandler.class, ClientApiHandler.SETTINGS);
    public static final LambdaFunction ADMIN_API =
            new LambdaFunction("admin_api", "admin-api", AdminApiHandler.class, AdminApiHandler.SETTINGS);
    public static final LambdaFunction MAINTENANCE =
            new LambdaFunction("maintenance", "maintenance", MaintenanceHandler.class, MaintenanceHandler.SETTINGS);

    public static List<LambdaFunction> all() {
        return List.of(ZIP_GENERATOR, CLIENT_API, ADMIN_API, MAINTENANCE);
    }

    /** Lambda's handler string. */
    public String handlerName() {
        return handler.getName() + "::handleRequest";
    }

    /** The shaded JAR Maven builds, relative to the repository root. */
    public String jarPath() {
        return module + "/target/" + module + "-lambda.jar";
    }

    /** The shaded JAR Maven built, which a test reads; an AssertionError when it is not built yet. */
    public Path builtJar() {
        Path jar = Repo.root().resolve(jarPath());
        if (!Files.isRegularFile(jar)) {
            throw new AssertionError(jar + " does not exist: run ./mvnw -B -DskipTests package");
        }
        return jar;
    }

    /** The settings Terraform must set: the handler's, minus those Lambda or the local runner provide. */
    public Set<String> deployedSettingNames() {
        Set<String> names = new TreeSet<>();
        settings.stream().filter(s -> s.scope() == Setting.Scope.DEPLOYED).forEach(s -> names.add(s.name()));
        return names;
    }

    @Override
    public String toString() {
        return module;
    }
}
