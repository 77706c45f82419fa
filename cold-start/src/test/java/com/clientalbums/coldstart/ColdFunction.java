package com.clientalbums.coldstart;

import com.clientalbums.admin.handler.AdminApiHandler;
import com.clientalbums.client.handler.ClientApiHandler;
import com.clientalbums.coldstart.trivial.TrivialHandler;
import com.clientalbums.maintenance.handler.MaintenanceHandler;
import com.clientalbums.zip.handler.ZipGeneratorHandler;

import java.nio.file.Path;

/**
 * The functions started cold: the four of {@code terraform/lambda.tf} with their handler and
 * memory (Terraform's defaults), and the trivial handler that is their floor.
 */
enum ColdFunction {
    CLIENT_API("client-api", ClientApiHandler.class, 1024, LoopbackAccount::clientAlbumsRequest),
    ADMIN_API("admin-api", AdminApiHandler.class, 1024, LoopbackAccount::adminAlbumsRequest),
    ZIP_GENERATOR("zip-generator", ZipGeneratorHandler.class, 1769, LoopbackAccount::buildRequestBatch),
    MAINTENANCE("maintenance", MaintenanceHandler.class, 1024, LoopbackAccount::scheduledEvent),
    TRIVIAL(null, TrivialHandler.class, 1024, account -> "{\"ping\":1}");

    private final String module;
    private final Class<?> handler;
    private final int memoryMb;
    private final java.util.function.Function<LoopbackAccount, String> event;

    ColdFunction(String module, Class<?> handler, int memoryMb, java.util.function.Function<LoopbackAccount, String> event) {
        this.module = module;
        this.handler = handler;
        this.memoryMb = memoryMb;
        this.event = event;
    }

    /** Lambda's handler string. */
    String handler() {
        return handler.getName() + "::handleRequest";
    }

    int memoryMb() {
        return memoryMb;
    }

    /** The event of a first invocation (the generator's registers a new album to build). */
    String event(LoopbackAccount account) {
        return event.apply(account);
    }

    /** The deployment package: the module's shaded JAR as {@code shadedJar} finds it, or the trivial one written into {@code work}. */
    Path jar(java.util.function.Function<String, Path> shadedJar, Path work) throws java.io.IOException {
        return this == TRIVIAL ? TrivialJar.write(work.resolve("trivial-lambda.jar")) : shadedJar.apply(module);
    }

    /** The name in the benchmark's RESULT line, e.g. {@code client_api}. */
    String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public String toString() {
        return module == null ? "trivial" : module;
    }
}
