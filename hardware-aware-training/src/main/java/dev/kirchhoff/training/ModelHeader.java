package dev.kirchhoff.training;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a {@link ModelFile} says about its network, stored as the {@code "model"} object of its
 * JSON header. Immutable and validated.
 *
 * <p>Extending: a new field is added as a nullable component (null when absent from older
 * files) and listed in docs/training.md; fields marked {@code required} must be present in every
 * file. The reader rejects unknown fields, so a file written with a newer field cannot be read
 * by an older reader by mistake.
 *
 * @param sizes        layer sizes {@code n_0 … n_L} (at least 2, each ≥ 1)
 * @param activation   the hidden-layer activation; only {@value #RELU} exists
 * @param mode         how the network was trained
 * @param training     the training configuration, or null if the network was not trained by {@link Trainer}
 * @param profile      the name of the noise profile it was trained or programmed for, or null
 * @param provenance   free key/value notes (tool version, dataset, date…); stored sorted by key; null reads as empty
 * @param outputScales one positive factor per layer applied to the layer's outputs by the
 *                     mode that produced it, or null if there are none
 */
public record ModelHeader(
        @JsonProperty(required = true) List<Integer> sizes,
        @JsonProperty(required = true) String activation,
        @JsonProperty(required = true) Mode mode,
        TrainingConfig training,
        String profile,
        Map<String, String> provenance,
        List<Double> outputScales) {
    /** The only activation: ReLU between layers, linear output. */
    public static final String RELU = "relu";

    /** How a model was trained; JSON values {@code "fp"}, {@code "hwa"}, {@code "analog"}, {@code "snn"}. */
    public enum Mode {
        /** Floating point. */
        FP("fp"),
        /** Hardware-aware: floating point with hardware effects in the forward pass. */
        HWA("hwa"),
        /** Trained on simulated analog tiles. */
        ANALOG("analog"),
        /** A spiking network. */
        SNN("snn");

        private final String label;

        Mode(String label) {
            this.label = label;
        }

        /** The JSON and command-line name. */
        @JsonValue
        public String label() {
            return label;
        }

        /** The mode named {@code label}. */
        @JsonCreator
        public static Mode of(String label) {
            for (Mode m : values()) {
                if (m.label.equals(label)) {
                    return m;
                }
            }
            throw new IllegalArgumentException("mode must be one of fp, hwa, analog, snn, got " + label);
        }
    }

    public ModelHeader {
        if (sizes == null) {
            throw new IllegalArgumentException("sizes must be given, got null");
        }
        for (int l = 0; l < sizes.size(); l++) {
            if (sizes.get(l) == null) {
                throw new IllegalArgumentException("sizes[" + l + "] must be a number, got null");
            }
        }
        sizes = List.copyOf(sizes);
        int[] s = toArray(sizes);
        Mlp.checkSizes(s);
        if (!RELU.equals(activation)) {
            throw new IllegalArgumentException("activation must be " + RELU + ", got " + activation);
        }
        if (mode == null) {
            throw new IllegalArgumentException("mode must be one of fp, hwa, analog, snn, got null");
        }
        provenance = Collections.unmodifiableMap(new TreeMap<>(provenance == null ? Map.of() : provenance));
        for (Map.Entry<String, String> e : provenance.entrySet()) {
            Objects.requireNonNull(e.getValue(), "provenance value of " + e.getKey());
        }
        if (outputScales != null) {
            outputScales = List.copyOf(outputScales);
            if (outputScales.size() != s.length - 1) {
                throw new IllegalArgumentException("outputScales must hold one factor per layer, " + (s.length - 1)
                        + ", got " + outputScales.size());
            }
            for (int l = 0; l < outputScales.size(); l++) {
                double v = outputScales.get(l);
                if (!(v > 0 && v < Double.POSITIVE_INFINITY)) {
                    throw new IllegalArgumentException("outputScales[" + l + "] must be positive and finite, got " + v);
                }
            }
        }
    }

    /**
     * A header for {@code model}: its sizes, ReLU, no profile, no provenance, no output scales.
     *
     * @param model    the network (only its sizes are read)
     * @param mode     how it was trained
     * @param training its training configuration, or null
     */
    public static ModelHeader of(Mlp model, Mode mode, TrainingConfig training) {
        List<Integer> sizes = new ArrayList<>();
        for (int n : model.sizes()) {
            sizes.add(n);
        }
        return new ModelHeader(sizes, RELU, mode, training, null, Map.of(), null);
    }

    /** The sizes as an array. */
    public int[] sizeArray() {
        return toArray(sizes);
    }

    private static int[] toArray(List<Integer> list) {
        int[] a = new int[list.size()];
        for (int l = 0; l < a.length; l++) {
            a[l] = list.get(l);
        }
        return a;
    }

    /** A copy naming another noise profile (or none). */
    public ModelHeader withProfile(String v) {
        return new ModelHeader(sizes, activation, mode, training, v, provenance, outputScales);
    }

    /** A copy with other provenance notes. */
    public ModelHeader withProvenance(Map<String, String> v) {
        return new ModelHeader(sizes, activation, mode, training, profile, v, outputScales);
    }

    /** A copy with other output scales (or none). */
    public ModelHeader withOutputScales(List<Double> v) {
        return new ModelHeader(sizes, activation, mode, training, profile, provenance, v);
    }
}
