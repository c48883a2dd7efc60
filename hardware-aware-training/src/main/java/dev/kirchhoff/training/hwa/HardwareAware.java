package dev.kirchhoff.training.hwa;

import dev.kirchhoff.crossbar.Adc;
import dev.kirchhoff.crossbar.Dac;
import dev.kirchhoff.crossbar.Periphery;

/**
 * The default hardware of noise-in-the-loop training and of evaluation, in one place so that
 * training, {@code kirchhoff train}, {@code kirchhoff evaluate} and the report agree.
 *
 * <ul>
 *   <li>{@link #PERIPHERY}: an 8-bit DAC on [−1, 1], an 8-bit ADC clipping at ±10 full-scale device
 *   currents, output noise 0.04 of that unit, noise management by max |x|, no bound management:
 *   the forward periphery of aihwkit's inference tiles (Rasch et al., Nat. Commun. 14, 5282,
 *   2023, doi:10.1038/s41467-023-40770-4: {@code inp_res} and {@code out_res} 1/254,
 *   {@code out_bound} 10, {@code out_noise} 0.04).</li>
 *   <li>{@link #WEIGHT_NOISE}: the profile's programming and read noise (read at one day) at
 *   three times their size. Training with more noise than the chip will show is the usual recipe
 *   (Joshi et al., Nat. Commun. 11, 2473, 2020, doi:10.1038/s41467-020-16108-9, train at about
 *   twice the hardware's noise); three is what worked best here over 1, 2 and 3 (see
 *   docs/hardware-aware-training.md).</li>
 *   <li>{@link #CLIP}: ±2.5σ of each layer's weights after every step (Joshi et al.).</li>
 *   <li>{@link #COLUMNWISE} false: one digital scale per layer, aihwkit's default mapping; with a
 *   scale per column the plainly trained network is already robust, and the comparison is the
 *   harder one with per-layer scales.</li>
 * </ul>
 */
public final class HardwareAware {
    /** The tiles' converters and noises. */
    public static final Periphery PERIPHERY = new Periphery(new Dac(8, 1, false), Adc.fixed(8, 10), 0, 0.04, true,
            false, 0);
    /** Training-time weight noise. */
    public static final WeightNoise WEIGHT_NOISE = new WeightNoise(3, 86_400, 0, 0, 0);
    /** Weight clipping during training. */
    public static final WeightClip CLIP = WeightClip.sigma(2.5);
    /** One digital scale per column (else per layer). */
    public static final boolean COLUMNWISE = false;

    private HardwareAware() {
    }
}
