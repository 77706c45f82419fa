package com.clientalbums.previews.render;

import com.clientalbums.testing.SharedRules;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Java side of {@code watermark_geometry}: the studio's live preview checks the same cases. */
class WatermarkPlacementTest {

    @Test
    void everyCaseOfTheSharedRuleIsPlacedWhereTheRuleSays() {
        JsonNode rule = SharedRules.rule("watermark_geometry");
        assertEquals(WatermarkPlacement.MARGIN_PERCENT, rule.get("margin_percent").asInt());
        List<org.junit.jupiter.api.function.Executable> checks = new ArrayList<>();
        for (JsonNode c : rule.withArray("cases")) {
            WatermarkPlacement.Box expected = new WatermarkPlacement.Box(c.get("box").get(0).asInt(), c.get("box").get(1).asInt(),
                    c.get("box").get(2).asInt(), c.get("box").get(3).asInt());
            // "top-left" and the like, as the album's setting writes them.
            WatermarkPlacement.Anchor anchor = WatermarkPlacement.Anchor.valueOf(c.get("position").asText().toUpperCase(Locale.ROOT).replace('-', '_'));
            checks.add(() -> assertEquals(expected, WatermarkPlacement.place(c.get("image").get(0).asInt(), c.get("image").get(1).asInt(),
                    c.get("mark").get(0).asDouble(), c.get("mark").get(1).asDouble(), c.get("size").asInt(), anchor), c.toString()));
        }
        assertTrue(checks.size() >= 50, "the fixture lists its cases: " + checks.size());
        assertAll(checks);
    }
}
