package com.clientalbums.previews.job;

import com.clientalbums.common.album.Watermark;
import com.clientalbums.previews.render.WatermarkPlacement;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class WatermarkLogosTest {

    @Test
    void everyPositionTheStudioOffersIsDrawnAtTheAnchorOfTheSameNameWithItsSizeAndOpacity() {
        for (Watermark.Position position : Watermark.Position.values()) {
            WatermarkPlacement.Style style = WatermarkLogos.style(new Watermark(Watermark.Kind.TEXT, "PROOF", null, position, 25, 40, false));
            assertEquals(position.name(), style.anchor().name());
            assertEquals(25, style.sizePercent());
            assertEquals(40, style.opacityPercent());
        }
    }
}
