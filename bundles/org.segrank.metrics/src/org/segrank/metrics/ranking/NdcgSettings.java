package org.segrank.metrics.ranking;

import java.util.Objects;

/**
 * Every choice nDCG depends on that the paper leaves open, so it can be recorded with results.
 *
 * @param relevanceRule method 1 or method 2
 * @param cutOff the {@code k} of nDCG@k
 * @param allZeroPolicy what to do with a query whose true APs are all 0
 */
public record NdcgSettings(RelevanceRule relevanceRule, CutOff cutOff, AllZeroPolicy allZeroPolicy) {

    public NdcgSettings {
        Objects.requireNonNull(relevanceRule, "relevanceRule must not be null");
        Objects.requireNonNull(cutOff, "cutOff must not be null");
        Objects.requireNonNull(allZeroPolicy, "allZeroPolicy must not be null");
    }

    /**
     * The defaults: method 1 with ratio {@value RelevanceRule#DEFAULT_RATIO}, the full list, and
     * {@link AllZeroPolicy#EXCLUDE}.
     */
    public static NdcgSettings defaults() {
        return new NdcgSettings(RelevanceRule.withinRatioOfBest(), CutOff.fullList(),
                AllZeroPolicy.defaultPolicy());
    }

    public NdcgSettings withRelevanceRule(RelevanceRule rule) {
        return new NdcgSettings(rule, cutOff, allZeroPolicy);
    }

    public NdcgSettings withCutOff(CutOff newCutOff) {
        return new NdcgSettings(relevanceRule, newCutOff, allZeroPolicy);
    }

    public NdcgSettings withAllZeroPolicy(AllZeroPolicy policy) {
        return new NdcgSettings(relevanceRule, cutOff, policy);
    }

    /** E.g. {@code "nDCG cut-off full; method 1: ...; all-zero queries: EXCLUDE"}. */
    public String describe() {
        return "nDCG cut-off " + cutOff.describe() + "; " + relevanceRule.describe()
                + "; all-zero queries: " + allZeroPolicy;
    }
}
