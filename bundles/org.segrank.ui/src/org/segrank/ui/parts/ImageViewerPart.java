package org.segrank.ui.parts;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.SplittableRandom;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.PaletteData;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.segrank.metrics.mask.Rle;
import org.segrank.ui.workspace.UiWorkspace;
import org.segrank.workspace.GtInstance;
import org.segrank.workspace.Image;

/**
 * Shows one dataset image from the workspace store with its ground-truth instances drawn over
 * it, one colour per instance (crowd regions hatched grey), scaled to fit the view.
 */
public class ImageViewerPart {
    public static final String ID = "org.segrank.ui.part.imageViewer";

    private Display display;
    private Label caption;
    private Canvas canvas;
    private Button overlayToggle;
    private org.eclipse.swt.graphics.Image plain;
    private org.eclipse.swt.graphics.Image overlaid;
    private Image shown;
    private int instanceCount;

    @PostConstruct
    public void create(Composite parent) {
        display = parent.getDisplay();
        GridLayoutFactory.fillDefaults().numColumns(2).margins(4, 4).applyTo(parent);
        caption = new Label(parent, SWT.NONE);
        caption.setText("Double-click an image in the Datasets view.");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(caption);
        overlayToggle = new Button(parent, SWT.CHECK);
        overlayToggle.setText("Ground truth");
        overlayToggle.setSelection(true);
        overlayToggle.addListener(SWT.Selection, e -> canvas.redraw());
        canvas = new Canvas(parent, SWT.DOUBLE_BUFFERED | SWT.BORDER);
        GridDataFactory.fillDefaults().grab(true, true).span(2, 1).applyTo(canvas);
        canvas.addPaintListener(e -> paint(e.gc));
    }

    /** Loads the image and its instances and shows them. */
    public void show(Image image) {
        disposeImages();
        shown = image;
        try (InputStream in = UiWorkspace.get().open(image.sha256())) {
            ImageData base = new ImageLoader().load(in)[0];
            List<GtInstance> instances = UiWorkspace.get().datasets().instances(image.id());
            instanceCount = instances.size();
            plain = new org.eclipse.swt.graphics.Image(display, base);
            overlaid = new org.eclipse.swt.graphics.Image(display, overlay(base, instances));
            caption.setText(image.fileName() + "  " + image.width() + "x" + image.height() + "  split " + image.split()
                    + (image.classLabel() == null ? "" : "  class " + image.classLabel()) + "  " + instanceCount + " instances");
        } catch (IOException | RuntimeException e) {
            caption.setText("Cannot show " + image.fileName() + ": " + e.getMessage());
        }
        caption.getParent().layout();
        canvas.redraw();
    }

    /** The image as 24-bit RGB with each instance tinted (45%) in its own colour. */
    static ImageData overlay(ImageData base, List<GtInstance> instances) {
        int width = base.width;
        int height = base.height;
        ImageData rgb = new ImageData(width, height, 24, new PaletteData(0xFF0000, 0x00FF00, 0x0000FF));
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                RGB c = base.palette.getRGB(base.getPixel(x, y));
                rgb.setPixel(x, y, (c.red << 16) | (c.green << 8) | c.blue);
            }
        }
        SplittableRandom colours = new SplittableRandom(7);
        for (GtInstance instance : instances) {
            if (instance.rleHeight() != height || instance.rleWidth() != width) {
                continue;
            }
            boolean[] mask = Rle.fromCompressedString(instance.rleCounts(), height, width).decodeRowMajor();
            float hue = (float) colours.nextDouble(360);
            RGB tint = instance.iscrowd() ? new RGB(128, 128, 128) : new RGB(hue, 0.9f, 1f);
            for (int i = 0; i < mask.length; i++) {
                if (mask[i] && (!instance.iscrowd() || ((i % width) + i / width) % 6 < 2)) {
                    int x = i % width;
                    int y = i / width;
                    int p = rgb.getPixel(x, y);
                    int r = (int) (0.55 * ((p >> 16) & 0xFF) + 0.45 * tint.red);
                    int g = (int) (0.55 * ((p >> 8) & 0xFF) + 0.45 * tint.green);
                    int b = (int) (0.55 * (p & 0xFF) + 0.45 * tint.blue);
                    rgb.setPixel(x, y, (r << 16) | (g << 8) | b);
                }
            }
        }
        return rgb;
    }

    private void paint(GC gc) {
        paintFitted(gc, canvas, overlayToggle.getSelection() ? overlaid : plain);
    }

    /** Draws the image scaled to fit the canvas, centred, keeping its aspect ratio (nothing for none). */
    static void paintFitted(GC gc, Canvas canvas, org.eclipse.swt.graphics.Image image) {
        if (image == null || image.isDisposed()) {
            return;
        }
        Rectangle area = canvas.getClientArea();
        Rectangle bounds = image.getBounds();
        double scale = Math.min(area.width / (double) bounds.width, area.height / (double) bounds.height);
        int w = Math.max(1, (int) (bounds.width * scale));
        int h = Math.max(1, (int) (bounds.height * scale));
        gc.drawImage(image, 0, 0, bounds.width, bounds.height, (area.width - w) / 2, (area.height - h) / 2, w, h);
    }

    /** What the viewer shows, for the product smoke test. */
    public String describe() {
        return shown == null ? "nothing" : shown.fileName() + " instances=" + instanceCount + " overlay=" + (overlaid != null);
    }

    private void disposeImages() {
        if (plain != null) {
            plain.dispose();
            plain = null;
        }
        if (overlaid != null) {
            overlaid.dispose();
            overlaid = null;
        }
    }

    @PreDestroy
    public void dispose() {
        disposeImages();
    }
}
