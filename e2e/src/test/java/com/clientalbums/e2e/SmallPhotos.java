package com.clientalbums.e2e;

import com.clientalbums.local.demo.DemoPhotos;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.Random;

/**
 * Small JPEGs that still look like different photos (a gradient and a few blocks per number):
 * a 1,000-photo album in a few seconds. Some are portrait, as real albums have both.
 */
final class SmallPhotos {
    static {
        System.setProperty("java.awt.headless", "true");
        ImageIO.setUseCache(false);
    }

    private SmallPhotos() {}

    static byte[] jpeg(int number) {
        boolean portrait = number % 5 == 0;
        int w = portrait ? 200 : 300;
        int h = portrait ? 300 : 200;
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            float hue = (number * 0.0618f) % 1f;
            g.setPaint(new GradientPaint(0, 0, Color.getHSBColor(hue, 0.5f, 0.95f), w, h, Color.getHSBColor((hue + 0.2f) % 1f, 0.7f, 0.5f)));
            g.fillRect(0, 0, w, h);
            Random random = new Random(number);
            for (int i = 0; i < 6; i++) {
                g.setColor(Color.getHSBColor(random.nextFloat(), 0.35f, 1f));
                g.fillRect(random.nextInt(w), random.nextInt(h), 10 + random.nextInt(w / 3), 10 + random.nextInt(h / 3));
            }
        } finally {
            g.dispose();
        }
        return DemoPhotos.jpeg(image, 0.8f);
    }
}
