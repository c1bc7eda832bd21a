package org.segrank.retrieval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.FilterCodec;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.KnnVectorsReader;
import org.apache.lucene.codecs.KnnVectorsWriter;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.codecs.perfield.PerFieldKnnVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SegmentReadState;
import org.apache.lucene.index.SegmentWriteState;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * Approximate cosine-similarity search with Apache Lucene's HNSW graph, for pools too large for
 * {@link ExactCosineIndex}. Vectors are normalised once and indexed in memory (a {@link ByteBuffersDirectory})
 * as {@link KnnFloatVectorField}s with {@link VectorSimilarityFunction#DOT_PRODUCT} (equal to cosine on unit
 * vectors, without Lucene re-normalising at every comparison); the graph is built on the first search after
 * adding, by {@code threads} indexing threads and a merge to one segment whose graph merge uses the same number
 * of workers. Similarities come back from Lucene's score {@code (1 + cos) / 2}.
 *
 * <p>Recall depends on {@code maxConn} (graph degree, Lucene's default 16), {@code beamWidth} (construction
 * candidate list, default 100) and {@code efSearch} (candidates examined per query, at least {@code topN}). The
 * graph uses random levels and, with several threads, a thread-dependent insertion order, so results vary
 * slightly between builds.
 *
 * <p>Building costs on the order of {@code beamWidth * log(n)} distance evaluations per vector, far more than
 * {@link ExactCosineIndex} indexing; it pays off only when many queries go to a large pool. Lucene computes
 * distances with scalar code unless the JVM is started with {@code --add-modules jdk.incubator.vector}.
 */
public final class HnswCosineIndex implements VectorIndex, AutoCloseable {
    /** Lucene's default maximum dimension is 1024; this index accepts larger vectors. */
    public static final int MAX_DIMENSION = 16384;
    public static final int DEFAULT_MAX_CONN = 16;
    public static final int DEFAULT_BEAM_WIDTH = 100;
    public static final int DEFAULT_EF_SEARCH = 100;

    private static final String VECTOR = "v";
    private static final String ID = "id";

    private final int dimension;
    private final int maxConn;
    private final int beamWidth;
    private final int efSearch;
    private final int threads;
    private final List<float[]> pending = new ArrayList<>();
    private final List<Integer> pendingIds = new ArrayList<>();
    private int size;
    private ByteBuffersDirectory directory;
    private DirectoryReader reader;
    private IndexSearcher searcher;
    /** External id of each document, by leaf then doc id. */
    private int[][] leafIds;
    private boolean closed;

    /** An index with Lucene's default graph settings, {@value #DEFAULT_EF_SEARCH} candidates per query. */
    public HnswCosineIndex(int dimension) {
        this(dimension, DEFAULT_MAX_CONN, DEFAULT_BEAM_WIDTH, DEFAULT_EF_SEARCH, 0);
    }

    /**
     * @param dimension vector length, 1 .. {@value #MAX_DIMENSION}
     * @param maxConn HNSW graph degree, 1 .. 512
     * @param beamWidth construction candidate list, 1 .. 3200
     * @param efSearch candidates examined per query (at least {@code topN} are), {@code >= 1}
     * @param threads indexing and merge threads and batch-search threads, {@code <= 0} for all processors
     */
    public HnswCosineIndex(int dimension, int maxConn, int beamWidth, int efSearch, int threads) {
        if (dimension < 1 || dimension > MAX_DIMENSION) {
            throw new IllegalArgumentException("dimension must be in 1.." + MAX_DIMENSION + ", got " + dimension);
        }
        if (maxConn < 1 || maxConn > Lucene99HnswVectorsFormat.MAXIMUM_MAX_CONN) {
            throw new IllegalArgumentException("maxConn must be in 1.." + Lucene99HnswVectorsFormat.MAXIMUM_MAX_CONN
                    + ", got " + maxConn);
        }
        if (beamWidth < 1 || beamWidth > Lucene99HnswVectorsFormat.MAXIMUM_BEAM_WIDTH) {
            throw new IllegalArgumentException("beamWidth must be in 1.."
                    + Lucene99HnswVectorsFormat.MAXIMUM_BEAM_WIDTH + ", got " + beamWidth);
        }
        if (efSearch < 1) {
            throw new IllegalArgumentException("efSearch must be >= 1, got " + efSearch);
        }
        this.dimension = dimension;
        this.maxConn = maxConn;
        this.beamWidth = beamWidth;
        this.efSearch = efSearch;
        this.threads = threads;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public void add(int id, float[] vector) {
        checkOpen();
        double norm = Vectors.checkedNorm(vector, dimension, "vector (id " + id + ")");
        pending.add(Vectors.normalised(vector, norm));
        pendingIds.add(id);
        size++;
    }

    @Override
    public void addAll(int[] ids, float[][] vectors) {
        checkOpen();
        if (ids == null || vectors == null) {
            throw new IllegalArgumentException("ids and vectors must not be null");
        }
        if (ids.length != vectors.length) {
            throw new IllegalArgumentException("got " + ids.length + " ids for " + vectors.length + " vectors");
        }
        float[][] unit = new float[vectors.length][];
        for (int i = 0; i < vectors.length; i++) {
            double norm = Vectors.checkedNorm(vectors[i], dimension, "vector row " + i + " (id " + ids[i] + ")");
            unit[i] = Vectors.normalised(vectors[i], norm);
        }
        for (int i = 0; i < vectors.length; i++) {
            pending.add(unit[i]);
            pendingIds.add(ids[i]);
        }
        size += vectors.length;
    }

    /** Builds (or extends) the graph now rather than at the next search. */
    public void build() {
        checkOpen();
        if (pending.isEmpty() && searcher != null) {
            return;
        }
        int workers = Parallel.resolve(threads);
        ExecutorService mergeExecutor = workers > 1 ? Executors.newFixedThreadPool(workers, runnable -> {
            Thread thread = new Thread(runnable, "segrank-hnsw-merge");
            thread.setDaemon(true);
            return thread;
        }) : null;
        try {
            if (directory == null) {
                directory = new ByteBuffersDirectory();
            }
            KnnVectorsFormat format = new WideFormat(new Lucene99HnswVectorsFormat(maxConn, beamWidth,
                    mergeExecutor == null ? 1 : workers, mergeExecutor));
            IndexWriterConfig config = new IndexWriterConfig();
            config.setCodec(new GraphCodec(Codec.getDefault(), format));
            config.setRAMBufferSizeMB(Math.min(1024, Math.max(64, Runtime.getRuntime().maxMemory() / (8L << 20))));
            config.setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
            config.setCommitOnClose(true);
            try (IndexWriter writer = new IndexWriter(directory, config); Parallel parallel = Parallel.open(threads)) {
                int n = pending.size();
                int chunk = Math.max(1, (n + workers - 1) / workers);
                parallel.run(Parallel.tasks(n, chunk), t -> {
                    int end = Math.min(n, (t + 1) * chunk);
                    try {
                        for (int i = t * chunk; i < end; i++) {
                            Document doc = new Document();
                            doc.add(new KnnFloatVectorField(VECTOR, pending.get(i),
                                    VectorSimilarityFunction.DOT_PRODUCT));
                            doc.add(new NumericDocValuesField(ID, pendingIds.get(i)));
                            writer.addDocument(doc);
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                writer.forceMerge(1);
            }
            pending.clear();
            pendingIds.clear();
            if (reader != null) {
                reader.close();
            }
            reader = DirectoryReader.open(directory);
            searcher = new IndexSearcher(reader);
            List<LeafReaderContext> leaves = reader.leaves();
            leafIds = new int[leaves.size()][];
            for (LeafReaderContext leaf : leaves) {
                int[] map = new int[leaf.reader().maxDoc()];
                NumericDocValues values = leaf.reader().getNumericDocValues(ID);
                for (int doc = values.nextDoc(); doc != NumericDocValues.NO_MORE_DOCS; doc = values.nextDoc()) {
                    map[doc] = (int) values.longValue();
                }
                leafIds[leaf.ord] = map;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not build the HNSW index", e);
        } finally {
            if (mergeExecutor != null) {
                mergeExecutor.shutdownNow();
            }
        }
    }

    @Override
    public List<Hit> search(float[] query, int topN) {
        if (query == null) {
            throw new IllegalArgumentException("query is null");
        }
        return searchBatch(new float[][] { query }, topN).get(0);
    }

    @Override
    public List<List<Hit>> searchBatch(float[][] queries, int topN) {
        checkOpen();
        float[][] unit = Vectors.normalisedQueries(queries, dimension, topN);
        int nq = unit.length;
        List<List<Hit>> results = new ArrayList<>(nq);
        if (size == 0) {
            for (int q = 0; q < nq; q++) {
                results.add(List.of());
            }
            return results;
        }
        build();
        List<List<Hit>> hits = new ArrayList<>(java.util.Collections.nCopies(nq, (List<Hit>) null));
        int candidates = Math.max(topN, efSearch);
        try (Parallel parallel = Parallel.open(threads)) {
            parallel.run(nq, q -> hits.set(q, searchOne(unit[q], topN, candidates)));
        }
        results.addAll(hits);
        return results;
    }

    private List<Hit> searchOne(float[] query, int topN, int candidates) {
        try {
            TopDocs top = searcher.search(new KnnFloatVectorQuery(VECTOR, query, candidates), candidates);
            TopN best = new TopN(Math.min(topN, size));
            List<LeafReaderContext> leaves = reader.leaves();
            for (ScoreDoc hit : top.scoreDocs) {
                int leaf = org.apache.lucene.index.ReaderUtil.subIndex(hit.doc, leaves);
                LeafReaderContext context = leaves.get(leaf);
                int id = leafIds[leaf][hit.doc - context.docBase];
                best.offer(2f * hit.score - 1f, id);
            }
            return best.hits();
        } catch (IOException e) {
            throw new UncheckedIOException("HNSW search failed", e);
        }
    }

    /** Releases the Lucene index; the index is unusable afterwards. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (reader != null) {
                reader.close();
            }
            if (directory != null) {
                directory.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            pending.clear();
            pendingIds.clear();
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the index is closed");
        }
    }

    /**
     * The default codec with every vector field in the given format. It keeps the default codec's name, and the
     * format writes under Lucene's own format name, so the segments read back with the standard codec (no
     * service registration of these classes is needed, which matters under OSGi).
     */
    private static final class GraphCodec extends FilterCodec {
        private final KnnVectorsFormat perField;

        GraphCodec(Codec delegate, KnnVectorsFormat format) {
            super(delegate.getName(), delegate);
            this.perField = new PerFieldKnnVectorsFormat() {
                @Override
                public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                    return format;
                }
            };
        }

        @Override
        public KnnVectorsFormat knnVectorsFormat() {
            return perField;
        }
    }

    /** Lucene's HNSW format under its own name, accepting up to {@link #MAX_DIMENSION} dimensions. */
    private static final class WideFormat extends KnnVectorsFormat {
        private final KnnVectorsFormat delegate;

        WideFormat(KnnVectorsFormat delegate) {
            super(delegate.getName());
            this.delegate = delegate;
        }

        @Override
        public KnnVectorsWriter fieldsWriter(SegmentWriteState state) throws IOException {
            return delegate.fieldsWriter(state);
        }

        @Override
        public KnnVectorsReader fieldsReader(SegmentReadState state) throws IOException {
            return delegate.fieldsReader(state);
        }

        @Override
        public int getMaxDimensions(String fieldName) {
            return MAX_DIMENSION;
        }
    }
}
