package org.segrank.retrieval;

import java.util.ArrayList;
import java.util.List;

/**
 * The best {@code capacity} (similarity, id) pairs seen: larger similarity first, smaller id on ties. A binary
 * min-heap whose root is the worst kept pair, so most offers are rejected by one comparison.
 */
final class TopN {
    private final int capacity;
    private final float[] sims;
    private final int[] ids;
    private int size;

    TopN(int capacity) {
        this.capacity = capacity;
        this.sims = new float[capacity];
        this.ids = new int[capacity];
    }

    int capacity() {
        return capacity;
    }

    /** Similarity a new pair must beat once full ({@code -Infinity} before). */
    float threshold() {
        return size < capacity ? Float.NEGATIVE_INFINITY : sims[0];
    }

    void offer(float sim, int id) {
        if (size < capacity) {
            int i = size++;
            sims[i] = sim;
            ids[i] = id;
            siftUp(i);
        } else if (better(sim, id, sims[0], ids[0])) {
            sims[0] = sim;
            ids[0] = id;
            siftDown(0);
        }
    }

    void offerAll(TopN other) {
        for (int i = 0; i < other.size; i++) {
            offer(other.sims[i], other.ids[i]);
        }
    }

    /** The kept pairs, best first. */
    List<Hit> hits() {
        Integer[] order = new Integer[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> better(sims[a], ids[a], sims[b], ids[b]) ? -1
                : better(sims[b], ids[b], sims[a], ids[a]) ? 1 : 0);
        List<Hit> hits = new ArrayList<>(size);
        for (int i : order) {
            hits.add(new Hit(ids[i], sims[i]));
        }
        return hits;
    }

    static boolean better(float s1, int id1, float s2, int id2) {
        return s1 > s2 || (s1 == s2 && id1 < id2);
    }

    private void siftUp(int i) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (better(sims[parent], ids[parent], sims[i], ids[i])) {
                swap(i, parent);
                i = parent;
            } else {
                return;
            }
        }
    }

    private void siftDown(int i) {
        while (true) {
            int left = 2 * i + 1;
            if (left >= size) {
                return;
            }
            int worst = left;
            int right = left + 1;
            if (right < size && better(sims[left], ids[left], sims[right], ids[right])) {
                worst = right;
            }
            if (better(sims[i], ids[i], sims[worst], ids[worst])) {
                swap(i, worst);
                i = worst;
            } else {
                return;
            }
        }
    }

    private void swap(int a, int b) {
        float s = sims[a];
        sims[a] = sims[b];
        sims[b] = s;
        int t = ids[a];
        ids[a] = ids[b];
        ids[b] = t;
    }
}
