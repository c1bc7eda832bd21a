package org.segrank.workspace;

import java.nio.file.Path;

/**
 * Run in a second JVM by {@link ConcurrentAccessTest}: opens the workspace that the test JVM
 * holds open (so it goes through H2's automatic mixed mode), reads what the parent wrote,
 * writes a dataset of its own and reports on stdout.
 */
public final class WorkspaceChildProcess {
    private WorkspaceChildProcess() {
    }

    public static void main(String[] args) throws Exception {
        try (Workspace workspace = Workspace.open(Path.of(args[0]))) {
            boolean seesParent = workspace.datasets().findByName("from-parent").isPresent();
            workspace.datasets().create(NewDataset.named("from-child"));
            System.out.println("sees-parent=" + seesParent);
            System.out.println("datasets=" + workspace.datasets().list().size());
        }
    }
}
