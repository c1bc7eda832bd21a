package org.segrank.backbones;

import java.nio.file.Path;
import java.util.Locale;

import org.segrank.djl.DjlEngines;

/** The file formats of a backbone and the DJL engine that runs each. */
public enum BackboneFormat {
    /** A TorchScript archive ({@code torch.jit.trace} or {@code torch.jit.script}, then {@code save}). */
    TORCHSCRIPT("torchscript", DjlEngines.PYTORCH),
    /** An ONNX model. */
    ONNX("onnx", DjlEngines.ONNX_RUNTIME);

    private final String id;
    private final String engine;

    BackboneFormat(String id, String engine) {
        this.id = id;
        this.engine = engine;
    }

    /** {@code "torchscript"} or {@code "onnx"}, as recorded in the settings. */
    public String id() {
        return id;
    }

    /** The DJL engine name. */
    public String engine() {
        return engine;
    }

    /**
     * The format by file name: {@code .pt}, {@code .pth}, {@code .ts}, {@code .torchscript} are TorchScript,
     * {@code .onnx} is ONNX.
     *
     * @throws IllegalArgumentException for any other name, naming the file
     */
    public static BackboneFormat of(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".onnx")) {
            return ONNX;
        }
        if (name.endsWith(".pt") || name.endsWith(".pth") || name.endsWith(".ts") || name.endsWith(".torchscript")) {
            return TORCHSCRIPT;
        }
        throw new IllegalArgumentException("cannot tell the format of backbone file " + file
                + " from its name: use .pt (TorchScript) or .onnx (ONNX), or name the format");
    }

    /** The format by its {@link #id()}, case-insensitive; also accepts {@code "pt"}. */
    public static BackboneFormat parse(String text) {
        String id = text.strip().toLowerCase(Locale.ROOT);
        return switch (id) {
            case "torchscript", "pt" -> TORCHSCRIPT;
            case "onnx" -> ONNX;
            default -> throw new IllegalArgumentException("unknown backbone format '" + text
                    + "': use torchscript or onnx");
        };
    }
}
