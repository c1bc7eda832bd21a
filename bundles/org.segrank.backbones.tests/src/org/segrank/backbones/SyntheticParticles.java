package org.segrank.backbones;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.SplittableRandom;

/**
 * Reproducible grey test images of five particle kinds on a noisy background: 0 bright discs, 1 dark discs on a
 * light background, 2 bright squares, 3 bright rods, 4 many small bright dots.
 */
final class SyntheticParticles {

    static final String[] KINDS = {"bright-discs", "dark-discs", "squares", "rods", "dots"};

    private SyntheticParticles() {
    }

    static BufferedImage image(int kind, int width, int height, long seed) {
        SplittableRandom random = new SplittableRandom(seed * 31 + kind);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            int background = kind == 1 ? random.nextInt(170, 220) : random.nextInt(20, 70);
            g.setColor(new Color(background, background, background));
            g.fillRect(0, 0, width, height);
            int count = kind == 4 ? random.nextInt(40, 80) : random.nextInt(4, 10);
            for (int i = 0; i < count; i++) {
                int level = kind == 1 ? random.nextInt(10, 70) : random.nextInt(160, 256);
                g.setColor(new Color(level, level, level));
                double cx = random.nextDouble(width);
                double cy = random.nextDouble(height);
                double r = kind == 4 ? random.nextDouble(1.5, 3.5) : random.nextDouble(6, 16) * width / 128.0;
                AffineTransform saved = g.getTransform();
                g.rotate(random.nextDouble(Math.PI), cx, cy);
                switch (kind) {
                    case 2 -> g.fill(new Rectangle2D.Double(cx - r, cy - r, 2 * r, 2 * r));
                    case 3 -> g.fill(new Rectangle2D.Double(cx - 2.5 * r, cy - r / 3, 5 * r, 2 * r / 3));
                    default -> g.fill(new Ellipse2D.Double(cx - r, cy - r, 2 * r, 2 * r));
                }
                g.setTransform(saved);
            }
        } finally {
            g.dispose();
        }
        var raster = image.getRaster();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int v = raster.getSample(x, y, 0) + random.nextInt(-10, 11);
                raster.setSample(x, y, 0, Math.max(0, Math.min(255, v)));
            }
        }
        return image;
    }
}
