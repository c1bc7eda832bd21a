package org.segrank.datasets.corpus;

/**
 * A bread bubble: a void whose radius wobbles with angle ({@code r(theta) = radius * (1 + sum_k a_k
 * cos(k theta) + b_k sin(k theta))}, {@code k = 2..}), deeper (denser) towards the middle, with a dark
 * rim, the wall's shadow falling on one side, and texture.
 *
 * @param radius mean radius, px
 * @param cosines {@code a_2, a_3, ...}
 * @param sines {@code b_2, b_3, ...}
 * @param base scene value of the void
 * @param rim extra scene value at the outline, relative to {@code base}
 * @param rimWidth width of the rim, px
 * @param shadowX extra scene value at the outline in direction +x, relative to {@code base} (the shadow
 *        of the crumb wall; opposite side lighter)
 * @param shadowY same for direction +y
 * @param textureAmplitude texture amplitude, relative to {@code base}
 * @param salt selects the texture pattern
 * @param boundingRadius the largest {@code r(theta)}
 */
record BubbleShape(double centreX, double centreY, double radius, float[] cosines, float[] sines, float base,
        float rim, float rimWidth, float shadowX, float shadowY, float textureAmplitude, int salt,
        double boundingRadius) implements CompactShape {

    /** Feature size of the texture inside voids, px. */
    private static final float TEXTURE_SCALE = 3f;

    @Override
    public double meanRadius() {
        return radius;
    }

    @Override
    public double nominalArea() {
        return StrictMath.PI * radius * radius;
    }

    @Override
    public CompactShape movedTo(double x, double y) {
        return new BubbleShape(x, y, radius, cosines, sines, base, rim, rimWidth, shadowX, shadowY, textureAmplitude,
                salt, boundingRadius);
    }

    @Override
    public int draw(Canvas canvas, int id) {
        PixelBox box = PixelBox.aroundDisc(centreX, centreY, boundingRadius, canvas.width, canvas.height);
        if (box == null) {
            return 0;
        }
        float meanRadius = (float) radius;
        float invRimWidth = 1f / rimWidth;
        float invTexture = 1f / TEXTURE_SCALE;
        int harmonics = cosines.length;
        float[] distance = canvas.distance;
        float[] shade = canvas.shade;
        for (int y = box.y0(); y < box.y1(); y++) {
            float v = (float) (y + 0.5 - centreY);
            int row = y * canvas.width;
            for (int x = box.x0(); x < box.x1(); x++) {
                float u = (float) (x + 0.5 - centreX);
                float rho = (float) Math.sqrt(u * u + v * v);
                float cos1 = rho > 1e-4f ? u / rho : 1f;
                float sin1 = rho > 1e-4f ? v / rho : 0f;
                // cos(k theta), sin(k theta) by repeated rotation: no trigonometry per pixel.
                float cosK = cos1;
                float sinK = sin1;
                float wobble = 1f;
                for (int k = 0; k < harmonics; k++) {
                    float nextCos = cosK * cos1 - sinK * sin1;
                    sinK = sinK * cos1 + cosK * sin1;
                    cosK = nextCos;
                    wobble += cosines[k] * cosK + sines[k] * sinK;
                }
                float outline = meanRadius * wobble;
                float d = rho - outline;
                int i = row + x;
                distance[i] = d;
                if (d < 0.5f) {
                    float relative = rho / outline;
                    float depth = Math.max(-d, 0f) * invRimWidth;
                    float texture = Noise.lattice(u * invTexture, v * invTexture, salt);
                    float shadow = (shadowX * cos1 + shadowY * sin1) * relative;
                    float value = base * (0.8f + 0.15f * (1f - relative * relative) + shadow
                            + rim / (1f + depth * depth) + textureAmplitude * texture);
                    shade[i] = Math.max(0.05f, value);
                }
            }
        }
        return canvas.composite(id, box);
    }
}
