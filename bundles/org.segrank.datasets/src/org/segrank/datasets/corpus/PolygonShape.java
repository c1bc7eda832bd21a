package org.segrank.datasets.corpus;

/**
 * A mineral grain: a simple polygon shaded like a low pyramid ("hip roof": each pixel takes the facet
 * of its nearest edge, and each facet its own brightness) with two octaves of internal texture noise.
 *
 * @param xs vertex x offsets from the centre, px, in order around the centre
 * @param ys vertex y offsets
 * @param facet scene-value change of the facet of edge {@code (i - 1, i)}, relative to {@code base}
 * @param base scene value of the body
 * @param textureAmplitude texture noise amplitude, relative to {@code base}
 * @param textureScale texture feature size, px
 * @param salt selects the texture pattern
 * @param boundingRadius largest vertex distance from the centre
 * @param area polygon area, px^2
 */
record PolygonShape(double centreX, double centreY, float[] xs, float[] ys, float[] facet, float base,
        float textureAmplitude, float textureScale, int salt, double boundingRadius, double area)
        implements CompactShape {

    @Override
    public double meanRadius() {
        return Math.sqrt(area / StrictMath.PI);
    }

    @Override
    public double nominalArea() {
        return area;
    }

    @Override
    public CompactShape movedTo(double x, double y) {
        return new PolygonShape(x, y, xs, ys, facet, base, textureAmplitude, textureScale, salt, boundingRadius,
                area);
    }

    @Override
    public int draw(Canvas canvas, int id) {
        PixelBox box = PixelBox.aroundDisc(centreX, centreY, boundingRadius, canvas.width, canvas.height);
        if (box == null) {
            return 0;
        }
        int n = xs.length;
        float[] inverseLengthSquared = new float[n];
        for (int i = 0, j = n - 1; i < n; j = i, i++) {
            float ex = xs[j] - xs[i];
            float ey = ys[j] - ys[i];
            inverseLengthSquared[i] = 1f / (ex * ex + ey * ey);
        }
        float invScale = 1f / textureScale;
        float[] distance = canvas.distance;
        float[] shade = canvas.shade;
        for (int y = box.y0(); y < box.y1(); y++) {
            float py = (float) (y + 0.5 - centreY);
            int row = y * canvas.width;
            for (int x = box.x0(); x < box.x1(); x++) {
                float px = (float) (x + 0.5 - centreX);
                float nearestSquared = Float.MAX_VALUE;
                int nearest = 0;
                boolean inside = false;
                // Quilez's polygon distance: nearest edge plus an even-odd crossing test for the sign.
                for (int i = 0, j = n - 1; i < n; j = i, i++) {
                    float ex = xs[j] - xs[i];
                    float ey = ys[j] - ys[i];
                    float wx = px - xs[i];
                    float wy = py - ys[i];
                    float t = Math.min(1f, Math.max(0f, (wx * ex + wy * ey) * inverseLengthSquared[i]));
                    float bx = wx - ex * t;
                    float by = wy - ey * t;
                    float squared = bx * bx + by * by;
                    if (squared < nearestSquared) {
                        nearestSquared = squared;
                        nearest = i;
                    }
                    boolean below = py >= ys[i];
                    boolean above = py < ys[j];
                    boolean left = ex * wy > ey * wx;
                    if ((below && above && left) || (!below && !above && !left)) {
                        inside = !inside;
                    }
                }
                float unsigned = (float) Math.sqrt(nearestSquared);
                float d = inside ? -unsigned : unsigned;
                int index = row + x;
                distance[index] = d;
                if (d < 0.5f) {
                    float sx = px * invScale;
                    float sy = py * invScale;
                    float texture = Noise.lattice(sx, sy, salt) + 0.5f * Noise.lattice(2f * sx, 2f * sy, salt + 1);
                    float value = base * (1f + facet[nearest] + textureAmplitude * texture);
                    shade[index] = Math.max(0.05f, value);
                }
            }
        }
        return canvas.composite(id, box);
    }
}
