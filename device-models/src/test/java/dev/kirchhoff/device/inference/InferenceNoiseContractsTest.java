package dev.kirchhoff.device.inference;

import org.junit.jupiter.api.Nested;

/** Every shipped programming-noise, read-noise and drift implementation against its contract. */
class InferenceNoiseContractsTest {
    private static final double G_MAX = 25e-6;

    @Nested
    class PcmProgramming extends ProgrammingNoiseContract {
        protected ProgrammingNoise noise() {
            return ProgrammingNoise.Polynomial.pcmNandakumar2019(G_MAX);
        }

        protected double gMaxSiemens() {
            return G_MAX;
        }
    }

    @Nested
    class WanOneDayProgramming extends ProgrammingNoiseContract {
        protected ProgrammingNoise noise() {
            return ProgrammingNoise.Polynomial.rramWan2022OneDay(40e-6);
        }

        protected double gMaxSiemens() {
            return 40e-6;
        }
    }

    @Nested
    class IndependentProgramming extends ProgrammingNoiseContract {
        protected ProgrammingNoise noise() {
            return new ProgrammingNoise.Independent(0.5e-6);
        }

        protected double gMaxSiemens() {
            return G_MAX;
        }
    }

    @Nested
    class ProportionalProgramming extends ProgrammingNoiseContract {
        protected ProgrammingNoise noise() {
            return new ProgrammingNoise.Proportional(0.05);
        }

        protected double gMaxSiemens() {
            return G_MAX;
        }
    }

    @Nested
    class InverseProportionalProgramming extends ProgrammingNoiseContract {
        protected ProgrammingNoise noise() {
            return new ProgrammingNoise.InverseProportional(0.01, 1e-6, G_MAX);
        }

        protected double gMaxSiemens() {
            return G_MAX;
        }
    }

    @Nested
    class MiloProgramming extends ProgrammingNoiseContract {
        protected ProgrammingNoise noise() {
            return new ProgrammingNoise.MiloRram();
        }

        protected double gMaxSiemens() {
            return 225e-6;
        }
    }

    @Nested
    class ScaledPcmProgramming extends ProgrammingNoiseContract {
        protected ProgrammingNoise noise() {
            return new ProgrammingNoise.Scaled(ProgrammingNoise.Polynomial.pcmNandakumar2019(G_MAX), 2.5);
        }

        protected double gMaxSiemens() {
            return G_MAX;
        }
    }

    @Nested
    class ScaledPcmRead extends ReadNoiseContract {
        protected ReadNoise noise() {
            return new ReadNoise.Scaled(ReadNoise.Pcm.nandakumar2019(G_MAX), 0.5);
        }

        protected double gMaxSiemens() {
            return G_MAX;
        }
    }

    @Nested
    class SpreadScaledPcmDrift extends DriftModelContract {
        protected DriftModel drift() {
            return new DriftModel.SpreadScaled(DriftModel.Pcm.nandakumar2019(G_MAX), 2);
        }

        protected double gMaxSiemens() {
            return G_MAX;
        }
    }

    @Nested
    class ConstantRead extends ReadNoiseContract {
        protected ReadNoise noise() {
            return new ReadNoise.Constant(0.1e-6);
        }

        protected double gMaxSiemens() {
            return G_MAX;
        }
    }

    @Nested
    class ProportionalRead extends ReadNoiseContract {
        protected ReadNoise noise() {
            return new ReadNoise.Proportional(0.02);
        }

        protected double gMaxSiemens() {
            return G_MAX;
        }
    }

    @Nested
    class PcmRead extends ReadNoiseContract {
        protected ReadNoise noise() {
            return ReadNoise.Pcm.nandakumar2019(G_MAX);
        }

        protected double gMaxSiemens() {
            return G_MAX;
        }
    }

    @Nested
    class PcmDrift extends DriftModelContract {
        protected DriftModel drift() {
            return DriftModel.Pcm.nandakumar2019(G_MAX);
        }

        protected double gMaxSiemens() {
            return G_MAX;
        }
    }

    @Nested
    class RramConstantDrift extends DriftModelContract {
        protected DriftModel drift() {
            return new DriftModel.Constant(0.1, 0.02, 1);
        }

        protected double gMaxSiemens() {
            return G_MAX;
        }
    }

    @Nested
    class PolynomialRead extends ReadNoiseContract {
        protected ReadNoise noise() {
            return new ReadNoise.Polynomial(new double[] {0.05e-6, 0.3e-6, -0.15e-6}, G_MAX);
        }

        protected double gMaxSiemens() {
            return G_MAX;
        }
    }

    @Nested
    class LogLinearDrift extends DriftModelContract {
        protected DriftModel drift() {
            return new DriftModel.LogLinear(G_MAX, 20, 0.03, -0.01, 0.02, 0.09, 0.004, -0.006, 0.005, 0.03);
        }

        protected double gMaxSiemens() {
            return G_MAX;
        }
    }
}
