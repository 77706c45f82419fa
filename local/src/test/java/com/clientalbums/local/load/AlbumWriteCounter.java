package com.clientalbums.local.load;

import com.sun.net.httpserver.HttpServer;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the write requests the runner's functions send to the album table, conditional ones
 * that fail included (DynamoDB charges and serialises those too; the system uses no transactions). Only {@code scripts/load.sh}
 * installs it, through the SDK's global interceptor list, on a class path entry of its own; it
 * answers {@code GET /writes} with "attempted failed" on the loopback port given by the system
 * property {@value #PORT_PROPERTY}. Nothing in the runner knows about it.
 */
public final class AlbumWriteCounter implements ExecutionInterceptor {
    public static final String PORT_PROPERTY = "clientalbums.load.counter-port";
    private static final AtomicLong ATTEMPTED = new AtomicLong();
    private static final AtomicLong FAILED = new AtomicLong();
    private static final String TABLE_SUFFIX = "-album";

    static {
        String port = System.getProperty(PORT_PROPERTY);
        if (port != null) serve(Integer.parseInt(port));
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if (writesAlbumTable(context.request())) ATTEMPTED.incrementAndGet();
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        if (writesAlbumTable(context.request())) FAILED.incrementAndGet();
    }

    static boolean writesAlbumTable(SdkRequest request) {
        return switch (request) {
            case UpdateItemRequest r -> r.tableName().endsWith(TABLE_SUFFIX);
            case PutItemRequest r -> r.tableName().endsWith(TABLE_SUFFIX);
            case DeleteItemRequest r -> r.tableName().endsWith(TABLE_SUFFIX);
            case BatchWriteItemRequest r -> r.requestItems().keySet().stream().anyMatch(t -> t.endsWith(TABLE_SUFFIX));
            default -> false;
        };
    }

    private static void serve(int port) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
            server.createContext("/writes", ex -> {
                byte[] body = (ATTEMPTED.get() + " " + FAILED.get()).getBytes(StandardCharsets.US_ASCII);
                ex.sendResponseHeaders(200, body.length);
                try (var out = ex.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException("the write counter could not listen on " + port, e);
        }
    }
}
