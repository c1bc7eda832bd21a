package org.segrank.ui.selftest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.UIEvents;
import org.eclipse.e4.ui.workbench.IWorkbench;
import org.eclipse.e4.ui.workbench.lifecycle.PostContextCreate;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.e4.ui.workbench.modeling.EPartService.PartState;
import org.eclipse.swt.widgets.Display;
import org.segrank.metrics.coco.EvalParams;
import org.segrank.ui.parts.CocoEvaluationPart;
import org.segrank.ui.parts.DatasetsPart;
import org.segrank.ui.parts.ImageViewerPart;
import org.segrank.ui.parts.ModelsPart;
import org.segrank.ui.workspace.UiWorkspace;

/**
 * Product smoke test hook, inert unless {@code -Dsegrank.selftest.report=FILE} is given: once the
 * window is up it opens the COCO evaluation view, runs the same evaluation path as File > Evaluate
 * COCO results... on {@code segrank.selftest.gt}/{@code segrank.selftest.results}, sorts by AP as a
 * header click would, writes what the view shows to the report file, and closes the workbench.
 */
public class SelfTestLifeCycle {

    @PostContextCreate
    void register(IEclipseContext context, IEventBroker broker) {
        String report = System.getProperty("segrank.selftest.report");
        if (report == null || report.isBlank()) {
            return;
        }
        broker.subscribe(UIEvents.UILifeCycle.APP_STARTUP_COMPLETE, event -> Display.getDefault().asyncExec(() -> run(context, Path.of(report))));
    }

    private void run(IEclipseContext context, Path report) {
        List<String> lines = new ArrayList<>();
        IWorkbench workbench = context.get(IWorkbench.class);
        try {
            EPartService parts = workbench.getApplication().getContext().getActiveLeaf().get(EPartService.class);
            MPart part = parts.showPart(CocoEvaluationPart.ID, PartState.ACTIVATE);
            lines.add("part.label=" + part.getLabel());
            lines.add("window.title=" + Display.getDefault().getActiveShell().getText());
            CocoEvaluationPart view = (CocoEvaluationPart) part.getObject();
            int maxDets = Integer.getInteger("segrank.selftest.maxDets", EvalParams.defaults().maxDetections());
            view.evaluate(Path.of(System.getProperty("segrank.selftest.gt")), Path.of(System.getProperty("segrank.selftest.results")),
                    EvalParams.defaults().withMaxDets(maxDets), result -> {
                        lines.add("result=" + (result == null ? "none" : "ok"));
                        if (result != null) {
                            lines.add("summary.first=" + result.summaryText().lines().findFirst().orElse(""));
                            lines.add("rows=" + view.visibleRows().size());
                            view.clickColumn(4);
                            view.visibleRows().forEach(r -> lines.add("ascending\t" + r));
                            view.clickColumn(4);
                            view.visibleRows().forEach(r -> lines.add("descending\t" + r));
                        }
                        inspectWorkspaceViews(parts, lines);
                        // CNN-P training last: it replaces the weights the query's experiment extracted with
                        importThroughUserJob(context, lines, () -> evaluateThroughUserJob(context, lines,
                                () -> queryThroughView(context, lines, () -> registerExtractorThroughUserJob(context, lines,
                                        () -> experimentThroughUserJob(context, lines, () -> trainCnnPThroughUserJob(context, lines, () -> {
                                            write(report, lines);
                                            workbench.close();
                                        }))))));
                    });
        } catch (RuntimeException e) {
            lines.add("error=" + e);
            write(report, lines);
            workbench.close();
        }
    }

    /** Models, Datasets and Image views over the workspace the test prepared with the CLI. */
    private static void inspectWorkspaceViews(EPartService parts, List<String> lines) {
        try {
            ModelsPart models = (ModelsPart) parts.showPart(ModelsPart.ID, PartState.ACTIVATE).getObject();
            lines.add("models.rows=" + models.rowCount());
            DatasetsPart datasets = (DatasetsPart) parts.showPart(DatasetsPart.ID, PartState.ACTIVATE).getObject();
            lines.add("datasets.rows=" + datasets.datasetCount());
            List<org.segrank.workspace.DatasetSummary> summaries = UiWorkspace.get().datasets().list();
            if (!summaries.isEmpty()) {
                String name = summaries.get(0).dataset().name();
                List<org.segrank.workspace.Image> images = UiWorkspace.get().datasets().images(name, null);
                if (!images.isEmpty()) {
                    ImageViewerPart viewer = (ImageViewerPart) parts.showPart(ImageViewerPart.ID, PartState.ACTIVATE).getObject();
                    viewer.show(images.get(0));
                    lines.add("image.viewer=" + viewer.describe());
                }
            }
            org.segrank.ui.parts.ExperimentsPart experiments = (org.segrank.ui.parts.ExperimentsPart) parts
                    .showPart(org.segrank.ui.parts.ExperimentsPart.ID, PartState.ACTIVATE).getObject();
            List<Long> ids = experiments.rowIds();
            lines.add("experiments.rows=" + ids.size());
            if (ids.size() >= 2) {
                experiments.select(List.of(ids.get(ids.size() - 1)));
                lines.add("experiments.details.first=" + experiments.detailsText().lines().findFirst().orElse(""));
                lines.add("experiments.details.lines=" + experiments.detailsText().lines().count());
                experiments.select(ids.subList(ids.size() - 2, ids.size()));
                List<String> compared = experiments.detailsText().lines().toList();
                lines.add("experiments.compare.first=" + compared.get(0));
                lines.add("experiments.compare.combinations=" + (compared.size() - 1));
                lines.add("experiments.compare.allZero=" + compared.stream().skip(1).allMatch(l -> l.contains("+0.0000 [+0.0000, +0.0000]")));
            }
        } catch (RuntimeException e) {
            lines.add("workspace.views.error=" + e);
        }
    }

    /**
     * Runs an import the way File &gt; Import dataset... does (a user Job reporting to the status
     * bar), then records the job's result and what the Datasets view shows afterwards.
     */
    private static void importThroughUserJob(IEclipseContext context, List<String> lines, Runnable then) {
        String folder = System.getProperty("segrank.selftest.importFolder");
        if (folder == null) {
            then.run();
            return;
        }
        Display display = Display.getDefault();
        org.eclipse.core.runtime.jobs.Job job = org.segrank.ui.jobs.UiJobs.schedule("Importing self-test data", display,
                context.get(IEventBroker.class), monitor -> {
                    monitor.beginTask("Importing self-test data", 1000);
                    String summary = new org.segrank.datasets.io.DatasetImporter(UiWorkspace.get()).importInto("ui-import",
                            Path.of(folder), org.segrank.datasets.io.DatasetFormat.COCO_JSON,
                            org.segrank.datasets.io.ImportOptions.defaults(), org.segrank.ui.jobs.UiJobs.slice(monitor, "images"),
                            monitor::isCanceled).summary();
                    monitor.done();
                    return summary;
                });
        // the views reload on the workspace-changed event, delivered asynchronously: poll up to 10 s
        whenDone(job, display, lines, "job.result", () -> awaitDatasetRows(context, lines, then, 40));
    }

    /**
     * Runs Run &gt; Evaluate models...'s Job on {@code segrank.selftest.evaluate=DATASET:SPLIT} (the newest demo
     * zoo, two workers) and records its result.
     */
    private static void evaluateThroughUserJob(IEclipseContext context, List<String> lines, Runnable then) {
        String target = System.getProperty("segrank.selftest.evaluate");
        if (target == null || !target.contains(":")) {
            then.run();
            return;
        }
        Display display = Display.getDefault();
        String[] parts = target.split(":", 2);
        org.eclipse.core.runtime.jobs.Job job = org.segrank.ui.handlers.EvaluateModelsHandler.schedule(display,
                context.get(IEventBroker.class), parts[0], parts[1], org.segrank.segmenters.ModelSelection.ZOO, 2);
        whenDone(job, display, lines, "evaluate.result", then);
    }

    /**
     * Runs Run &gt; Train CNN-P...'s Job on {@code segrank.selftest.trainCnnP=DATASET} (one epoch) and records its
     * result.
     */
    private static void trainCnnPThroughUserJob(IEclipseContext context, List<String> lines, Runnable then) {
        String dataset = System.getProperty("segrank.selftest.trainCnnP");
        if (dataset == null) {
            then.run();
            return;
        }
        Display display = Display.getDefault();
        org.eclipse.core.runtime.jobs.Job job = org.segrank.ui.handlers.TrainCnnPHandler.schedule(display,
                context.get(IEventBroker.class), dataset, null,
                org.segrank.backbones.ClassifierFineTuning.Settings.defaults().withEpochs(1, 1));
        whenDone(job, display, lines, "trainCnnP.result", then);
    }

    /**
     * Runs Models &gt; Register feature extractor...'s Job on {@code segrank.selftest.registerExtractor=NAME=FILE} and
     * records its result and the extractor names the Run menus then offer.
     */
    private static void registerExtractorThroughUserJob(IEclipseContext context, List<String> lines, Runnable then) {
        String target = System.getProperty("segrank.selftest.registerExtractor");
        if (target == null || !target.contains("=")) {
            then.run();
            return;
        }
        String name = target.substring(0, target.indexOf('='));
        Path file = Path.of(target.substring(target.indexOf('=') + 1));
        Display display = Display.getDefault();
        org.eclipse.core.runtime.jobs.Job job = org.segrank.ui.handlers.RegisterExtractorHandler.schedule(display,
                context.get(IEventBroker.class), name, file, null);
        whenDone(job, display, lines, "registerExtractor.result", () -> {
            lines.add("extractor.choices=" + String.join(",", org.segrank.backbones.ExtractorCatalog.names(UiWorkspace.get())));
            then.run();
        });
    }

    /**
     * Runs Run &gt; Experiment...'s Job on {@code segrank.selftest.experiment=DATASET:EXTRACTOR,...} (the demo zoo, k 4
     * and 2) and records its result and the Experiments view's row count afterwards.
     */
    private static void experimentThroughUserJob(IEclipseContext context, List<String> lines, Runnable then) {
        String target = System.getProperty("segrank.selftest.experiment");
        if (target == null || !target.contains(":")) {
            then.run();
            return;
        }
        String dataset = target.substring(0, target.indexOf(':'));
        List<String> extractors = List.of(target.substring(target.indexOf(':') + 1).split(","));
        org.segrank.experiments.ExperimentConfig config = org.segrank.experiments.ExperimentConfig
                .paper("ui-experiment", dataset, List.of(), extractors, "-").withKs(List.of(4, 2)).withBootstrapSamples(200);
        Display display = Display.getDefault();
        org.eclipse.core.runtime.jobs.Job job = org.segrank.ui.handlers.RunExperimentHandler.schedule(display,
                context.get(IEventBroker.class), config, org.segrank.segmenters.ModelSelection.ZOO);
        whenDone(job, display, lines, "experiment.result", () -> {
            EPartService parts = context.get(IWorkbench.class).getApplication().getContext().getActiveLeaf().get(EPartService.class);
            org.segrank.ui.parts.ExperimentsPart view = (org.segrank.ui.parts.ExperimentsPart) parts
                    .showPart(org.segrank.ui.parts.ExperimentsPart.ID, PartState.ACTIVATE).getObject();
            view.refresh();
            List<Long> ids = view.rowIds();
            lines.add("experiments.rows.after.run=" + ids.size());
            view.select(List.of(ids.get(0)));
            lines.add("experiments.newest.extractors=" + view.detailsText().lines()
                    .filter(l -> l.startsWith("configuration: ")).findFirst().orElse(""));
            then.run();
        });
    }

    /**
     * When a menu's Job is done: records the first line of its result as {@code key=...}, then runs {@code next} on the
     * UI thread.
     */
    private static void whenDone(org.eclipse.core.runtime.jobs.Job job, Display display, List<String> lines, String key,
            Runnable next) {
        job.addJobChangeListener(new org.eclipse.core.runtime.jobs.JobChangeAdapter() {
            @Override
            public void done(org.eclipse.core.runtime.jobs.IJobChangeEvent event) {
                lines.add(key + "=" + event.getResult().getMessage().lines().findFirst().orElse(""));
                display.asyncExec(next);
            }
        });
    }

    /** Opens the Query view on {@code segrank.selftest.query=IMAGE} and records its answer (polls up to 60 s). */
    private static void queryThroughView(IEclipseContext context, List<String> lines, Runnable then) {
        String image = System.getProperty("segrank.selftest.query");
        if (image == null) {
            then.run();
            return;
        }
        EPartService parts = context.get(IWorkbench.class).getApplication().getContext().getActiveLeaf().get(EPartService.class);
        org.segrank.ui.parts.QueryPart view = (org.segrank.ui.parts.QueryPart) parts.showPart(org.segrank.ui.parts.QueryPart.ID,
                PartState.ACTIVATE).getObject();
        view.query(Path.of(image));
        awaitQuery(view, lines, then, 240);
    }

    private static void awaitQuery(org.segrank.ui.parts.QueryPart view, List<String> lines, Runnable then, int triesLeft) {
        String shown = view.describe();
        if (!shown.equals("nothing") || triesLeft == 0) {
            lines.add("query.view=" + shown);
            then.run();
        } else {
            Display.getDefault().timerExec(250, () -> awaitQuery(view, lines, then, triesLeft - 1));
        }
    }

    private static void awaitDatasetRows(IEclipseContext context, List<String> lines, Runnable then, int triesLeft) {
        EPartService parts = context.get(IWorkbench.class).getApplication().getContext().getActiveLeaf().get(EPartService.class);
        DatasetsPart datasets = (DatasetsPart) parts.showPart(DatasetsPart.ID, PartState.ACTIVATE).getObject();
        int expected = UiWorkspace.get().datasets().list().size();
        if (datasets.datasetCount() == expected || triesLeft == 0) {
            lines.add("datasets.rows.after.import=" + datasets.datasetCount());
            then.run();
        } else {
            Display.getDefault().timerExec(250, () -> awaitDatasetRows(context, lines, then, triesLeft - 1));
        }
    }

    private static void write(Path report, List<String> lines) {
        try {
            Files.write(report, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            System.err.println("segrank self-test: cannot write " + report + ": " + e);
        }
    }
}
