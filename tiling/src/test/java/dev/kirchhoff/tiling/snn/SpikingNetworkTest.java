package dev.kirchhoff.tiling.snn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

class SpikingNetworkTest {

    /** Every delivered spike costs its out-degree in events: events = Σ_i spikes_i × outDegree_i. */
    @Test
    void synapticEventsAreSpikesTimesOutDegree() {
        SpikingNetwork net = CubaNetwork.create(800, RandomSource.XO_SHI_RO_256_PP.create(5L));
        net.run(2000, null, null);
        long expected = 0;
        long spikes = 0;
        for (int i = 0; i < 800; i++) {
            expected += net.spikeCount(i) * net.recurrent().outDegree(i);
            spikes += net.spikeCount(i);
        }
        assertTrue(net.spikeCount() > 100, "the network is active: " + net.spikeCount());
        assertEquals(spikes, net.spikeCount());
        assertEquals(expected, net.recurrentSynapticEvents());
        assertEquals(expected, net.synapticEvents());
        assertEquals(2000, net.stepCount());
    }

    /**
     * One-step delay: neuron 0 (driven hard) spikes at the end of step t; neuron 1's membrane is
     * untouched during step t and, during step t+1, moves by exactly w·P_me (the exact response to
     * a current jump w at the start of the step), with I_e = w·P_e after it. A strong synapse
     * 1 → 2 then makes neuron 2 spike at step t+2, not earlier.
     */
    @Test
    void spikesOfStepTReachTheTargetsAtStepTPlusOne() {
        LifParameters p = LifParameters.lif(20e-3, 0, 10e-3, 0);
        LifLayer layer = new LifLayer(p, 3, 1e-4);
        layer.driveVolts()[0] = 3.0; // 3 V·(1 − e^(−h/τ)) ≈ 15 mV: crosses 10 mV in the first step
        float w = 5e-3f;
        Synapses syn = new Synapses.Builder(3, 3).add(0, 1, w).add(1, 2, 1e3).build();
        List<long[]> events = new ArrayList<>();
        SpikingNetwork net = new SpikingNetwork(layer, syn, null)
                .listener((step, ids, n) -> {
                    for (int k = 0; k < n; k++) {
                        events.add(new long[] {step, ids[k]});
                    }
                });
        net.step();
        layer.driveVolts()[0] = 0; // neuron 0 (reset to 0) stays silent from now on
        assertEquals(1, events.size());
        assertArrayEquals(new long[] {0, 0}, events.get(0));
        assertEquals(0.0, layer.membraneVolts()[1], "target untouched in the spike's own step");
        assertEquals(w, layer.excitatoryCurrentVolts()[1], 0, "the weight is in the current, to act from the next step");
        net.step();
        assertEquals(w * layer.excitatoryToMembranePropagator(), layer.membraneVolts()[1], 1e-18);
        assertEquals(w * Math.exp(-1e-4 / 5e-3), layer.excitatoryCurrentVolts()[1], 1e-18);
        layer.driveVolts()[1] = 3.0;
        net.step(); // neuron 1 spikes at step 2
        layer.driveVolts()[1] = 0;
        net.step(); // neuron 2 responds at step 3
        assertArrayEquals(new long[] {2, 1}, events.get(events.size() - 2));
        assertArrayEquals(new long[] {3, 2}, events.get(events.size() - 1));
    }

    private static SpikingNetwork cubaWithInput(int n, long seed, int threads) {
        SpikingNetwork cuba = CubaNetwork.create(n, RandomSource.XO_SHI_RO_256_PP.create(seed));
        Synapses.Builder b = new Synapses.Builder(50, n);
        for (int j = 0; j < n; j++) {
            b.add(j % 50, j, 0.5e-3);
        }
        PoissonInput input = new PoissonInput(b.build(), 20, RandomSource.XO_SHI_RO_256_PP.create(seed + 1));
        return new SpikingNetwork(cuba.layer(), cuba.recurrent(), input).threads(threads);
    }

    /**
     * The neuron update split over two threads gives the same bits as one: every membrane
     * potential, current and count, and the same spike raster. N = 9001 spans several chunks of
     * {@link SpikingNetwork#CHUNK} neurons, the last one short.
     */
    @Test
    void oneAndTwoThreadsGiveIdenticalBits() {
        List<long[]> r1 = new ArrayList<>();
        List<long[]> r2 = new ArrayList<>();
        assertTrue(9001 > 2 * SpikingNetwork.CHUNK, "the split is exercised");
        SpikingNetwork a = cubaWithInput(9001, 17L, 1);
        SpikingNetwork b = cubaWithInput(9001, 17L, 2);
        a.listener((s, ids, n) -> r1.add(new long[] {s, n, n > 0 ? ids[0] : -1, n > 0 ? ids[n - 1] : -1}));
        b.listener((s, ids, n) -> r2.add(new long[] {s, n, n > 0 ? ids[0] : -1, n > 0 ? ids[n - 1] : -1}));
        assertEquals(1000, a.run(1000, null, null));
        assertEquals(1000, b.run(1000, null, null));
        assertTrue(a.spikeCount() > 500, "active: " + a.spikeCount());
        assertEquals(a.spikeCount(), b.spikeCount());
        assertEquals(a.synapticEvents(), b.synapticEvents());
        assertEquals(a.inputSpikeCount(), b.inputSpikeCount());
        assertArrayEquals(a.layer().membraneVolts(), b.layer().membraneVolts());
        assertArrayEquals(a.layer().excitatoryCurrentVolts(), b.layer().excitatoryCurrentVolts());
        assertArrayEquals(a.layer().inhibitoryCurrentVolts(), b.layer().inhibitoryCurrentVolts());
        assertArrayEquals(a.layer().refractoryCountdown(), b.layer().refractoryCountdown());
        assertEquals(r1.size(), r2.size());
        for (int k = 0; k < r1.size(); k++) {
            assertArrayEquals(r1.get(k), r2.get(k), "step " + k);
        }
    }

    /**
     * CUBA at N = 2000 (in-degree kept at 80), 0.5 s: the mean rate over three seeds lies in
     * [4, 7] Hz. The published network (Vogels &amp; Abbott 2005; Brette et al. 2007 benchmark 2)
     * fires at about 5 Hz; at N = 4000, 1 s this code gives 5.4–5.8 Hz for seeds 1–3. The band
     * rejects a silent network (0 Hz), a network with the wrong sign or strength of inhibition
     * (runaway, tens of Hz) and a missing refractory period.
     */
    @Test
    void cubaFiresAtThePublishedRate() {
        for (long seed = 1; seed <= 3; seed++) {
            SpikingNetwork net = CubaNetwork.create(2000, RandomSource.XO_SHI_RO_256_PP.create(seed));
            net.threads(2).run(5000, null, null);
            double rate = net.meanRateHz();
            assertTrue(rate >= 4 && rate <= 7, "seed " + seed + ": " + rate + " Hz");
            double inDegree = net.recurrent().synapseCount() / 2000.0;
            assertEquals(80, inDegree, 4 * Math.sqrt(80.0 / 2000), "mean in-degree (4 sigma of the binomial mean)");
        }
    }

    /**
     * Poisson input: M = 400 sources at r = 50 Hz for T = 1 s (10^4 steps of p = r·h = 0.005) give
     * Binomial(4·10^6, 0.005) spikes: mean 20000, sd ≈ 141; accepted within 5 sd. Halving the rate
     * halves the count (again within 5 sd). Input events = input spikes × out-degree (2 here). With
     * the layer's neurons unable to fire (threshold far away), the time-averaged excitatory current
     * of a target of k sources is k·r·w·τ_e (Campbell's theorem); every target here has k = 4
     * sources (s and s + 200 through the first synapse, s − 1 and s + 199 through the second), so
     * 4·50 Hz·1 mV·5 ms = 1 mV, checked on the mean over all neurons and steps to 5 %.
     */
    @Test
    void poissonInputHasTheRequestedRateAndDrivesTheMeanCurrent() {
        int m = 400;
        int n = 200;
        Synapses.Builder b = new Synapses.Builder(m, n);
        for (int s = 0; s < m; s++) {
            b.add(s, s % n, 1e-3).add(s, (s + 1) % n, 1e-3);
        }
        LifLayer layer = new LifLayer(LifParameters.lif(20e-3, 0, 1, -1), n, 1e-4);
        PoissonInput input = new PoissonInput(b.build(), 50, RandomSource.XO_SHI_RO_256_PP.create(3L));
        Synapses none = new Synapses(n, new int[n + 1], new int[0], new float[0], new boolean[n]);
        SpikingNetwork net = new SpikingNetwork(layer, none, input);
        double sumCurrent = 0;
        for (int k = 0; k < 10_000; k++) {
            net.step();
            for (double c : layer.excitatoryCurrentVolts()) {
                sumCurrent += c;
            }
        }
        assertEquals(20_000, net.inputSpikeCount(), 5 * Math.sqrt(4e6 * 0.005 * 0.995));
        assertEquals(2 * net.inputSpikeCount(), net.inputSynapticEvents());
        assertEquals(0, net.spikeCount());
        double meanCurrent = sumCurrent / (10_000.0 * n);
        assertEquals(1e-3, meanCurrent, 0.05 * 1e-3);
        long before = net.inputSpikeCount();
        input.setRateHz(25);
        net.run(10_000, null, null);
        assertEquals(10_000, net.inputSpikeCount() - before, 5 * Math.sqrt(4e6 * 0.0025));
    }

    /** Cancellation is polled every CHECK_EVERY steps; progress reports done/total, last at the stop. */
    @Test
    void runStopsWhenCancelledAndReportsProgress() {
        SpikingNetwork net = CubaNetwork.create(300, RandomSource.XO_SHI_RO_256_PP.create(9L));
        List<int[]> reports = new ArrayList<>();
        int done = net.run(10_000, () -> net.stepCount() >= 600, (d, t) -> reports.add(new int[] {d, t}));
        assertEquals(3 * SpikingNetwork.CHECK_EVERY, done, "stops at the first check after 600 steps");
        assertEquals(done, net.stepCount());
        assertArrayEquals(new int[] {done, 10_000}, reports.get(reports.size() - 1));
        Thread.currentThread().interrupt();
        try {
            assertEquals(SpikingNetwork.CHECK_EVERY, net.threads(2).run(10_000, null, null), "interrupt stops too");
        } finally {
            assertTrue(Thread.interrupted(), "the interrupt flag is left set");
        }
    }
}
