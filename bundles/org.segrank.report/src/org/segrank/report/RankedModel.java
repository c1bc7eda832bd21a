package org.segrank.report;

/**
 * One entry of a predicted model ranking for a query image.
 *
 * @param model model name
 * @param predictedScore the score the ranking used (e.g. the representative's AP); NaN if undefined
 * @param trueAp the model's actual mask AP on the query image, in [0, 1]; NaN if undefined
 * @param relevantMethod1 relevant under method 1 (AP >= ratio x best AP)
 * @param relevantMethod2 relevant under method 2 (the best model)
 */
public record RankedModel(String model, double predictedScore, double trueAp, boolean relevantMethod1,
        boolean relevantMethod2) {

    public RankedModel {
        Checks.text(model, "model");
        if (Double.isInfinite(predictedScore)) {
            throw new IllegalArgumentException("predictedScore must be finite or NaN, got " + predictedScore);
        }
        Checks.unitOrNaN(trueAp, "trueAp");
    }
}
