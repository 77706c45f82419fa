package com.clientalbums.infra.terraform;

import java.util.ArrayList;
import java.util.List;

/**
 * One statement of a {@code data "aws_iam_policy_document"} block: a {@code statement} block, or
 * the content of a {@code dynamic "statement"} block, which exists only when its
 * {@code for_each} is not empty (a grant that comes with a feature).
 *
 * @param principals "type:identifier" pairs, e.g. {@code Service:lambda.amazonaws.com}
 * @param conditions "test variable=values" strings, for assertions and messages
 * @param onlyWhen   the dynamic block's {@code for_each} expression; empty for a statement always there
 */
public record Statement(String sid, String effect, List<String> actions, List<String> resources,
                        List<String> principals, List<String> conditions, String onlyWhen) {

    public boolean allows() {
        return effect.equals("Allow");
    }

    public boolean conditional() {
        return !onlyWhen.isEmpty();
    }

    /** The statements of a policy document data source, the dynamic ones after the others. */
    public static List<Statement> of(Block document) {
        List<Statement> statements = new ArrayList<>();
        for (Block s : document.blocks("statement")) {
            statements.add(of(s, ""));
        }
        // hcl2json gives "dynamic" as one object of block names, each an array of blocks.
        if (document.get("dynamic").isObject()) {
            for (Block each : new Block(document.address() + ".dynamic", document.get("dynamic")).blocks("statement")) {
                for (Block content : each.blocks("content")) {
                    statements.add(of(content, each.string("for_each")));
                }
            }
        }
        return statements;
    }

    private static Statement of(Block s, String onlyWhen) {
        List<String> principals = new ArrayList<>();
        for (Block p : s.blocks("principals")) {
            for (String id : p.strings("identifiers")) {
                principals.add(p.string("type") + ":" + id);
            }
        }
        List<String> conditions = new ArrayList<>();
        for (Block c : s.blocks("condition")) {
            conditions.add(c.string("test") + " " + c.string("variable") + "=" + c.strings("values"));
        }
        return new Statement(
                s.has("sid") ? s.string("sid") : "",
                s.has("effect") ? s.string("effect") : "Allow", // the data source's default
                s.has("actions") ? s.strings("actions") : List.of(),
                s.has("resources") ? s.strings("resources") : List.of(),
                principals,
                conditions,
                onlyWhen);
    }
}
