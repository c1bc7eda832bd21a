package org.segrank.datasets.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

import org.segrank.core.InvalidInputException;
import org.segrank.datasets.corpus.CorpusSpec;
import org.segrank.datasets.corpus.CorpusWriter;
import org.segrank.datasets.corpus.ParticleImageGenerator;
import org.segrank.workspace.NewDataset;
import org.segrank.workspace.Workspace;

/**
 * {@code segrank dataset generate} and File &gt; Generate particle corpus...: writes the seeded
 * particle corpus to a folder in the importer's label-PNG layout, then imports that folder like
 * any lab dataset, so generated data takes exactly the path of real data. Both steps resume: the
 * writer skips finished images and the import is idempotent, so a killed run is simply rerun.
 */
public final class GeneratedDataset {

    /** Which step is running, for progress displays. */
    public enum Phase { GENERATING, IMPORTING }

    /** Progress of both phases. */
    @FunctionalInterface
    public interface Progress {
        void progress(Phase phase, int done, int total);
    }

    /** What was written and imported. */
    public record Result(CorpusWriter.Summary written, ImportReport imported, Path folder) {
    }

    private GeneratedDataset() {
    }

    /** The folder a corpus of this dataset is written to when none is given: {@code <workspace>/corpora/<name>}. */
    public static Path defaultFolder(Workspace workspace, String datasetName) {
        return workspace.directory().resolve("corpora").resolve(datasetName);
    }

    public static Result generate(Workspace workspace, String datasetName, CorpusSpec spec, Path folder,
            Progress progress, BooleanSupplier cancelRequested) throws IOException {
        if (workspace.datasets().findByName(datasetName).isEmpty()) {
            String settings = String.format(Locale.ROOT,
                    "{\"classification\":%d,\"candidates\":%d,\"queries\":%d,\"finetunePerSubset\":%d,\"width\":%d,\"height\":%d}",
                    spec.classificationImages(), spec.candidateImages(), spec.queryImages(), spec.fineTuningImagesPerRegime(),
                    spec.width(), spec.height());
            workspace.datasets().create(NewDataset.named(datasetName)
                    .withDescription("Generated particle corpus (5 kinds, 39 fine-tuning regimes)")
                    .withSource(folder.toAbsolutePath().toString())
                    .withGenerator("segrank-particle-corpus " + ParticleImageGenerator.VERSION, spec.masterSeed(), settings));
        }
        CorpusWriter.Summary written;
        try {
            written = new CorpusWriter().write(spec, folder, (done, total) -> progress.progress(Phase.GENERATING, done, total),
                    cancelRequested);
        } catch (IllegalStateException e) {
            throw new InvalidInputException(folder.toString(), "", e.getMessage(), e);
        }
        if (cancelRequested.getAsBoolean()) {
            throw new CancellationException();
        }
        ImportReport imported = new DatasetImporter(workspace).importInto(datasetName, folder, DatasetFormat.LABEL_PNGS,
                ImportOptions.defaults(), (done, total) -> progress.progress(Phase.IMPORTING, done, total), cancelRequested);
        return new Result(written, imported, folder);
    }
}
