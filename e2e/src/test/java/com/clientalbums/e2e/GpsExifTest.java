package com.clientalbums.e2e;

import com.clientalbums.local.demo.DemoPhotos;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The test photos' GPS positions: ShareLinkTest's "no GPS" means something only if this finds the ones it writes. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class GpsExifTest {

    @Test
    void a_position_written_into_a_photo_is_found_there_and_the_photo_still_decodes() throws IOException {
        byte[] plain = DemoPhotos.jpeg(new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB), 0.9f);
        byte[] located = GpsExif.withPosition(plain, 51.5007, -0.1246);

        assertFalse(GpsExif.hasPosition(plain), "the JDK writes no EXIF");
        assertTrue(GpsExif.hasPosition(located));
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(located));
        assertEquals(64, decoded.getWidth());
        assertEquals(48, decoded.getHeight());
    }
}
