package org.segrank.ui.parts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The application model wires every menu item to a command with a handler class that exists and can execute. */
class ApplicationModelTest {

    private static String model() throws Exception {
        try (InputStream in = ApplicationModelTest.class.getResourceAsStream("/Application.e4xmi")) {
            assertNotNull(in, "Application.e4xmi is in the bundle");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static List<String> all(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        List<String> out = new java.util.ArrayList<>();
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    @Test
    void everyHandlerClassExistsAndHasAnExecuteMethod() throws Exception {
        List<String> classes = all(model(), "contributionURI=\"bundleclass://org\\.segrank\\.ui/([\\w.]+Handler)\"");
        assertTrue(classes.size() >= 12, "handlers found: " + classes);
        for (String name : classes) {
            Class<?> type = Class.forName(name);
            boolean executes = false;
            for (Method method : type.getMethods()) {
                executes |= method.isAnnotationPresent(org.eclipse.e4.core.di.annotations.Execute.class);
            }
            assertTrue(executes, name + " has an @Execute method");
        }
    }

    @Test
    void everyMenuItemCommandHasExactlyOneHandlerAndTheRunMenuOffersTheJobs() throws Exception {
        String model = model();
        Set<String> handled = new HashSet<>(all(model, "<handlers [^>]*command=\"(\\w+)\""));
        for (String command : all(model, "HandledMenuItem[^>]*command=\"(\\w+)\"")) {
            assertTrue(handled.contains(command), "menu command " + command + " has a handler");
        }
        assertEquals(handled.size(), all(model, "<handlers [^>]*command=\"(\\w+)\"").size(), "one handler per command");
        for (String label : List.of("&amp;Build demo zoo...", "&amp;Evaluate models...", "Extract &amp;features...")) {
            assertTrue(model.contains("label=\"" + label + "\""), label);
        }
    }
}
