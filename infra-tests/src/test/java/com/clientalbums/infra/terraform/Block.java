package com.clientalbums.infra.terraform;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One Terraform block as hcl2json gives it: attributes are values (expressions as
 * {@code "${...}"} text), nested blocks are arrays of objects.
 *
 * @param address where the block is, for failure messages (e.g. {@code aws_sqs_queue.zip_generation})
 */
public record Block(String address, JsonNode node) {

    public boolean has(String attribute) {
        return node.has(attribute);
    }

    /** The raw value, or a missing node. */
    public JsonNode get(String attribute) {
        return node.path(attribute);
    }

    /** A scalar attribute as text: a literal, or an expression's {@code "${...}"} text. */
    public String string(String attribute) {
        JsonNode value = node.path(attribute);
        if (!value.isValueNode()) {
            throw new AssertionError(address + "." + attribute + " is not a single value: " + value);
        }
        return value.asText();
    }

    /** A list attribute of strings (an expression yielding a list is not a literal list). */
    public List<String> strings(String attribute) {
        JsonNode value = node.path(attribute);
        if (!value.isArray()) {
            throw new AssertionError(address + "." + attribute + " is not a literal list: " + value);
        }
        List<String> items = new ArrayList<>();
        value.forEach(item -> items.add(item.asText()));
        return items;
    }

    /** A map attribute (e.g. {@code environment.variables}) with its values as text. */
    public Map<String, String> map(String attribute) {
        JsonNode value = node.path(attribute);
        if (!value.isObject()) {
            throw new AssertionError(address + "." + attribute + " is not a literal map: " + value);
        }
        Map<String, String> entries = new LinkedHashMap<>();
        value.fields().forEachRemaining(e -> entries.put(e.getKey(), e.getValue().asText()));
        return entries;
    }

    /** The one nested block of this name. */
    public Block block(String name) {
        List<Block> found = blocks(name);
        if (found.size() != 1) {
            throw new AssertionError(address + " has " + found.size() + " '" + name + "' blocks, expected 1");
        }
        return found.get(0);
    }

    /** Every nested block of this name, in order (none: an empty list). */
    public List<Block> blocks(String name) {
        List<Block> found = new ArrayList<>();
        JsonNode value = node.path(name);
        if (value.isArray()) {
            for (JsonNode item : value) {
                if (item.isObject()) {
                    found.add(new Block(address + "." + name, item));
                }
            }
        }
        return found;
    }

    @Override
    public String toString() {
        return address;
    }
}
