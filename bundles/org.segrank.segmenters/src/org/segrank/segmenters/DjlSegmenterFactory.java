package org.segrank.segmenters;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.segrank.djl.DjlEngines;
import org.segrank.djl.InstancePrediction;
import org.segrank.djl.ModelSettings;
import org.segrank.djl.SegmentationModel;
import org.segrank.djl.SegmentationModels;
import org.segrank.evaluation.InstanceSegmenter;
import org.segrank.evaluation.PredictedInstance;
import org.segrank.evaluation.SegmenterFactory;
import org.segrank.evaluation.SegmenterGroup;
import org.segrank.workspace.ArtifactVerification;
import org.segrank.workspace.ModelFormat;
import org.segrank.workspace.RegisteredModel;
import org.segrank.workspace.Workspace;

/**
 * Opens registered models with DJL: ONNX and TorchScript Mask R-CNNs through the adapters of org.segrank.djl
 * (with the registry's input size, normalisation and thresholds), and SegRank's compact segmenters (format
 * {@code djl}, architecture {@value CompactModelFile#ARCHITECTURE}). Every artifact is re-hashed against the
 * registry before it is loaded, so a corrupt or swapped file is refused by name. Compact models that share an
 * encoder are grouped: the runner then encodes each image once for all of them.
 */
public final class DjlSegmenterFactory implements SegmenterFactory {

    @Override
    public InstanceSegmenter open(Workspace workspace, RegisteredModel model) throws Exception {
        Path artifact = verifiedArtifact(workspace, model);
        DjlEngines.ensureInitialized();
        if (model.format() == ModelFormat.DJL) {
            return CompactSegmenters.single(readCompact(workspace, model));
        }
        ModelSettings settings = ModelSettings.fromRegistry(model.inputWidth(), model.inputHeight(),
                model.normalizationMean(), model.normalizationStd(), model.scoreThreshold(), model.maskThreshold(),
                model.labelFilter());
        return new PooledMaskRcnn(artifact, model.format().id(), settings);
    }

    @Override
    public List<List<RegisteredModel>> groups(Workspace workspace, List<RegisteredModel> models) throws Exception {
        Map<String, List<RegisteredModel>> byEncoder = new LinkedHashMap<>();
        List<List<RegisteredModel>> groups = new ArrayList<>();
        for (RegisteredModel model : models) {
            String key = compactGroupKey(workspace, model);
            if (key == null) {
                groups.add(List.of(model));
            } else {
                byEncoder.computeIfAbsent(key, k -> new ArrayList<>()).add(model);
            }
        }
        for (List<RegisteredModel> group : byEncoder.values()) {
            groups.add(List.copyOf(group));
        }
        return groups;
    }

    @Override
    public SegmenterGroup openGroup(Workspace workspace, List<RegisteredModel> group) throws Exception {
        List<CompactModelFile> files = new ArrayList<>();
        for (RegisteredModel model : group) {
            verifiedArtifact(workspace, model);
            files.add(readCompact(workspace, model));
        }
        DjlEngines.ensureInitialized();
        return CompactSegmenters.group(group, files);
    }

    /** Encoder digest and working side of a readable compact model, else {@code null} (opened alone, errors then). */
    private static String compactGroupKey(Workspace workspace, RegisteredModel model) {
        if (model.format() != ModelFormat.DJL || !CompactModelFile.ARCHITECTURE.equals(model.architecture())
                || !model.hasArtifact()) {
            return null;
        }
        try {
            CompactModelFile file = readCompact(workspace, model);
            return file.encoderDigest() + "@" + file.workingSide();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static CompactModelFile readCompact(Workspace workspace, RegisteredModel model) throws IOException {
        if (!CompactModelFile.ARCHITECTURE.equals(model.architecture())) {
            throw new IOException(model.qualifiedName() + ": format djl is only supported for architecture "
                    + CompactModelFile.ARCHITECTURE + ", not '" + model.architecture() + "'");
        }
        try (InputStream in = workspace.open(model.artifactSha256())) {
            return CompactModelFile.read(in, model.qualifiedName() + " (" + model.artifactSha256() + ")");
        }
    }

    private static Path verifiedArtifact(Workspace workspace, RegisteredModel model) throws IOException {
        if (!model.hasArtifact()) {
            throw new IOException(model.qualifiedName() + " has no artifact (metadata-only model): nothing to run");
        }
        ArtifactVerification check = workspace.models().verify(model.qualifiedName());
        if (!check.isOk()) {
            throw new IOException(check.message());
        }
        return check.path();
    }

    /**
     * A Mask R-CNN for several workers: DJL predictors are not re-entrant, so each worker thread takes a loaded
     * copy from a pool (loaded on first need) and returns it; at most one copy per concurrent worker exists.
     */
    private static final class PooledMaskRcnn implements InstanceSegmenter {
        private final Path artifact;
        private final String format;
        private final ModelSettings settings;
        private final ConcurrentLinkedQueue<SegmentationModel> idle = new ConcurrentLinkedQueue<>();
        private final List<SegmentationModel> all = java.util.Collections.synchronizedList(new ArrayList<>());

        PooledMaskRcnn(Path artifact, String format, ModelSettings settings) throws IOException {
            this.artifact = artifact;
            this.format = format;
            this.settings = settings;
            idle.add(load()); // fail at open, not on the first image
        }

        private SegmentationModel load() throws IOException {
            SegmentationModel model = SegmentationModels.load(artifact, format, settings);
            all.add(model);
            return model;
        }

        @Override
        public List<PredictedInstance> segment(BufferedImage image) throws Exception {
            SegmentationModel model = idle.poll();
            if (model == null) {
                model = load();
            }
            try {
                List<InstancePrediction> predictions = model.predict(image);
                List<PredictedInstance> out = new ArrayList<>(predictions.size());
                for (InstancePrediction p : predictions) {
                    out.add(new PredictedInstance(p.score(), p.mask()));
                }
                return out;
            } finally {
                idle.add(model);
            }
        }

        @Override
        public void close() {
            synchronized (all) {
                all.forEach(SegmentationModel::close);
                all.clear();
            }
            idle.clear();
        }
    }
}
