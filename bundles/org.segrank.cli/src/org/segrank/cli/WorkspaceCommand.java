package org.segrank.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import org.segrank.workspace.BackupSummary;
import org.segrank.workspace.CheckReport;
import org.segrank.workspace.Workspace;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "workspace", description = "Workspace maintenance: info, backup, check.",
        subcommands = { WorkspaceCommand.Info.class, WorkspaceCommand.Backup.class, WorkspaceCommand.Check.class },
        synopsisSubcommandLabel = "COMMAND")
final class WorkspaceCommand extends CommandGroup {

    @Command(name = "info", description = "Where the workspace is and how many rows each table holds.")
    static final class Info implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        WorkspaceOption workspace;
        @Option(names = "--json", description = "JSON output.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            try (Workspace ws = workspace.open()) {
                Map<String, Object> info = new LinkedHashMap<>();
                info.put("directory", ws.directory());
                info.put("tables", new LinkedHashMap<>(ws.maintenance().rowCounts()));
                PrintWriter out = spec.commandLine().getOut();
                if (json) {
                    Output.json(out, info);
                } else {
                    out.println("Workspace " + ws.directory());
                    ws.maintenance().rowCounts().forEach((table, rows) -> out.printf("  %-22s %d%n", table, rows));
                }
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "backup", description = "Writes the database and every stored file into one zip (consistent while others use the workspace).")
    static final class Backup implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        WorkspaceOption workspace;
        @Option(names = "--out", required = true, paramLabel = "FILE.zip", description = "Backup file to write.")
        Path out;

        @Override
        public Integer call() throws Exception {
            try (Workspace ws = workspace.open()) {
                BackupSummary summary = ws.maintenance().backup(out);
                spec.commandLine().getOut().printf("Backup %s: %d bytes, %d stored files, %d tables%n", summary.file(),
                        summary.sizeBytes(), summary.storeFiles(), summary.rowCounts().size());
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "check", description = {
            "Re-hashes every stored artifact against its checksum, lists files the database references but the store lacks,",
            "and orphans (stored files nothing references). Exit 3 when something is corrupt or missing." })
    static final class Check implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        WorkspaceOption workspace;

        @Override
        public Integer call() throws Exception {
            try (Workspace ws = workspace.open()) {
                CheckReport report = ws.maintenance().check();
                spec.commandLine().getOut().println(report.describe());
                return report.corrupt().isEmpty() && report.missing().isEmpty() ? ExitCodes.OK : ExitCodes.INVALID_INPUT;
            }
        }
    }
}
