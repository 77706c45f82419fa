package com.clientalbums.infra.terraform;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class HclSourceTest {

    @Test
    void blocks_labels_attributes_and_their_lines_are_read_past_strings_heredocs_and_comments() {
        String text = """
                # a comment with { braces
                resource "aws_s3_bucket" "photos" {
                  bucket = "${var.project}-photos" // trailing } comment
                  tags = {
                    Name = "x}{"
                  }
                  policy = <<-EOT
                    { "Statement": [ }
                  EOT

                  /* a block comment { */
                  lifecycle_rule {
                    id = "a"
                    filter { prefix = "albums/" }
                  }
                  actions = [
                    "s3:GetObject",
                    "s3:PutObject", # why
                  ]
                  name = "$${literal} and ${format("%s}", "{")}"
                }

                locals {
                  a = 1
                }
                """;
        List<HclSource.Block> blocks = HclSource.parse("s3.tf", text);
        assertEquals(2, blocks.size());
        HclSource.Block bucket = blocks.get(0);
        assertEquals("resource", bucket.type());
        assertEquals(List.of("aws_s3_bucket", "photos"), bucket.labels());
        assertEquals(new SourceLine("s3.tf", 2), bucket.at());
        assertEquals(List.of("bucket", "tags", "policy", "actions", "name"), bucket.attributes().stream().map(HclSource.Attribute::name).toList());
        assertEquals("\"${var.project}-photos\"", bucket.attribute("bucket").orElseThrow().expression());
        assertEquals(3, bucket.attribute("bucket").orElseThrow().at().line());
        assertEquals(7, bucket.attribute("policy").orElseThrow().at().line());
        HclSource.Attribute actions = bucket.attribute("actions").orElseThrow();
        assertEquals(16, actions.at().line());
        assertEquals(18, actions.lineOf("\"s3:PutObject\"").line());
        assertEquals(16, actions.lineOf("\"s3:Nothing\"").line(), "text not in the expression: the attribute's line");
        HclSource.Block rule = bucket.blocks("lifecycle_rule").get(0);
        assertEquals(12, rule.at().line());
        assertEquals(14, rule.blocks("filter").get(0).at().line());
        assertEquals("\"albums/\"", rule.blocks("filter").get(0).attribute("prefix").orElseThrow().expression());
        assertEquals(new SourceLine("s3.tf", 23), blocks.get(1).at());
        assertEquals("terraform/s3.tf:23", blocks.get(1).at().toString());
    }

    @Test
    void text_that_is_not_well_formed_hcl_is_refused_with_its_line() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> HclSource.parse("x.tf", "resource \"a\" \"b\" {\n  x = 1\n"));
        assertTrue(e.getMessage().startsWith("terraform/x.tf:"), e.getMessage());
    }

    @Test
    void the_repository_terraform_has_the_same_structure_here_as_in_hcl2json() {
        // hcl2json is Terraform's own parser (HCL compiled to WebAssembly): every block and
        // attribute name it sees at every level must be seen here, and nothing else.
        Terraform tf = Terraform.load();
        Map<String, List<HclSource.Block>> scanned = HclSource.parseDir(tf.dir());
        assertEquals(tf.files().keySet(), scanned.keySet());
        scanned.forEach((file, blocks) -> {
            List<String> here = new ArrayList<>();
            blocks.forEach(b -> layout(b, "", here));
            List<String> there = new ArrayList<>();
            layout(tf.files().get(file), "", there);
            Set<String> onlyHere = new TreeSet<>(here);
            there.forEach(onlyHere::remove);
            Set<String> onlyThere = new TreeSet<>(there);
            here.forEach(onlyThere::remove);
            assertTrue(onlyHere.isEmpty() && onlyThere.isEmpty(), file + ": seen only here " + onlyHere + ", only by hcl2json " + onlyThere);
            assertFalse(here.isEmpty(), file + " has blocks");
        });
    }

    /** Paths of every block and attribute name, e.g. "resource/aws_s3_bucket/photos/lifecycle_rule/id". */
    private static void layout(HclSource.Block block, String prefix, List<String> into) {
        String path = prefix + block.type() + (block.labels().isEmpty() ? "" : "/" + String.join("/", block.labels()));
        into.add(path);
        block.attributes().forEach(a -> into.add(path + "/" + a.name()));
        block.blocks().forEach(b -> layout(b, path + "/", into));
    }

    /** Top-level block types with labels (and "dynamic", at any level), which hcl2json nests as objects by label. */
    private static final Set<String> LABELLED = Set.of("resource", "data", "variable", "output", "provider", "module");

    /** The same paths from hcl2json's JSON, where blocks are arrays of objects keyed by their labels. */
    private static void layout(JsonNode node, String path, List<String> into) {
        node.fields().forEachRemaining(field -> {
            String name = field.getKey();
            JsonNode value = field.getValue();
            String here = path.isEmpty() ? name : path + "/" + name;
            if (path.isEmpty() ? LABELLED.contains(name) : name.equals("dynamic")) {
                labelled(value, here, name.equals("resource") || name.equals("data") ? 2 : 1, into);
            } else if (value.isArray() && !value.isEmpty() && value.get(0).isObject()) {
                // hcl2json writes blocks as arrays of objects (no attribute here is a list of objects)
                into.add(here);
                for (JsonNode item : value) layout(item, here, into);
            } else {
                into.add(here);
            }
        });
    }

    private static void labelled(JsonNode value, String path, int labels, List<String> into) {
        if (labels == 0) {
            into.add(path);
            for (JsonNode item : value) layout(item, path, into);
            return;
        }
        value.fields().forEachRemaining(f -> labelled(f.getValue(), path + "/" + f.getKey(), labels - 1, into));
    }
}
