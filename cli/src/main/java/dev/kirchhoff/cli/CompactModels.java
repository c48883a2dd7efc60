package dev.kirchhoff.cli;

import dev.kirchhoff.device.compact.CompactModel;
import dev.kirchhoff.device.compact.StanfordPku;
import dev.kirchhoff.device.compact.Vteam;
import java.util.Iterator;
import java.util.List;

/**
 * The compact models the command line can name, with MemTorch's default parameters and the
 * stimulus MemTorch's own examples use for each.
 */
enum CompactModels {
    VTEAM("vteam", 1.0, 50e6, 0.5, 10e-9, 20e-9),
    STANFORD_PKU("stanford-pku", 1.5, 10, 1.5, 10e-9, 50e-9);

    final String cliName;
    final double sweepAmplitudeVolts;
    final double sweepFrequencyHertz;
    final double pulseAmplitudeVolts;
    final double pulseWidthSeconds;
    final double pulsePeriodSeconds;

    CompactModels(String cliName, double sweepAmplitudeVolts, double sweepFrequencyHertz, double pulseAmplitudeVolts,
            double pulseWidthSeconds, double pulsePeriodSeconds) {
        this.cliName = cliName;
        this.sweepAmplitudeVolts = sweepAmplitudeVolts;
        this.sweepFrequencyHertz = sweepFrequencyHertz;
        this.pulseAmplitudeVolts = pulseAmplitudeVolts;
        this.pulseWidthSeconds = pulseWidthSeconds;
        this.pulsePeriodSeconds = pulsePeriodSeconds;
    }

    CompactModel model() {
        return this == VTEAM ? Vteam.MEMTORCH_DEFAULTS : StanfordPku.memTorchDefaults();
    }

    /** State of the low-resistance (ON) device: VTEAM x = 0, Stanford-PKU the smallest gap. */
    double onState() {
        return this == VTEAM ? model().stateLowerBound() : StanfordPku.memTorchDefaults().gapMinMetres();
    }

    /** State of the high-resistance (OFF) device. */
    double offState() {
        return this == VTEAM ? model().stateUpperBound() : StanfordPku.memTorchDefaults().gapMaxMetres();
    }

    static CompactModels byName(String name) {
        for (CompactModels m : values()) {
            if (m.cliName.equals(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException("--model must be one of " + names() + ", got '" + name + "'");
    }

    static List<String> names() {
        return java.util.Arrays.stream(values()).map(m -> m.cliName).toList();
    }

    /** Names for picocli's help text. */
    static final class Names implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return names().iterator();
        }
    }
}
