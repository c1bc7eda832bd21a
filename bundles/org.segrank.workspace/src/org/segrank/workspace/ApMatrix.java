package org.segrank.workspace;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.segrank.core.ModelId;

/**
 * Per-image, per-model AP for one dataset (split) and one evaluation settings hash: rows are
 * images by file name, columns are models by name then registration order. Immutable.
 */
public final class ApMatrix {
    /** What is known about one (image, model) pair. */
    public enum Cell {
        /** No result stored. */
        MISSING,
        /** A defined AP. */
        VALUE,
        /** Evaluated, AP undefined. */
        UNDEFINED,
        /** The evaluation failed; see the stored error text. */
        FAILED
    }

    private final String settingsHash;
    private final List<Image> images;
    private final List<RegisteredModel> models;
    private final Cell[][] cells;
    private final double[][] ap;
    private final Map<String, Integer> rowByFileName = new HashMap<>();

    ApMatrix(String settingsHash, List<Image> images, List<RegisteredModel> models, Cell[][] cells, double[][] ap) {
        this.settingsHash = settingsHash;
        this.images = List.copyOf(images);
        this.models = List.copyOf(models);
        this.cells = cells;
        this.ap = ap;
        for (int i = 0; i < images.size(); i++) {
            rowByFileName.put(images.get(i).fileName(), i);
        }
    }

    public String settingsHash() {
        return settingsHash;
    }

    /**
     * The same matrix with only these models as columns, in this order.
     *
     * @throws IllegalArgumentException naming a model that is not a column
     */
    public ApMatrix withModels(List<RegisteredModel> chosen) {
        Cell[][] newCells = new Cell[images.size()][chosen.size()];
        double[][] newAp = new double[images.size()][chosen.size()];
        for (int c = 0; c < chosen.size(); c++) {
            int column = -1;
            for (int m = 0; m < models.size(); m++) {
                if (models.get(m).id() == chosen.get(c).id()) {
                    column = m;
                }
            }
            if (column < 0) {
                throw new IllegalArgumentException("model " + chosen.get(c).qualifiedName() + " is not in the AP matrix");
            }
            for (int r = 0; r < images.size(); r++) {
                newCells[r][c] = cells[r][column];
                newAp[r][c] = ap[r][column];
            }
        }
        return new ApMatrix(settingsHash, images, chosen, newCells, newAp);
    }

    /** The rows. */
    public List<Image> images() {
        return images;
    }

    /** The columns. */
    public List<RegisteredModel> models() {
        return models;
    }

    public Cell cell(int imageIndex, int modelIndex) {
        return cells[imageIndex][modelIndex];
    }

    /** The AP of a {@link Cell#VALUE} cell; {@code NaN} for every other cell. */
    public double ap(int imageIndex, int modelIndex) {
        return ap[imageIndex][modelIndex];
    }

    /** The row of the image with this file name, or -1. */
    public int imageIndex(String fileName) {
        return rowByFileName.getOrDefault(Objects.requireNonNull(fileName), -1);
    }

    /**
     * The defined APs of one image, keyed by {@link RegisteredModel#modelId()} (name:version), in
     * column order; ready for {@code ModelRanking.byAp}.
     */
    public Map<ModelId, Double> apByModel(int imageIndex) {
        Map<ModelId, Double> row = new LinkedHashMap<>();
        for (int j = 0; j < models.size(); j++) {
            if (cells[imageIndex][j] == Cell.VALUE) {
                row.put(models.get(j).modelId(), ap[imageIndex][j]);
            }
        }
        return row;
    }

    /** How many cells are in the given state. */
    public int count(Cell state) {
        int count = 0;
        for (Cell[] row : cells) {
            for (Cell cell : row) {
                if (cell == state) {
                    count++;
                }
            }
        }
        return count;
    }
}
