package com.clientalbums.infra.terraform;

import java.util.ArrayList;
import java.util.List;

/**
 * One statement of a {@code data "aws_iam_policy_document"} block.
 *
 * @param principals "type:identifier" pairs, e.g. {@code Service:lambda.amazonaws.com}
 * @param conditions "test variable=values" strings, for assertions and messages
 */
public record Statement(String sid, String effect, List<String> actions, List<String> resources,
                        List<String> principals, List<String> conditions) {

    public boolean allows() {
        return effect.equals("Allow");
    }

    /** The statements of a policy document data source. */
    public static List<Statement> of(Block document) {
        List<Statement> statements = new ArrayList<>();
        for (Block s : document.blocks("statement")) {
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
            statements.add(new Statement(
                    s.has("sid") ? s.string("sid") : "",
                    s.has("effect") ? s.string("effect") : "Allow", // the data source's default
                    s.has("actions") ? s.strings("actions") : List.of(),
                    s.has("resources") ? s.strings("resources") : List.of(),
                    principals,
                    conditions));
        }
        return statements;
    }
}
