package org.segrank.datasets.corpus;

/**
 * A hair: a polyline of tapered capsules with per-point radius, shaded like an absorbing cylinder
 * (scene value grows with the chord length through it) with a lighter central medulla.
 *
 * @param xs point x coordinates, px (may lie outside the image)
 * @param ys point y coordinates
 * @param radii half-width at each point, px
 * @param base scene value on the axis
 * @param medulla scene value removed on the axis, relative to {@code base}
 * @param length polyline length, px
 */
record FibreShape(float[] xs, float[] ys, float[] radii, float base, float medulla, double length)
        implements ParticleShape {

    @Override
    public double nominalArea() {
        double sum = 0;
        for (float r : radii) {
            sum += r;
        }
        return length * 2 * sum / radii.length;
    }

    @Override
    public int draw(Canvas canvas, int id) {
        canvas.beginPiecewiseShape();
        float[] distance = canvas.distance;
        float[] shade = canvas.shade;
        for (int s = 0; s + 1 < xs.length; s++) {
            float ax = xs[s];
            float ay = ys[s];
            float ex = xs[s + 1] - ax;
            float ey = ys[s + 1] - ay;
            float ra = radii[s];
            float rb = radii[s + 1];
            float reach = Math.max(ra, rb);
            PixelBox box = PixelBox.covering(Math.min(ax, ax + ex) - reach, Math.min(ay, ay + ey) - reach,
                    Math.max(ax, ax + ex) + reach, Math.max(ay, ay + ey) + reach, canvas.width, canvas.height);
            if (box == null) {
                continue;
            }
            float lengthSquared = ex * ex + ey * ey;
            float invLengthSquared = lengthSquared > 1e-12f ? 1f / lengthSquared : 0f;
            for (int y = box.y0(); y < box.y1(); y++) {
                float wy = y + 0.5f - ay;
                int row = y * canvas.width;
                for (int x = box.x0(); x < box.x1(); x++) {
                    float wx = x + 0.5f - ax;
                    float t = Math.min(1f, Math.max(0f, (wx * ex + wy * ey) * invLengthSquared));
                    float bx = wx - ex * t;
                    float by = wy - ey * t;
                    float axis = (float) Math.sqrt(bx * bx + by * by);
                    float r = ra + (rb - ra) * t;
                    float d = axis - r;
                    int i = row + x;
                    canvas.touch(i);
                    if (d < distance[i]) {
                        distance[i] = d;
                        float across = Math.min(1f, axis / r);
                        float chord = (float) Math.sqrt(1f - across * across);
                        float core = Math.max(0f, 1f - 11f * across * across);
                        shade[i] = base * (0.5f + 0.5f * chord - medulla * core);
                    }
                }
            }
        }
        return canvas.compositeTouched(id);
    }
}
