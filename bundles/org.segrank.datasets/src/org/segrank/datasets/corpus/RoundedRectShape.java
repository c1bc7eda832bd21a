package org.segrank.datasets.corpus;

/**
 * A square or rectangular crystal with rounded corners, a bright edge band (edge effect) and a faint
 * linear shading gradient.
 *
 * @param halfWidth half the side along {@code angle}, px
 * @param halfHeight half the other side, px
 * @param cornerRadius corner rounding radius, px, {@code <= min(halfWidth, halfHeight)}
 * @param angle rotation, radians
 * @param base scene value of the body
 * @param edge extra scene value at the edge, relative to {@code base}
 * @param edgeWidth width of the edge band, px
 * @param gradientX change of scene value per bounding radius along x (image frame), relative to {@code base}
 * @param gradientY same along y
 */
record RoundedRectShape(double centreX, double centreY, double halfWidth, double halfHeight, double cornerRadius,
        double angle, float base, float edge, float edgeWidth, float gradientX, float gradientY)
        implements CompactShape {

    @Override
    public double boundingRadius() {
        return Math.sqrt(halfWidth * halfWidth + halfHeight * halfHeight);
    }

    @Override
    public double meanRadius() {
        return Math.sqrt(nominalArea() / StrictMath.PI);
    }

    @Override
    public double nominalArea() {
        return 4 * halfWidth * halfHeight - (4 - StrictMath.PI) * cornerRadius * cornerRadius;
    }

    @Override
    public CompactShape movedTo(double x, double y) {
        return new RoundedRectShape(x, y, halfWidth, halfHeight, cornerRadius, angle, base, edge, edgeWidth,
                gradientX, gradientY);
    }

    @Override
    public int draw(Canvas canvas, int id) {
        double bound = boundingRadius();
        PixelBox box = PixelBox.aroundDisc(centreX, centreY, bound, canvas.width, canvas.height);
        if (box == null) {
            return 0;
        }
        float cos = (float) StrictMath.cos(angle);
        float sin = (float) StrictMath.sin(angle);
        float coreX = (float) (halfWidth - cornerRadius);
        float coreY = (float) (halfHeight - cornerRadius);
        float corner = (float) cornerRadius;
        float invBound = (float) (1 / bound);
        float invEdgeWidth = 1f / edgeWidth;
        float[] distance = canvas.distance;
        float[] shade = canvas.shade;
        for (int y = box.y0(); y < box.y1(); y++) {
            float dy = (float) (y + 0.5 - centreY);
            int row = y * canvas.width;
            for (int x = box.x0(); x < box.x1(); x++) {
                float dx = (float) (x + 0.5 - centreX);
                float qx = Math.abs(dx * cos + dy * sin) - coreX;
                float qy = Math.abs(dy * cos - dx * sin) - coreY;
                float ox = Math.max(qx, 0f);
                float oy = Math.max(qy, 0f);
                float d = (float) Math.sqrt(ox * ox + oy * oy) + Math.min(Math.max(qx, qy), 0f) - corner;
                int i = row + x;
                distance[i] = d;
                if (d < 0.5f) {
                    float depth = Math.max(-d, 0f) * invEdgeWidth;
                    float value = base * (0.85f + (gradientX * dx + gradientY * dy) * invBound)
                            + base * edge / (1f + depth * depth);
                    shade[i] = Math.max(0.05f, value);
                }
            }
        }
        return canvas.composite(id, box);
    }
}
