package org.segrank.ui.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.MultiStatus;
import org.junit.jupiter.api.Test;
import org.segrank.core.InvalidInputException;

class ErrorReportingTest {

    @Test
    void everyOffendingItemBecomesOneLineOfTheDialog() {
        InvalidInputException bad = new InvalidInputException("/data/run1", "",
                "2 invalid items:\n  a.png: mask size 7x7 differs from image 128x128\n  b.png: truncated PNG");
        MultiStatus status = ErrorReporting.toStatus(bad);
        assertTrue(status.getMessage().startsWith("Invalid input: /data/run1: 2 invalid items:"), status.getMessage());
        IStatus[] lines = status.getChildren();
        assertEquals(3, lines.length);
        assertEquals("a.png: mask size 7x7 differs from image 128x128", lines[1].getMessage());
        assertEquals("b.png: truncated PNG", lines[2].getMessage());
        assertEquals(null, status.getException(), "bad data is not a bug: no stack trace in the dialog");
    }

    @Test
    void aBugKeepsItsException() {
        IllegalStateException bug = new IllegalStateException("boom");
        MultiStatus status = ErrorReporting.toStatus(bug);
        assertTrue(status.getMessage().startsWith("Failed: boom"), status.getMessage());
        assertEquals(bug, status.getException());
    }
}
