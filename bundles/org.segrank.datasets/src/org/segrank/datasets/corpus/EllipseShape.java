package org.segrank.datasets.corpus;

/**
 * A bead: an ellipse with a darker ring towards its edge (scene value rising with the fourth power of
 * the normalised radius) and a highlight spot offset towards the light.
 *
 * @param semiMajor the larger semi-axis, px
 * @param semiMinor the smaller semi-axis, px, {@code <= semiMajor}
 * @param angle direction of the major axis, radians
 * @param base scene value of the particle body
 * @param ring extra scene value at the rim, relative to {@code base}
 * @param highlight scene value removed at the highlight's centre, relative to {@code base}
 * @param highlightX highlight offset in units of the mean radius (image frame: the light is fixed)
 * @param highlightY see {@code highlightX}
 */
record EllipseShape(double centreX, double centreY, double semiMajor, double semiMinor, double angle, float base,
        float ring, float highlight, float highlightX, float highlightY) implements CompactShape {

    @Override
    public double boundingRadius() {
        return semiMajor;
    }

    @Override
    public double meanRadius() {
        return Math.sqrt(semiMajor * semiMinor);
    }

    @Override
    public double nominalArea() {
        return StrictMath.PI * semiMajor * semiMinor;
    }

    @Override
    public CompactShape movedTo(double x, double y) {
        return new EllipseShape(x, y, semiMajor, semiMinor, angle, base, ring, highlight, highlightX, highlightY);
    }

    @Override
    public int draw(Canvas canvas, int id) {
        PixelBox box = PixelBox.aroundDisc(centreX, centreY, semiMajor, canvas.width, canvas.height);
        if (box == null) {
            return 0;
        }
        float cos = (float) StrictMath.cos(angle);
        float sin = (float) StrictMath.sin(angle);
        float invA = (float) (1 / semiMajor);
        float invB = (float) (1 / semiMinor);
        float invA2 = invA * invA;
        float invB2 = invB * invB;
        float inner = (float) -semiMinor;
        float invMean = (float) (1 / meanRadius());
        float[] distance = canvas.distance;
        float[] shade = canvas.shade;
        for (int y = box.y0(); y < box.y1(); y++) {
            float dy = (float) (y + 0.5 - centreY);
            int row = y * canvas.width;
            for (int x = box.x0(); x < box.x1(); x++) {
                float dx = (float) (x + 0.5 - centreX);
                float u = dx * cos + dy * sin;
                float v = dy * cos - dx * sin;
                float nu = u * invA;
                float nv = v * invB;
                float k0 = (float) Math.sqrt(nu * nu + nv * nv);
                float k1 = (float) Math.sqrt(u * invA2 * (u * invA2) + v * invB2 * (v * invB2));
                // Quilez's first-order ellipse distance: exact sign, accurate near the outline.
                float d = k1 > 1e-6f ? k0 * (k0 - 1f) / k1 : inner;
                int i = row + x;
                distance[i] = d;
                if (d < 0.5f) {
                    float rho2 = k0 * k0;
                    float value = base * (0.65f + ring * rho2 * rho2);
                    float sx = dx * invMean - highlightX;
                    float sy = dy * invMean - highlightY;
                    float spot = 1f - 5f * (sx * sx + sy * sy);
                    if (spot > 0f) {
                        value -= base * highlight * spot * spot;
                    }
                    shade[i] = Math.max(0.05f, value);
                }
            }
        }
        return canvas.composite(id, box);
    }
}
