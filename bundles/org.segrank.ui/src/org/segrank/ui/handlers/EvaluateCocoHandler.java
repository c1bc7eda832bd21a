package org.segrank.ui.handlers;

import java.nio.file.Path;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.e4.ui.workbench.modeling.EPartService.PartState;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.InputDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Shell;
import org.segrank.metrics.coco.CocoFileEvaluation;
import org.segrank.metrics.coco.EvalParams;
import org.segrank.ui.parts.CocoEvaluationPart;

import jakarta.inject.Named;

import org.eclipse.e4.ui.services.IServiceConstants;

/** File > Evaluate COCO results...: choose ground truth, results and maxDets, then run the evaluation Job. */
public class EvaluateCocoHandler {

    @Execute
    public void execute(@Named(IServiceConstants.ACTIVE_SHELL) Shell shell, EPartService partService) {
        Path groundTruth = choose(shell, "Choose the ground truth (COCO instances JSON)");
        if (groundTruth == null) {
            return;
        }
        Path results = choose(shell, "Choose the detection results (COCO results JSON)");
        if (results == null) {
            return;
        }
        int defaultMaxDets = EvalParams.defaults().maxDetections();
        InputDialog maxDets = new InputDialog(shell, "Maximum detections per image",
                "Detections kept per image, highest scores first: N (> 10, meaning 1,10,N) or A,B,C.\n"
                        + "COCO's 100 is too few for dense particle images.",
                Integer.toString(defaultMaxDets), text -> {
                    try {
                        CocoFileEvaluation.withMaxDetsSetting(EvalParams.defaults(), text);
                        return null;
                    } catch (IllegalArgumentException e) {
                        return e.getMessage();
                    }
                });
        if (maxDets.open() != IDialogConstants.OK_ID) {
            return;
        }
        EvalParams params = CocoFileEvaluation.withMaxDetsSetting(EvalParams.defaults(), maxDets.getValue());
        MPart part = partService.showPart(CocoEvaluationPart.ID, PartState.ACTIVATE);
        ((CocoEvaluationPart) part.getObject()).evaluate(groundTruth, results, params, null);
    }

    private static Path choose(Shell shell, String title) {
        FileDialog dialog = new FileDialog(shell, SWT.OPEN);
        dialog.setText(title);
        dialog.setFilterExtensions(new String[] { "*.json", "*" });
        dialog.setFilterNames(new String[] { "COCO JSON (*.json)", "All files" });
        String chosen = dialog.open();
        return chosen == null ? null : Path.of(chosen);
    }
}
