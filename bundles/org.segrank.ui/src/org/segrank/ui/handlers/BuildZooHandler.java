package org.segrank.ui.handlers;

import java.util.List;

import jakarta.inject.Named;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.widgets.Shell;
import org.segrank.segmenters.DemoZoo;
import org.segrank.ui.jobs.UiJobs;
import org.segrank.ui.workspace.UiWorkspace;
import org.segrank.workspace.DatasetSummary;

/** Run &gt; Build demo zoo...: {@code segrank zoo build} as a cancellable Job; finished models stay registered. */
public class BuildZooHandler {
    static final String FULL = "Full (about 5 minutes on 2 cores)";
    static final String QUICK = "Quick (CI size, a weaker zoo)";

    @Execute
    public void execute(@Named(IServiceConstants.ACTIVE_SHELL) Shell shell, IEventBroker broker) {
        List<String> datasets = DatasetDialogs.datasetNamesOrExplain(shell, "Build demo zoo", "Generate a particle corpus first (File > Generate particle corpus...).");
        if (datasets.isEmpty()) {
            return;
        }
        DatasetDialogs.Field dataset = DatasetDialogs.Field.choice("Generated corpus:", datasets);
        DatasetDialogs.Field size = DatasetDialogs.Field.choice("Training:", List.of(FULL, QUICK));
        DatasetDialogs dialog = new DatasetDialogs(shell, "Build demo zoo",
                "A base compact segmenter, then one model transfer-learned per fine-tuning subset (39 for a generated corpus).",
                List.of(dataset, size));
        if (dialog.open() != Window.OK) {
            return;
        }
        DemoZoo.Settings settings = FULL.equals(size.value) ? DemoZoo.Settings.defaults() : DemoZoo.Settings.quick();
        UiJobs.schedule("Building demo zoo from " + dataset.value, shell.getDisplay(), broker, monitor -> {
            monitor.beginTask("Building demo zoo", 1000);
            var slice = UiJobs.slice(monitor, "models");
            DemoZoo.Report report = new DemoZoo(UiWorkspace.get(), settings).build(dataset.value, (message, done, total) -> {
                slice.progress(done, total);
                monitor.subTask(message);
            }, monitor::isCanceled);
            monitor.done();
            return report.describe();
        });
    }
}
