package org.segrank.ui.handlers;

import jakarta.inject.Named;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.widgets.Shell;
import org.osgi.framework.FrameworkUtil;

/** Help > About SegRank. */
public class AboutHandler {
    @Execute
    public void execute(@Named(IServiceConstants.ACTIVE_SHELL) Shell shell) {
        String version = FrameworkUtil.getBundle(AboutHandler.class).getVersion().toString();
        MessageDialog.openInformation(shell, "About SegRank",
                "SegRank " + version + "\n\nRanks a lab's instance-segmentation models for a particle image.\n"
                        + "Java " + System.getProperty("java.version") + ", " + System.getProperty("os.name") + " "
                        + System.getProperty("os.arch"));
    }
}
