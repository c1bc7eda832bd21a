package org.segrank.ui.handlers;

import java.util.List;

import jakarta.inject.Named;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.widgets.Shell;
import org.segrank.datasets.corpus.CorpusSpec;
import org.segrank.datasets.io.GeneratedDataset;
import org.segrank.ui.jobs.UiJobs;
import org.segrank.ui.workspace.UiWorkspace;

/** File &gt; Generate particle corpus...: {@code segrank dataset generate} as a cancellable, resumable Job. */
public class GenerateCorpusHandler {
    static final String FULL = "Paper size: 449 classification, 250 candidates, 275 queries, 39 x 24 fine-tuning, 512 px";
    static final String QUICK = "Quick: 50 classification, 40 candidates, 40 queries, 39 x 6 fine-tuning, 256 px";

    @Execute
    public void execute(@Named(IServiceConstants.ACTIVE_SHELL) Shell shell, IEventBroker broker) {
        DatasetDialogs.Field name = DatasetDialogs.Field.text("Dataset name:", "particles");
        DatasetDialogs.Field size = DatasetDialogs.Field.choice("Size:", List.of(QUICK, FULL));
        DatasetDialogs.Field seed = DatasetDialogs.Field.text("Seed:", Long.toString(CorpusSpec.defaults().masterSeed()));
        DatasetDialogs dialog = new DatasetDialogs(shell, "Generate particle corpus",
                "Seeded synthetic micrographs with exact instance masks (bread bubbles, fibres, minerals, round, square).",
                List.of(name, size, seed));
        if (dialog.open() != Window.OK) {
            return;
        }
        CorpusSpec spec = (FULL.equals(size.value) ? CorpusSpec.defaults() : CorpusSpec.quick())
                .withMasterSeed(Long.parseLong(seed.value));
        UiJobs.schedule("Generating corpus " + name.value, shell.getDisplay(), broker, monitor -> {
            monitor.beginTask("Generating corpus " + name.value, 2000);
            var generating = UiJobs.slice(monitor, "images generated");
            var importing = UiJobs.slice(monitor, "images imported");
            GeneratedDataset.Result result = GeneratedDataset.generate(UiWorkspace.get(), name.value, spec,
                    GeneratedDataset.defaultFolder(UiWorkspace.get(), name.value),
                    (phase, done, total) -> (phase == GeneratedDataset.Phase.GENERATING ? generating : importing)
                            .progress(done, total),
                    monitor::isCanceled);
            monitor.done();
            return result.imported().summary();
        });
    }
}
