package com.clientalbums.infra.iam;

import com.clientalbums.infra.terraform.Block;
import com.clientalbums.infra.terraform.HclSource;
import com.clientalbums.infra.terraform.SourceLine;
import com.clientalbums.infra.terraform.Terraform;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every {@code data "aws_iam_policy_document"} of {@code terraform/} as the IAM JSON the data
 * source renders, with each {@code ${...}} resolved to the deployment's ARNs
 * ({@link DeploymentArns}), every {@code dynamic "statement"} included, and each statement and
 * action keeping the line it is written on.
 *
 * <p>Values come from hcl2json ({@link Terraform}), lines from {@link HclSource}; the two are
 * paired block by block in order (both read the same files).
 */
public final class PolicyDocuments {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One statement; {@code sid} is written or, when the statement has none, {@code Line{n}} (its line). */
    public record PolicyStatement(String sid, SourceLine at, ObjectNode json, Map<String, SourceLine> actionLines) {

        /** Where an action is written (the statement's line when it is not in an {@code actions} list). */
        public SourceLine lineOf(String action) {
            return actionLines.getOrDefault(action, at);
        }
    }

    /** A policy document by its Terraform name ({@code data.aws_iam_policy_document.<name>}). */
    public record PolicyDocument(String name, SourceLine at, List<PolicyStatement> statements) {

        public ObjectNode json() {
            ObjectNode policy = JSON.createObjectNode();
            policy.put("Version", "2012-10-17");
            ArrayNode list = policy.putArray("Statement");
            statements.forEach(s -> list.add(s.json()));
            return policy;
        }

        public Optional<PolicyStatement> statement(String sid) {
            return statements.stream().filter(s -> s.sid().equals(sid)).findFirst();
        }

        /** Where the statement of {@code sid} is, else the document's line. */
        public SourceLine lineOf(String sid) {
            return statement(sid).map(PolicyStatement::at).orElse(at);
        }
    }

    private PolicyDocuments() {}

    /** Every policy document of the parsed {@code terraform}, by name. */
    public static Map<String, PolicyDocument> of(Terraform terraform, DeploymentArns arns) {
        Map<String, PolicyDocument> documents = new LinkedHashMap<>();
        HclSource.parseDir(terraform.dir()).forEach((file, blocks) -> {
            for (HclSource.Block data : blocks) {
                if (data.type().equals("data") && data.labels().size() == 2 && data.labels().get(0).equals("aws_iam_policy_document")) {
                    String name = data.labels().get(1);
                    documents.put(name, document(name, data, terraform.data("aws_iam_policy_document", name), arns));
                }
            }
        });
        return documents;
    }

    private static PolicyDocument document(String name, HclSource.Block layout, Block values, DeploymentArns arns) {
        List<HclSource.Block> layouts = new ArrayList<>(layout.blocks("statement"));
        List<Block> contents = new ArrayList<>(values.blocks("statement"));
        for (HclSource.Block dynamic : layout.blocks("dynamic")) {
            if (dynamic.labels().equals(List.of("statement"))) {
                layouts.addAll(dynamic.blocks("content"));
            }
        }
        // hcl2json gives "dynamic" as one object of block names, each an array of blocks.
        if (values.get("dynamic").isObject()) {
            for (Block each : new Block(values.address() + ".dynamic", values.get("dynamic")).blocks("statement")) {
                contents.addAll(each.blocks("content"));
            }
        }
        if (layouts.size() != contents.size()) {
            throw new IllegalStateException(layout + ": " + layouts.size() + " statements in its layout, " + contents.size() + " in hcl2json's");
        }
        List<PolicyStatement> statements = new ArrayList<>();
        for (int i = 0; i < layouts.size(); i++) {
            statements.add(statement(layouts.get(i), contents.get(i), arns));
        }
        return new PolicyDocument(name, layout.at(), List.copyOf(statements));
    }

    private static PolicyStatement statement(HclSource.Block layout, Block s, DeploymentArns arns) {
        String sid = s.has("sid") ? s.string("sid") : "Line" + layout.at().line();
        ObjectNode json = JSON.createObjectNode();
        json.put("Sid", sid);
        json.put("Effect", s.has("effect") ? s.string("effect") : "Allow"); // the data source's default
        Map<String, SourceLine> actionLines = new LinkedHashMap<>();
        for (String key : List.of("actions", "not_actions")) {
            if (!s.has(key)) continue;
            ArrayNode list = json.putArray(key.equals("actions") ? "Action" : "NotAction");
            for (String action : s.strings(key)) {
                list.add(action);
                layout.attribute(key).ifPresent(a -> actionLines.putIfAbsent(action, a.lineOf("\"" + action + "\"")));
            }
        }
        for (String key : List.of("resources", "not_resources")) {
            if (!s.has(key)) continue;
            ArrayNode list = json.putArray(key.equals("resources") ? "Resource" : "NotResource");
            s.strings(key).forEach(r -> list.add(arns.resolve(r)));
        }
        principals(s, "principals", "Principal", json, arns);
        principals(s, "not_principals", "NotPrincipal", json, arns);
        List<Block> conditions = s.blocks("condition");
        if (!conditions.isEmpty()) {
            ObjectNode condition = json.putObject("Condition");
            for (Block c : conditions) {
                ObjectNode test = condition.has(c.string("test")) ? (ObjectNode) condition.get(c.string("test")) : condition.putObject(c.string("test"));
                ArrayNode values = test.putArray(c.string("variable"));
                c.strings("values").forEach(v -> values.add(arns.resolve(v)));
            }
        }
        return new PolicyStatement(sid, layout.at(), json, Map.copyOf(actionLines));
    }

    /** As the data source renders them: type "*" with identifier "*" is {@code "*"}, else {type: [ids]}. */
    private static void principals(Block s, String key, String field, ObjectNode json, DeploymentArns arns) {
        List<Block> blocks = s.blocks(key);
        if (blocks.isEmpty()) return;
        if (blocks.size() == 1 && blocks.get(0).string("type").equals("*") && blocks.get(0).strings("identifiers").equals(List.of("*"))) {
            json.put(field, "*");
            return;
        }
        ObjectNode principal = json.putObject(field);
        for (Block p : blocks) {
            ArrayNode ids = principal.has(p.string("type")) ? (ArrayNode) principal.get(p.string("type")) : principal.putArray(p.string("type"));
            p.strings("identifiers").forEach(id -> ids.add(arns.resolve(id)));
        }
    }
}
