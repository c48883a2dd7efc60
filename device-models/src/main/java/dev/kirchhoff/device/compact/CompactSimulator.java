package dev.kirchhoff.device.compact;

import dev.kirchhoff.device.Checks;
import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * Drives a {@link CompactModel} with a {@link Waveform} using {@link DormandPrince54}. The time
 * axis is cut at every waveform breakpoint and at every time the waveform crosses one of the
 * model's {@linkplain CompactModel#switchingThresholdsVolts() switching thresholds}; between cuts
 * the right-hand side {@code f(s, V(t))} is smooth (up to the state bounds, which the integrator
 * handles by clamping), so the error control sees no discontinuity it has to find by rejection.
 * A boundary in (state, voltage) where the rate drops to zero and which the state slides along
 * (Stanford-PKU's minimum field under RESET) is met by projection
 * ({@link CompactModel#slidingCeiling}); any other state-dependent discontinuity is left to the
 * error control, which shrinks the step onto it.
 *
 * <p>Noise: when an {@link UniformRandomProvider} is passed and the model's noise intensity σ is
 * non-zero, {@code σ(s, V(t_mid))·√Δt·N(0,1)} is added to the state at the end of each smooth
 * interval Δt (Euler–Maruyama splitting) and the state clamped.
 *
 * @param model             the device
 * @param relativeTolerance integrator relative tolerance, in [1e-14, 1)
 * @param absoluteTolerance integrator absolute tolerance in state units, positive
 * @param readVoltageVolts  voltage of the non-destructive conductance reads, finite and non-zero
 */
public record CompactSimulator(CompactModel model, double relativeTolerance, double absoluteTolerance,
        double readVoltageVolts) {

    /** Default relative tolerance. */
    public static final double DEFAULT_RELATIVE_TOLERANCE = 1e-8;
    /** Default absolute tolerance as a fraction of the state range. */
    public static final double DEFAULT_ABSOLUTE_FRACTION = 1e-10;
    /** Default read voltage, 0.1 V (MemTorch's Stanford-PKU read_voltage). */
    public static final double DEFAULT_READ_VOLTS = 0.1;

    public CompactSimulator {
        if (model == null) {
            throw new IllegalArgumentException("model must not be null, got null");
        }
        if (!(relativeTolerance >= 1e-14 && relativeTolerance < 1)) {
            throw new IllegalArgumentException("relativeTolerance must be in [1e-14, 1), got " + relativeTolerance);
        }
        Checks.positive("absoluteTolerance", absoluteTolerance);
        Checks.finite("readVoltageVolts", readVoltageVolts);
        if (readVoltageVolts == 0) {
            throw new IllegalArgumentException("readVoltageVolts must be non-zero, got 0.0");
        }
    }

    /** Default tolerances (rtol 1e-8, atol 1e-10 of the state range) and a 0.1 V read. */
    public static CompactSimulator of(CompactModel model) {
        double range = model.stateUpperBound() - model.stateLowerBound();
        return new CompactSimulator(model, DEFAULT_RELATIVE_TOLERANCE, DEFAULT_ABSOLUTE_FRACTION * range,
                DEFAULT_READ_VOLTS);
    }

    public CompactSimulator withTolerances(double relative, double absolute) {
        return new CompactSimulator(model, relative, absolute, readVoltageVolts);
    }

    public CompactSimulator withReadVoltage(double volts) {
        return new CompactSimulator(model, relativeTolerance, absoluteTolerance, volts);
    }

    /**
     * Simulates the waveform from {@code initialState}, sampled at {@code samples} equally spaced
     * times from start to end and at every breakpoint of the waveform (merged, increasing).
     *
     * @param samples ≥ 2
     */
    public CompactTrace simulate(Waveform waveform, double initialState, int samples) {
        return simulate(waveform, initialState, samples, null);
    }

    /** As {@link #simulate(Waveform, double, int)}, with noise drawn from {@code rng} (may be null: no noise). */
    public CompactTrace simulate(Waveform waveform, double initialState, int samples, UniformRandomProvider rng) {
        checkState(initialState);
        if (samples < 2) {
            throw new IllegalArgumentException("samples must be at least 2, got " + samples);
        }
        double[] times = sampleTimes(waveform, samples);
        Run run = new Run(waveform, rng);
        int n = times.length;
        double[] voltage = new double[n];
        double[] current = new double[n];
        double[] state = new double[n];
        double[] conductance = new double[n];
        run.y[0] = initialState;
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                run.advance(times[i - 1], times[i]);
            }
            double s = run.y[0];
            double v = waveform.voltage(times[i]);
            voltage[i] = v;
            state[i] = s;
            current[i] = model.currentAmperes(s, v);
            conductance[i] = model.readConductanceSiemens(s, readVoltageVolts);
        }
        DormandPrince54 ode = run.integrator;
        return new CompactTrace(model.modelName(), readVoltageVolts, times, voltage, current, state, conductance,
                ode.acceptedSteps(), ode.rejectedSteps(), ode.evaluations());
    }

    /**
     * One I–V hysteresis sweep: a sine {@code V = A·sin(2πft)} over one period from
     * {@code initialState}, with {@code samples} equally spaced samples.
     */
    public CompactTrace hysteresis(double amplitudeVolts, double frequencyHertz, double initialState, int samples) {
        return simulate(Waveform.sine(amplitudeVolts, frequencyHertz, 1), initialState, samples);
    }

    /**
     * Conductance versus pulse number: element 0 is the read before the first pulse, element k the
     * read at the end of period k (0 V, after pulse k), each at {@link #readVoltageVolts()} and
     * non-destructive. Length {@code train.count() + 1}.
     */
    public double[] conductanceVersusPulses(PulseTrain train, double initialState) {
        return conductanceVersusPulses(train, initialState, null);
    }

    /** As {@link #conductanceVersusPulses(PulseTrain, double)}, with noise drawn from {@code rng} (may be null). */
    public double[] conductanceVersusPulses(PulseTrain train, double initialState, UniformRandomProvider rng) {
        checkState(initialState);
        Run run = new Run(train, rng);
        double[] g = new double[train.count() + 1];
        run.y[0] = initialState;
        g[0] = model.readConductanceSiemens(initialState, readVoltageVolts);
        double t = train.startSeconds();
        for (int k = 0; k < train.count(); k++) {
            double end = k + 1 == train.count() ? train.endSeconds() : train.periodEndSeconds(k);
            run.advance(t, end);
            t = end;
            g[k + 1] = model.readConductanceSiemens(run.y[0], readVoltageVolts);
        }
        return g;
    }

    private void checkState(double initialState) {
        Checks.inRange("initialState", initialState, model.stateLowerBound(), model.stateUpperBound());
    }

    /** Equally spaced samples merged with the breakpoints; breakpoints kept exactly. */
    private static double[] sampleTimes(Waveform w, int samples) {
        double[] b = w.breakpointsSeconds();
        double start = w.startSeconds();
        double span = w.endSeconds() - start;
        double[] all = Arrays.copyOf(b, b.length + samples);
        for (int i = 0; i < samples; i++) {
            all[b.length + i] = start + span * i / (samples - 1);
        }
        return mergeKeeping(all, b, 1e-12 * span);
    }

    /** Sorted, with points closer than {@code gap} to a kept point dropped; {@code exact} points always kept. */
    private static double[] mergeKeeping(double[] points, double[] exact, double gap) {
        double[] sorted = points.clone();
        Arrays.sort(sorted);
        double[] out = new double[sorted.length];
        int m = 0;
        for (double p : sorted) {
            boolean isExact = Arrays.binarySearch(exact, p) >= 0;
            if (m > 0 && p - out[m - 1] <= gap) {
                if (isExact && p != out[m - 1]) {
                    out[m - 1] = p; // a breakpoint replaces the near-duplicate just before it
                }
                continue;
            }
            out[m++] = p;
        }
        return Arrays.copyOf(out, m);
    }

    /** Mutable state of one simulation: the integrator, its work arrays and the cut points. */
    private final class Run {
        final Waveform waveform;
        final double[] cuts;
        final DormandPrince54 integrator;
        final double[] y = new double[1];
        final UniformRandomProvider rng;
        final ZigguratSampler.NormalizedGaussian gauss;
        final SegmentRhs rhs = new SegmentRhs();

        Run(Waveform waveform, UniformRandomProvider rng) {
            this.waveform = waveform;
            this.rng = rng;
            this.gauss = rng == null ? null : ZigguratSampler.NormalizedGaussian.of(rng);
            this.integrator = new DormandPrince54(
                    new IntegratorTolerances(relativeTolerance, absoluteTolerance, IntegratorTolerances.DEFAULT_MAX_STEPS),
                    new double[] {model.stateLowerBound()}, new double[] {model.stateUpperBound()});
            double[] b = waveform.breakpointsSeconds();
            double[] all = b;
            for (double level : model.switchingThresholdsVolts()) {
                double[] c = waveform.crossingsSeconds(level);
                double[] merged = Arrays.copyOf(all, all.length + c.length);
                System.arraycopy(c, 0, merged, all.length, c.length);
                all = merged;
            }
            this.cuts = mergeKeeping(all, b, 1e-12 * (waveform.endSeconds() - waveform.startSeconds()));
        }

        /** Integrates y from ta to tb (both in the waveform's span), stepping to every cut between. */
        void advance(double ta, double tb) {
            int j = Arrays.binarySearch(cuts, ta);
            j = j >= 0 ? j + 1 : -j - 1; // first cut strictly after ta
            double t = ta;
            while (t < tb) {
                double next = j < cuts.length && cuts[j] < tb ? cuts[j] : tb;
                j++;
                if (next <= t) {
                    continue;
                }
                double mid = 0.5 * (t + next);
                rhs.segment = waveform.segmentAt(mid);
                integrator.integrate(rhs, t, y, next);
                if (gauss != null) {
                    double sigma = model.stateNoiseIntensity(y[0], waveform.voltageOnSegment(rhs.segment, mid));
                    if (sigma > 0) {
                        double s = y[0] + sigma * Math.sqrt(next - t) * gauss.sample();
                        y[0] = Math.min(Math.max(s, model.stateLowerBound()), model.stateUpperBound());
                    }
                }
                t = next;
            }
        }

        /**
         * {@code f(s, V_k(t))} on one waveform segment k, projecting onto the model's sliding
         * ceiling: within a step the state may not exceed the larger of its start value and the
         * running maximum of c(V(τ)) over the stage times τ so far.
         */
        private final class SegmentRhs implements OdeSystem {
            int segment;
            double ceiling;

            @Override
            public void derivatives(double t, double[] s, double[] sDot) {
                sDot[0] = model.stateRate(s[0], waveform.voltageOnSegment(segment, t));
            }

            @Override
            public void beginStep(double t, double[] s) {
                ceiling = Math.max(s[0], model.slidingCeiling(waveform.voltageOnSegment(segment, t)));
            }

            @Override
            public void project(double t, double[] s) {
                ceiling = Math.max(ceiling, model.slidingCeiling(waveform.voltageOnSegment(segment, t)));
                if (s[0] > ceiling) {
                    s[0] = ceiling;
                }
            }
        }
    }
}
