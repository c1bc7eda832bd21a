package org.segrank.workspace;

import java.util.regex.Pattern;

/**
 * The split (role) of an image inside its dataset. Any name matching {@link #PATTERN} is allowed;
 * these are the ones SegRank itself uses.
 */
public final class ImageSplits {
    /** Images with class labels that train the image classifier / feature extractor. */
    public static final String CLASSIFICATION_TRAIN = "classification-train";
    /** Representative images whose per-model AP is known: the ranking's search space. */
    public static final String CANDIDATE = "candidate";
    /** Images to recommend a model for (held out in experiments). */
    public static final String QUERY = "query";
    /** Prefix of the fine-tuning subsets, e.g. {@code finetune:small-particles}. */
    public static final String FINETUNE_PREFIX = "finetune:";

    /** Lowercase role name, optionally followed by {@code :<subset>}. */
    public static final Pattern PATTERN = Pattern.compile("[a-z0-9][a-z0-9._-]*(:[A-Za-z0-9][A-Za-z0-9._+-]*)?");
    public static final int MAX_LENGTH = 100;

    private ImageSplits() {
    }

    /** The split of the images a model was fine-tuned on. */
    public static String finetune(String subset) {
        String split = FINETUNE_PREFIX + subset;
        if (!isValid(split)) {
            throw new IllegalArgumentException("not a valid fine-tuning subset name: '" + subset + "'");
        }
        return split;
    }

    public static boolean isValid(String split) {
        return split != null && split.length() <= MAX_LENGTH && PATTERN.matcher(split).matches();
    }
}
