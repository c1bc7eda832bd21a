/**
 * Dataset import, validation and export: particle images with ground-truth instance masks, from a lab's
 * folder or the corpus generator, into a workspace dataset (and back out as COCO).
 *
 * <h2>Entry points</h2>
 * <ul>
 * <li>{@link org.segrank.datasets.io.DatasetImporter#importInto} imports a folder into a dataset;
 * {@link org.segrank.datasets.io.DatasetImporter#validate} checks one without a workspace
 * ({@code segrank dataset validate}).</li>
 * <li>{@link org.segrank.datasets.io.DatasetExporter#export} writes a dataset as COCO JSON + images +
 * {@code splits.csv}.</li>
 * <li>{@link org.segrank.datasets.io.ImportBenchmark} measures import throughput.</li>
 * </ul>
 *
 * <h2>Layouts ({@link org.segrank.datasets.io.DatasetFormat})</h2>
 * If the dataset folder has an {@code images/} sub-folder, images are the files below it (any depth) and
 * their dataset file name is their path relative to {@code images/} ({@code images/run1/a.png} becomes
 * {@code run1/a.png}). Otherwise images are the files below the dataset folder itself, named relative to it.
 * Image files are recognised by extension: {@code .png .jpg .jpeg .tif .tiff .bmp} are read; other raster
 * extensions ({@code .gif .webp .jp2 .pgm ...}) are reported as unsupported; all other files (CSV, JSON, text)
 * are ignored, as are hidden files and folders (name starting with {@code .}) and {@code __MACOSX}.
 * <table class="striped">
 * <caption>Where the ground truth of {@code images/<path>/<stem>.<ext>} (or {@code <path>/<stem>.<ext>}) is</caption>
 * <tr><th>format</th><th>with {@code images/}</th><th>without {@code images/}</th></tr>
 * <tr><td>MASK_PAIRS</td><td>{@code masks/<path>/<stem>.*}</td><td>{@code <path>/<stem>_mask.*}</td></tr>
 * <tr><td>LABEL_PNGS</td><td>{@code labels/<path>/<stem>.*}</td><td>{@code <path>/<stem>_label.*}</td></tr>
 * <tr><td>COCO_JSON</td><td colspan="2">{@code annotations.json} in the folder (or its only {@code *.json}, or
 * the file given with {@link org.segrank.datasets.io.ImportOptions#withCocoJson}); each {@code file_name} is
 * relative to {@code images/} if that exists (falling back to the folder), else to the folder</td></tr>
 * </table>
 * A mask or label image may have another extension than its image ({@code a.jpg} + {@code masks/a.png});
 * if several match, the one with the image's extension is taken, else the image is refused as ambiguous. A
 * {@code label_file} or {@code mask_file} column in the split CSV overrides the rule per image. The corpus
 * generator's folder ({@code images/}, {@code labels/}, {@code manifest.csv}) is a LABEL_PNGS folder as is.
 *
 * <h2>Ground truth</h2>
 * <ul>
 * <li><b>Masks</b> (MASK_PAIRS, the paper's format): particles white, background black. Every pixel must be
 * 0 or one foreground value, 255 or 1 (or the bit depth's maximum, e.g. 65535); one mask must not mix them.
 * There is no tolerance for other values: grey pixels mean an anti-aliased or lossy mask, and thresholding
 * would silently move particle boundaries. Masks must be lossless (PNG, TIFF, BMP; JPEG is refused); colour
 * masks are accepted if every pixel is grey. Instances are the <b>8-connected</b> components of the
 * foreground (pixels touching at an edge or a corner belong together, like OpenCV's
 * {@code connectedComponents} and scikit-image's {@code label}), in raster order of their first pixel.
 * <b>Touching particles therefore merge into ONE instance</b>: this format cannot separate them; use label
 * images or COCO when they matter.</li>
 * <li><b>Label images</b> (LABEL_PNGS): single-channel 8- or 16-bit greyscale, 0 = background, every other
 * value one instance (its pixels need not be connected), in ascending value order.</li>
 * <li><b>COCO</b>: read with {@code CocoJson.readGroundTruth} (polygons, uncompressed and compressed RLE,
 * {@code iscrowd}); polygons are rasterised like pycocotools; the {@code area} and {@code bbox} fields are
 * kept when present (else the mask's); the category is the category's name ({@code category-<id>} when it
 * is blank). An image whose size differs from its entry is refused. Images in the folder that the JSON
 * does not list are ignored.</li>
 * <li>Mask and label instances get the category {@link org.segrank.datasets.io.ImportOptions#category()}
 * ({@code particle} by default). Every instance is stored as a COCO compressed RLE of the image's size with
 * its area, bounding box and {@code iscrowd}.</li>
 * </ul>
 *
 * <h2>Splits, classes, regimes</h2>
 * See {@link org.segrank.datasets.io.ImportOptions}: from a CSV ({@code manifest.csv} or {@code splits.csv}
 * in the folder by default; header with {@code file,split[,class][,regime]}, other columns ignored; the
 * {@code file} may be given relative to the dataset folder or to the image folder; UTF-8, a BOM is allowed),
 * from folder names ({@code <split>/<image>} or {@code <split>/<class>/<image>} below the image folder; the
 * folder names stay part of the file name; {@code finetune:<subset>} folders need a file system that allows
 * {@code :}, otherwise use a CSV), or one split for all images. Every image must get a valid split
 * ({@code candidate}, {@code query}, {@code classification-train}, {@code finetune:<subset>}, ...).
 *
 * <h2>Validation (each problem is reported with the file it concerns)</h2>
 * Unreadable, truncated or corrupt images and masks (PNG chunk CRCs and the end chunk are checked; JPEG
 * truncation warnings count as errors), unsupported formats, images or masks over the pixel limit (100
 * megapixels by default; read from the header before decoding, so decompression bombs cost nothing), mask
 * size different from the image, non-binary masks, missing or ambiguous masks, images without a split or a
 * CSV row, CSV rows naming missing files, duplicate content (same sha256) or file names equal ignoring case,
 * paths leaving the dataset folder ({@code ..}, absolute paths, symbolic links pointing outside; links to
 * folders are not followed), and clashes with images already in the dataset. The import guarantees
 * (all-or-nothing, skip invalid, idempotent re-import, cancellation) are listed on
 * {@link org.segrank.datasets.io.DatasetImporter}.
 */
package org.segrank.datasets.io;
