package com.clientalbums.infra.schema;

import com.clientalbums.infra.terraform.Repo;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The AWS provider's schema: every resource and data source type with its arguments, nested
 * blocks and readable attributes, as {@code scripts/extract-provider-schema.js} writes it from
 * {@code @cdktf/provider-aws} (the provider's bindings, generated from its own schema) into the
 * tools folder, with the {@code provider "aws"} block's own arguments. {@code scripts/install-tools.sh}
 * writes it; the Maven build runs that script.
 */
public final class ProviderSchema {

    /** The provider version the schema describes, which versions.tf must admit. */
    public static final String VERSION = "6.25.0";
    /** The npm package it is read from, pinned in scripts/install-tools.sh. */
    public static final String PACKAGE = "@cdktf/provider-aws@21.22.1";

    /** An argument ({@code name = value}); {@code required} when the provider needs it set. */
    public record Argument(boolean required) {}

    /** A nested block ({@code name { ... }}): at least one when required, at most one when {@code maxOne}. */
    public record NestedBlock(boolean required, boolean maxOne, BlockSchema block) {}

    /**
     * What a block may hold. {@code attributes} (top level only) are the names a reference may
     * read, computed ones included. {@code open} marks the few blocks the bindings type as "any"
     * (QuickSight's recursive definitions): their content is not described, so not checked.
     */
    public record BlockSchema(Map<String, Argument> arguments, Map<String, NestedBlock> blocks, Set<String> attributes, boolean open) {}

    private static ProviderSchema loaded;

    private final String version;
    private final String packageName;
    private final Map<String, BlockSchema> resources;
    private final Map<String, BlockSchema> dataSources;
    private final BlockSchema providerConfig;

    private ProviderSchema(String version, String packageName, Map<String, BlockSchema> resources, Map<String, BlockSchema> dataSources,
                           BlockSchema providerConfig) {
        this.version = version;
        this.packageName = packageName;
        this.resources = resources;
        this.dataSources = dataSources;
        this.providerConfig = providerConfig;
    }

    /** The schema of {@link #VERSION} from the tools folder, read once per JVM. */
    public static synchronized ProviderSchema load() {
        if (loaded == null) {
            loaded = load(Repo.toolsDir().resolve("aws-provider-schema-" + VERSION + ".json"));
        }
        return loaded;
    }

    static ProviderSchema load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("the AWS provider schema " + file + " is missing: run scripts/install-tools.sh"
                    + " (the Maven build runs it in generate-test-resources)");
        }
        try {
            JsonNode root = new ObjectMapper().readTree(file.toFile());
            if (!PACKAGE.equals(root.path("package").asText()) || !root.has("provider_config")) {
                throw new IllegalStateException(file + " was written from " + root.path("package").asText()
                        + " or by an older extractor, not from " + PACKAGE + ": run scripts/install-tools.sh");
            }
            return new ProviderSchema(root.path("version").asText(), root.path("package").asText(),
                    types(root.path("resources")), types(root.path("data_sources")), block(root.path("provider_config")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, BlockSchema> types(JsonNode node) {
        Map<String, BlockSchema> types = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> types.put(e.getKey(), block(e.getValue())));
        return Map.copyOf(types);
    }

    private static BlockSchema block(JsonNode node) {
        Map<String, Argument> arguments = new LinkedHashMap<>();
        node.path("arguments").fields().forEachRemaining(e -> arguments.put(e.getKey(), new Argument(e.getValue().path("required").asBoolean())));
        Map<String, NestedBlock> blocks = new LinkedHashMap<>();
        node.path("blocks").fields().forEachRemaining(e -> blocks.put(e.getKey(), new NestedBlock(
                e.getValue().path("required").asBoolean(), e.getValue().path("max_one").asBoolean(), block(e.getValue().path("block")))));
        Set<String> attributes = new LinkedHashSet<>();
        node.path("attributes").forEach(a -> attributes.add(a.asText()));
        return new BlockSchema(arguments, blocks, attributes, node.path("open").asBoolean());
    }

    /** The provider version, e.g. {@code 6.25.0}. */
    public String version() {
        return version;
    }

    public String packageName() {
        return packageName;
    }

    public Optional<BlockSchema> resource(String type) {
        return Optional.ofNullable(resources.get(type));
    }

    public Optional<BlockSchema> dataSource(String type) {
        return Optional.ofNullable(dataSources.get(type));
    }

    /** The arguments and blocks of the {@code provider "aws"} block itself. */
    public BlockSchema providerConfig() {
        return providerConfig;
    }

    public int resourceCount() {
        return resources.size();
    }

    public int dataSourceCount() {
        return dataSources.size();
    }
}
