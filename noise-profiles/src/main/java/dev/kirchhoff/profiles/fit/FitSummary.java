package dev.kirchhoff.profiles.fit;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How good a fit is, in the form a device engineer reports it.
 *
 * @param kind           what was fitted: {@code pulse-response}, {@code read-noise}, {@code drift}
 *                       or {@code programming}
 * @param model          the model chosen, e.g. {@code soft-bounds}
 * @param parameters     fitted values with standard errors and 95% confidence intervals
 * @param points         number of data points used
 * @param rmse           root-mean-square residual, in the unit of the fitted quantity
 * @param rmseUnit       that unit (e.g. {@code S})
 * @param rSquared       coefficient of determination 1 − SS_res/SS_tot of the fitted quantity
 * @param criterion      the model-selection criterion reported (e.g. {@code BIC}); never null
 * @param criterionValue its value for the chosen model
 * @param candidates     criterion value of every candidate model tried (one entry when the model
 *                       was given); insertion-ordered
 * @param notes          remarks a user should read (e.g. a spread that could not be resolved)
 */
public record FitSummary(String kind, String model, List<FitParameter> parameters, int points, double rmse,
        String rmseUnit, double rSquared, String criterion, double criterionValue, Map<String, Double> candidates,
        List<String> notes) {
    public FitSummary {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(rmseUnit, "rmseUnit");
        Objects.requireNonNull(criterion, "criterion");
        parameters = List.copyOf(parameters);
        candidates = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(candidates));
        notes = List.copyOf(notes);
    }

    /** The summary as aligned text, one parameter per line, for the terminal. */
    public String toText() {
        StringBuilder b = new StringBuilder();
        b.append("fit ").append(kind).append(": model ").append(model).append(", ").append(points).append(" points\n");
        b.append(String.format(java.util.Locale.ROOT, "  RMSE %.4g %s, R² %.5f, %s %.6g%n", rmse, rmseUnit, rSquared,
                criterion, criterionValue));
        if (candidates.size() > 1) {
            b.append("  candidates (").append(criterion).append(", lower is better):");
            candidates.forEach((k, v) -> b.append(String.format(java.util.Locale.ROOT, " %s=%.6g", k, v)));
            b.append('\n');
        }
        for (FitParameter p : parameters) {
            b.append(String.format(java.util.Locale.ROOT, "  %-24s %14.6g %-4s", p.name(), p.value(), p.unit()));
            if (Double.isFinite(p.ciLow())) {
                b.append(String.format(java.util.Locale.ROOT, "  95%% CI [%.6g, %.6g]", p.ciLow(), p.ciHigh()));
            }
            b.append('\n');
        }
        for (String n : notes) {
            b.append("  note: ").append(n).append('\n');
        }
        return b.toString();
    }
}
