package org.segrank.cli;

/**
 * Process exit codes of {@code segrank}. They are part of the CLI contract (documented in
 * README.md) so batch scripts can tell a typo from bad data from a broken machine.
 */
public final class ExitCodes {
    /** The command did what was asked. */
    public static final int OK = 0;
    /** An unexpected internal error; the message and stack trace go to stderr. */
    public static final int INTERNAL_ERROR = 1;
    /** Wrong command line: unknown command or option, missing or malformed argument. */
    public static final int USAGE = 2;
    /** Input data rejected: unreadable file, malformed JSON/CSV, inconsistent ids, bad masks. */
    public static final int INVALID_INPUT = 3;
    /** The run was cancelled or interrupted before it finished. */
    public static final int CANCELLED = 4;
    /** {@code doctor} found a problem that stops SegRank from working on this machine. */
    public static final int ENVIRONMENT = 5;

    private ExitCodes() {
    }
}
