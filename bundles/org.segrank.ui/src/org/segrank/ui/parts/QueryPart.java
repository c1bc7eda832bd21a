package org.segrank.ui.parts;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.dnd.DND;
import org.eclipse.swt.dnd.DropTarget;
import org.eclipse.swt.dnd.DropTargetAdapter;
import org.eclipse.swt.dnd.DropTargetEvent;
import org.eclipse.swt.dnd.FileTransfer;
import org.eclipse.swt.dnd.Transfer;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.segrank.backbones.ExtractorCatalog;
import org.segrank.experiments.ExperimentStore;
import org.segrank.experiments.QueryService;
import org.segrank.features.FeatureExtractor;
import org.segrank.ui.workspace.UiWorkspace;

/**
 * Which model for this image? Choose or drop an image: its features are compared with the representatives of the
 * newest finished experiment (its dataset, models, first extractor and k), and the view shows the ranked models, the
 * query beside its nearest representative, and the representative's ground-truth masks. The ranking is computed by
 * {@link QueryService}, as {@code segrank query} does.
 */
public class QueryPart {
    public static final String ID = "org.segrank.ui.part.query";

    private Display display;
    private Label caption;
    private Canvas queryCanvas;
    private Canvas representativeCanvas;
    private Table ranking;
    private org.eclipse.swt.graphics.Image queryImage;
    private org.eclipse.swt.graphics.Image representativeImage;
    private String lastDescription = "nothing";

    @PostConstruct
    public void create(Composite parent) {
        display = parent.getDisplay();
        GridLayoutFactory.fillDefaults().numColumns(2).margins(4, 4).applyTo(parent);
        Button choose = new Button(parent, SWT.PUSH);
        choose.setText("Choose image...");
        choose.addListener(SWT.Selection, e -> {
            FileDialog dialog = new FileDialog(parent.getShell(), SWT.OPEN);
            dialog.setFilterExtensions(new String[] { "*.png;*.jpg;*.jpeg;*.tif;*.tiff;*.bmp", "*.*" });
            String file = dialog.open();
            if (file != null) {
                query(Path.of(file));
            }
        });
        caption = new Label(parent, SWT.WRAP);
        caption.setText("Choose or drop a particle image to rank the models for it (needs a finished experiment).");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(caption);
        queryCanvas = canvas(parent, () -> queryImage);
        representativeCanvas = canvas(parent, () -> representativeImage);
        ranking = new Table(parent, SWT.BORDER | SWT.FULL_SELECTION);
        ranking.setHeaderVisible(true);
        for (String[] column : new String[][] { { "Rank", "50" }, { "Model", "320" }, { "Score", "90" }, { "AP on representative (0-1)", "180" } }) {
            TableColumn c = new TableColumn(ranking, SWT.LEFT);
            c.setText(column[0]);
            c.setWidth(Integer.parseInt(column[1]));
        }
        GridDataFactory.fillDefaults().grab(true, true).span(2, 1).hint(SWT.DEFAULT, 200).applyTo(ranking);
        DropTarget drop = new DropTarget(parent, DND.DROP_COPY | DND.DROP_DEFAULT);
        drop.setTransfer(new Transfer[] { FileTransfer.getInstance() });
        drop.addDropListener(new DropTargetAdapter() {
            @Override
            public void drop(DropTargetEvent event) {
                if (event.data instanceof String[] files && files.length > 0) {
                    query(Path.of(files[0]));
                }
            }
        });
    }

    private Canvas canvas(Composite parent, java.util.function.Supplier<org.eclipse.swt.graphics.Image> image) {
        Canvas canvas = new Canvas(parent, SWT.DOUBLE_BUFFERED | SWT.BORDER);
        GridDataFactory.fillDefaults().grab(true, true).hint(256, 256).applyTo(canvas);
        canvas.addPaintListener(e -> ImageViewerPart.paintFitted(e.gc, canvas, image.get()));
        return canvas;
    }

    /** Ranks the models for the image file and shows the answer; errors are shown in the caption. */
    public void query(Path file) {
        caption.setText("Ranking models for " + file.getFileName() + " ...");
        Thread worker = new Thread(() -> {
            try {
                java.awt.image.BufferedImage pixels = javax.imageio.ImageIO.read(file.toFile());
                if (pixels == null) {
                    throw new IllegalArgumentException(file + " is not an image SegRank reads");
                }
                ExperimentStore.StoredExperiment experiment = new ExperimentStore(UiWorkspace.get().dataSource()).list().stream()
                        .filter(e -> e.status().equals("finished")).reduce((a, b) -> b)
                        .orElseThrow(() -> new IllegalStateException("no finished experiment: Run > Experiment... first"));
                FeatureExtractor extractor = ExtractorCatalog.open(experiment.config().extractors().get(0), null, UiWorkspace.get(),
                        experiment.config().dataset());
                QueryService.Answer answer;
                try {
                    answer = new QueryService(UiWorkspace.get()).rank(experiment.config(), extractor, experiment.config().ks().get(0), 0,
                            pixels);
                } finally {
                    ExtractorCatalog.close(extractor);
                }
                display.asyncExec(() -> show(file, answer, experiment.id()));
            } catch (Exception | LinkageError e) {
                display.asyncExec(() -> {
                    lastDescription = "error " + e.getMessage();
                    caption.setText("Cannot rank models for " + file.getFileName() + ": " + e.getMessage());
                    caption.getParent().layout();
                });
            }
        }, "segrank-query");
        worker.setDaemon(true);
        worker.start();
    }

    private void show(Path file, QueryService.Answer answer, long experimentId) {
        if (caption.isDisposed()) {
            return;
        }
        disposeImages();
        try {
            queryImage = new org.eclipse.swt.graphics.Image(display, new ImageLoader().load(file.toString())[0]);
            try (InputStream in = UiWorkspace.get().open(answer.nearestRepresentative().sha256())) {
                ImageData base = new ImageLoader().load(in)[0];
                representativeImage = new org.eclipse.swt.graphics.Image(display, ImageViewerPart.overlay(base,
                        UiWorkspace.get().datasets().instances(answer.nearestRepresentative().id())));
            }
        } catch (IOException | RuntimeException e) {
            caption.setText("Cannot show the images: " + e.getMessage());
        }
        ranking.removeAll();
        List<QueryService.RankedModel> ranked = answer.ranking();
        for (int i = 0; i < ranked.size(); i++) {
            QueryService.RankedModel r = ranked.get(i);
            TableItem item = new TableItem(ranking, SWT.NONE);
            item.setText(new String[] { Integer.toString(i + 1), r.model().qualifiedName(), String.format(Locale.ROOT, "%.4f", r.score()),
                    String.format(Locale.ROOT, "%.4f", r.representativeAp()) });
        }
        caption.setText(String.format(Locale.ROOT, "%s (left) is nearest to %s (right, ground truth shown): cosine similarity %.4f, "
                + "%s, %d representatives, experiment %d", file.getFileName(), answer.nearestRepresentative().fileName(),
                answer.similarity(), answer.extractor(), answer.representatives(), experimentId));
        lastDescription = "nearest=" + answer.nearestRepresentative().fileName() + " rows=" + ranked.size() + " best="
                + ranked.get(0).model().qualifiedName();
        caption.getParent().layout();
        queryCanvas.redraw();
        representativeCanvas.redraw();
    }

    /** What the view shows, for the product smoke test. */
    public String describe() {
        return lastDescription;
    }

    private void disposeImages() {
        if (queryImage != null) {
            queryImage.dispose();
            queryImage = null;
        }
        if (representativeImage != null) {
            representativeImage.dispose();
            representativeImage = null;
        }
    }

    @PreDestroy
    public void dispose() {
        disposeImages();
    }
}
