package org.segrank.metrics.coco;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The few numpy/Python numerics whose exact rounding COCOeval's numbers depend on, reproduced bit for bit.
 */
final class NumpyCompat {

    /** {@code np.spacing(1)}, added to the precision denominator by COCOeval. */
    static final double SPACING_OF_ONE = Math.ulp(1.0);

    private static final int PAIRWISE_BLOCK = 128;
    private static final int UNROLL = 8;

    private NumpyCompat() {
    }

    /**
     * {@code np.linspace(start, stop, num)} with {@code endpoint=True}: {@code i * ((stop - start) / (num - 1)) +
     * start}, the last element set to {@code stop} exactly. So {@code linspace(.5, .95, 10)[8]} is
     * {@code 0.8999999999999999}, as in COCOeval.
     */
    static double[] linspace(double start, double stop, int num) {
        if (num < 1) {
            throw new IllegalArgumentException("num must be positive");
        }
        double[] values = new double[num];
        if (num == 1) {
            values[0] = start;
            return values;
        }
        double step = (stop - start) / (num - 1);
        for (int i = 0; i < num; i++) {
            values[i] = i * step + start;
        }
        values[num - 1] = stop;
        return values;
    }

    /**
     * {@code np.mean} of {@code values[0..count)}: numpy's pairwise summation (8-way unrolled blocks of at most 128,
     * recursive halving above) divided by the count. Bit-identical to numpy, unlike a plain loop.
     */
    static double mean(double[] values, int count) {
        return pairwiseSum(values, 0, count) / count;
    }

    static double pairwiseSum(double[] a, int offset, int n) {
        if (n < UNROLL) {
            double sum = 0.;
            for (int i = 0; i < n; i++) {
                sum += a[offset + i];
            }
            return sum;
        }
        if (n <= PAIRWISE_BLOCK) {
            double r0 = a[offset];
            double r1 = a[offset + 1];
            double r2 = a[offset + 2];
            double r3 = a[offset + 3];
            double r4 = a[offset + 4];
            double r5 = a[offset + 5];
            double r6 = a[offset + 6];
            double r7 = a[offset + 7];
            int i;
            for (i = UNROLL; i < n - (n % UNROLL); i += UNROLL) {
                r0 += a[offset + i];
                r1 += a[offset + i + 1];
                r2 += a[offset + i + 2];
                r3 += a[offset + i + 3];
                r4 += a[offset + i + 4];
                r5 += a[offset + i + 5];
                r6 += a[offset + i + 6];
                r7 += a[offset + i + 7];
            }
            double sum = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
            for (; i < n; i++) {
                sum += a[offset + i];
            }
            return sum;
        }
        int half = n / 2;
        half -= half % UNROLL;
        return pairwiseSum(a, offset, half) + pairwiseSum(a, offset + half, n - half);
    }

    /**
     * {@code np.searchsorted(sorted, key, side='left')} over {@code sorted[0..n)}: the first index whose value is not
     * less than {@code key}, or {@code n}.
     */
    static int searchSortedLeft(double[] sorted, int n, double key) {
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * Python's {@code '{:0.Nf}'.format(value)}: correctly rounded, ties to even on the exact binary value (Java's
     * {@code String.format} rounds the shortest decimal half-up instead and differs on values like 1.0005).
     */
    static String formatFixed(double value, int decimals) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        String text = new BigDecimal(value).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
        // Python keeps the sign of negative values that round to zero ("-0.000").
        if ((value < 0 || (value == 0 && 1 / value < 0)) && !text.startsWith("-")) {
            text = "-" + text;
        }
        return text;
    }

    /**
     * Indices {@code 0..n-1} sorted by descending {@code keys}, ties in index order: the order of
     * {@code np.argsort(-keys, kind='mergesort')}, which is stable. Keys must not be NaN; {@code -0.0} and
     * {@code 0.0} are equal, as in numpy.
     */
    static int[] stableOrderByDescending(double[] keys, int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        if (n < 2) {
            return order;
        }
        // Fast path: already sorted (common for per-image lists that come sorted from a detector).
        boolean sorted = true;
        for (int i = 1; i < n && sorted; i++) {
            sorted = !(keys[i] > keys[i - 1]);
        }
        if (sorted) {
            return order;
        }
        int[] buffer = new int[n];
        mergeSort(order, buffer, keys, 0, n);
        return order;
    }

    private static void mergeSort(int[] order, int[] buffer, double[] keys, int from, int to) {
        int length = to - from;
        if (length <= 16) {
            // Insertion sort: stable because it only moves an element past strictly smaller keys.
            for (int i = from + 1; i < to; i++) {
                int item = order[i];
                double key = keys[item];
                int j = i - 1;
                while (j >= from && keys[order[j]] < key) {
                    order[j + 1] = order[j];
                    j--;
                }
                order[j + 1] = item;
            }
            return;
        }
        int mid = (from + to) >>> 1;
        mergeSort(order, buffer, keys, from, mid);
        mergeSort(order, buffer, keys, mid, to);
        if (!(keys[order[mid]] > keys[order[mid - 1]])) {
            return; // halves already in order
        }
        System.arraycopy(order, from, buffer, from, length);
        int left = from;
        int right = mid;
        for (int k = from; k < to; k++) {
            // Take from the right half only when strictly larger, so equal keys keep their original order.
            if (right < to && (left >= mid || keys[buffer[right]] > keys[buffer[left]])) {
                order[k] = buffer[right++];
            } else {
                order[k] = buffer[left++];
            }
        }
    }
}
