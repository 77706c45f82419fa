package com.clientalbums.infra.terraform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Every {@code .tf} file of {@code terraform/}, parsed by {@code @cdktf/hcl2json} (node), as one
 * model: resources, data sources, variables, locals and outputs by name.
 *
 * <p>hcl2json keeps expressions as {@code "${...}"} text and blocks as arrays; {@link Block}
 * and {@link Expressions} read those. Parsing takes a second, so it happens once per JVM.
 */
public final class Terraform {

    private static Terraform loaded;

    private final Path dir;
    private final Map<String, JsonNode> files;
    private final ObjectNode resources;
    private final ObjectNode data;
    private final ObjectNode variables;
    private final ObjectNode outputs;
    private final ObjectNode locals;

    private Terraform(Path dir, Map<String, JsonNode> files) {
        this.dir = dir;
        this.files = files;
        ObjectMapper mapper = new ObjectMapper();
        this.resources = mapper.createObjectNode();
        this.data = mapper.createObjectNode();
        this.variables = mapper.createObjectNode();
        this.outputs = mapper.createObjectNode();
        this.locals = mapper.createObjectNode();
        files.forEach((name, file) -> {
            mergeTyped(resources, file.path("resource"), name);
            mergeTyped(data, file.path("data"), name);
            mergeNamed(variables, file.path("variable"), name);
            mergeNamed(outputs, file.path("output"), name);
            for (JsonNode block : file.path("locals")) {
                mergeNamed(locals, block, name);
            }
        });
    }

    /** The repository's Terraform, parsed once. */
    public static synchronized Terraform load() {
        if (loaded == null) {
            loaded = parse(Repo.root().resolve("terraform"));
        }
        return loaded;
    }

    /** Parses every .tf file of {@code dir} (used directly by tests that parse a broken copy). */
    public static Terraform parse(Path dir) {
        Path script = resource("hcl2json-all.js");
        Path tools = Repo.toolsDir();
        if (!Files.isDirectory(tools.resolve("node_modules/@cdktf/hcl2json"))) {
            throw new IllegalStateException("@cdktf/hcl2json is missing in " + tools
                    + ": run scripts/install-tools.sh (the Maven build does it in generate-test-resources)");
        }
        try {
            Process process = new ProcessBuilder("node", script.toString(), tools.toString(), dir.toString()).start();
            // Read stderr beside stdout so neither pipe can fill up and block node.
            CompletableFuture<byte[]> stderr = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
            byte[] stdout = process.getInputStream().readAllBytes();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("hcl2json did not finish within 120 s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("Terraform in " + dir + " does not parse: "
                        + new String(stderr.join(), StandardCharsets.UTF_8).strip());
            }
            JsonNode root = new ObjectMapper().readTree(stdout);
            Map<String, JsonNode> files = new LinkedHashMap<>();
            root.path("files").fields().forEachRemaining(e -> files.put(e.getKey(), e.getValue()));
            return new Terraform(dir, files);
        } catch (IOException e) {
            throw new IllegalStateException("could not run node (is it installed and on PATH?): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Path dir() { return dir; }

    /** File name to parsed content, in name order. */
    public Map<String, JsonNode> files() { return files; }

    public Block resource(String type, String name) {
        return only(resources.path(type).path(name), type + "." + name);
    }

    public Optional<Block> findResource(String type, String name) {
        JsonNode node = resources.path(type).path(name);
        return node.isMissingNode() ? Optional.empty() : Optional.of(only(node, type + "." + name));
    }

    /** All resources of a type, by name. */
    public Map<String, Block> resources(String type) {
        Map<String, Block> byName = new LinkedHashMap<>();
        resources.path(type).fields().forEachRemaining(e ->
                byName.put(e.getKey(), only(e.getValue(), type + "." + e.getKey())));
        return byName;
    }

    /** Every resource of every type, by address ({@code type.name}). */
    public Map<String, Block> allResources() {
        Map<String, Block> all = new LinkedHashMap<>();
        resources.fieldNames().forEachRemaining(type -> resources(type).forEach((name, block) ->
                all.put(type + "." + name, block)));
        return all;
    }

    public Block data(String type, String name) {
        return only(data.path(type).path(name), "data." + type + "." + name);
    }

    public Map<String, Block> data(String type) {
        Map<String, Block> byName = new LinkedHashMap<>();
        data.path(type).fields().forEachRemaining(e ->
                byName.put(e.getKey(), only(e.getValue(), "data." + type + "." + e.getKey())));
        return byName;
    }

    public Block variable(String name) {
        return only(variables.path(name), "var." + name);
    }

    public boolean hasVariable(String name) {
        return variables.has(name);
    }

    /** A variable's default, or a missing node when it has none (it is required). */
    public JsonNode variableDefault(String name) {
        return variable(name).get("default");
    }

    public JsonNode local(String name) {
        JsonNode value = locals.path(name);
        if (value.isMissingNode()) {
            throw new AssertionError("no local." + name + " in " + dir);
        }
        return value;
    }

    public Block output(String name) {
        return only(outputs.path(name), "output." + name);
    }

    public List<String> outputNames() {
        List<String> names = new ArrayList<>();
        outputs.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Resolves references to variables, locals and {@code path.module} in a value; see {@link Expressions}. */
    public Expressions expressions() {
        return new Expressions(this);
    }

    private static Block only(JsonNode node, String address) {
        if (node.isMissingNode()) {
            throw new AssertionError("Terraform has no " + address);
        }
        // hcl2json gives every block as an array; one name declared twice is a Terraform error.
        if (!node.isArray() || node.size() != 1) {
            throw new AssertionError(address + " is declared " + node.size() + " times");
        }
        return new Block(address, node.get(0));
    }

    private static void mergeTyped(ObjectNode into, JsonNode byType, String file) {
        byType.fields().forEachRemaining(type -> {
            ObjectNode target = into.has(type.getKey()) ? (ObjectNode) into.get(type.getKey()) : into.putObject(type.getKey());
            mergeNamed(target, type.getValue(), file);
        });
    }

    private static void mergeNamed(ObjectNode into, JsonNode byName, String file) {
        Iterator<Map.Entry<String, JsonNode>> it = byName.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (into.has(e.getKey())) {
                throw new AssertionError(e.getKey() + " is declared again in " + file);
            }
            into.set(e.getKey(), e.getValue());
        }
    }

    private static byte[] readAll(InputStream in) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            return e.toString().getBytes(StandardCharsets.UTF_8);
        }
    }

    private static Path resource(String name) {
        try {
            return Path.of(Terraform.class.getClassLoader().getResource(name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("test resource " + name + " is missing", e);
        }
    }
}
