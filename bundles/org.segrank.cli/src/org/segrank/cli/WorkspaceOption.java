package org.segrank.cli;

import java.io.IOException;
import java.nio.file.Path;

import org.segrank.core.Workspaces;
import org.segrank.workspace.Workspace;

import picocli.CommandLine.Option;

/** The {@code --workspace DIR} option shared by every command that reads or writes the workspace. */
final class WorkspaceOption {
    @Option(names = "--workspace", paramLabel = "DIR", description = "Workspace folder (default: $SEGRANK_WORKSPACE or ~/.segrank).")
    Path workspace;

    Path directory() {
        return Workspaces.resolve(workspace);
    }

    /** Opens (creating and migrating when new) the workspace; the caller closes it. */
    Workspace open() throws IOException {
        return Workspace.open(directory());
    }
}
