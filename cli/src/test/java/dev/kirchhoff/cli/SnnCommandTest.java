package dev.kirchhoff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kirchhoff.tiling.snn.CubaNetwork;
import dev.kirchhoff.tiling.snn.SpikingNetwork;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SnnCommandTest {
    private static final Pattern LAST = Pattern.compile("spikes=(\\d+) synaptic_events=(\\d+) wall_seconds=(\\d+\\.\\d+)");

    /**
     * A 500-neuron CUBA network for 0.2 s (2000 steps): the last line has the contract format; its
     * counts are those of the library run with the same seed (bit-reproducible, one thread or two);
     * the events lie between spikes × (least out-degree) and spikes × (largest out-degree); and the
     * printed mean rate is spikes / (N·T).
     */
    @Test
    void printsRatesAndTheCountLineLast() {
        CliRun run = CliRun.of("snn", "cuba", "--neurons", "500", "--duration-s", "0.2", "--seed", "3");
        assertEquals(0, run.status(), run.err());
        List<String> lines = run.out().lines().toList();
        Matcher m = LAST.matcher(lines.get(lines.size() - 1));
        assertTrue(m.matches(), "last line: " + lines.get(lines.size() - 1));
        long spikes = Long.parseLong(m.group(1));
        long events = Long.parseLong(m.group(2));
        assertTrue(Double.parseDouble(m.group(3)) > 0);
        SpikingNetwork lib = CubaNetwork.create(500, RandomSource.XO_SHI_RO_256_PP.create(3L));
        lib.run(2000, null, null);
        assertTrue(spikes > 0, "the network fires");
        assertEquals(lib.spikeCount(), spikes);
        assertEquals(lib.synapticEvents(), events);
        int minDeg = Integer.MAX_VALUE;
        int maxDeg = 0;
        for (int i = 0; i < 500; i++) {
            minDeg = Math.min(minDeg, lib.recurrent().outDegree(i));
            maxDeg = Math.max(maxDeg, lib.recurrent().outDegree(i));
        }
        assertTrue(events >= spikes * minDeg && events <= spikes * maxDeg, events + " events for " + spikes + " spikes");
        String rateLine = lines.stream().filter(l -> l.contains("mean_rate_hz=")).findFirst().orElseThrow();
        double rate = Double.parseDouble(rateLine.replaceAll(".*mean_rate_hz=(\\S+).*", "$1"));
        assertEquals(spikes / (500 * 0.2), rate, 1e-4);
        assertTrue(run.out().contains("seed=3"), "provenance: " + run.out());
    }

    /** Two threads (N = 3000: three chunks) print the same counts as one: the engine is bit-reproducible. */
    @Test
    void oneAndTwoThreadsPrintTheSameCounts() {
        String[] a = CliRun.of("snn", "cuba", "--neurons", "3000", "--duration-s", "0.1", "--threads", "1").out().strip().split("\n");
        String[] b = CliRun.of("snn", "cuba", "--neurons", "3000", "--duration-s", "0.1", "--threads", "2").out().strip().split("\n");
        String countsA = a[a.length - 1].replaceAll(" wall_seconds=.*", "");
        String countsB = b[b.length - 1].replaceAll(" wall_seconds=.*", "");
        assertTrue(countsA.matches("spikes=[1-9]\\d* synaptic_events=[1-9]\\d*"), countsA);
        assertEquals(countsA, countsB);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "--neurons 1|--neurons must be at least 2, got 1",
        "--neurons -5|--neurons must be at least 2, got -5",
        "--duration-s 0|--duration-s must be positive and finite, got 0.0",
        "--duration-s NaN|--duration-s must be positive and finite, got NaN",
        "--duration-s 1e-9|--duration-s must give between 1 and",
        "--threads 3|--threads must be 1 or 2, got 3",
        "--neurons many|--neurons",
    })
    void badInputExitsTwoWithOneLineNamingTheOption(String spec) {
        String[] parts = spec.split("\\|");
        CliRun run = CliRun.of(("snn cuba " + parts[0]).split(" "));
        assertEquals(2, run.status(), run.err());
        assertTrue(run.oneErrorLine(), run.err());
        assertTrue(run.err().startsWith("kirchhoff snn cuba: "), run.err());
        assertTrue(run.err().contains(parts[1]), run.err());
        assertEquals("", run.out());
    }

    /**
     * A small Diehl &amp; Cook run on memristive synapses (a bundled NeuroSim RRAM preset): the last
     * line has its format, the counts add up (tested images as asked, correct ≤ tested, accuracy
     * = correct/tested), and the same seed prints the same result.
     */
    @Test
    void stdpMnistPrintsTheAccuracyLast() {
        String[] args = {"snn", "stdp-mnist", "--synapses", "neurosim-ag-a-si", "--neurons", "10", "--train", "20",
            "--label", "20", "--test", "30", "--seed", "5"};
        CliRun run = CliRun.of(args);
        assertEquals(0, run.status(), run.err());
        List<String> lines = run.out().lines().toList();
        Matcher m = Pattern.compile("synapses=neurosim-ag-a-si accuracy=(\\S+) correct=(\\d+) tested=30 wall_seconds=\\S+")
                .matcher(lines.get(lines.size() - 1));
        assertTrue(m.matches(), "last line: " + lines.get(lines.size() - 1));
        int correct = Integer.parseInt(m.group(2));
        assertTrue(correct <= 30);
        assertEquals(correct / 30.0, Double.parseDouble(m.group(1)), 1e-4);
        String again = CliRun.of(args).out();
        assertEquals(lines.get(lines.size() - 1).replaceAll(" wall_seconds=.*", ""),
                again.strip().lines().reduce((a, b) -> b).orElseThrow().replaceAll(" wall_seconds=.*", ""));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "--train 0|--train and --label must be at least 1",
        "--train 7000 --label 2000|add up to at most 8000",
        "--test 2001|--test must be between 1 and 2000, got 2001",
        "--neurons 0|--neurons must be at least 1, got 0",
        "--synapses no-such-device|no-such-device",
        "--synapses rram-wan-2022|pulsedUpdate",
    })
    void stdpMnistBadInputExitsTwo(String spec) {
        String[] parts = spec.split("\\|");
        CliRun run = CliRun.of(("snn stdp-mnist " + parts[0]).split(" "));
        assertEquals(2, run.status(), run.err());
        assertTrue(run.oneErrorLine(), run.err());
        assertTrue(run.err().contains(parts[1]), run.err());
        assertEquals("", run.out());
    }

    /**
     * The chip command on a small network (784 → 20 → 5, 2 images × 10 steps): the last line
     * carries the energy and latency per inference, positive, and the energy equals the ledger's
     * total printed on the first summary line divided by the 2 inferences.
     */
    @Test
    void chipPrintsTheLedgerAndTheEnergyPerInference() {
        CliRun run = CliRun.of("snn", "chip", "--layers", "784,20,5", "--images", "2", "--steps", "10", "--seed", "4");
        assertEquals(0, run.status(), run.err());
        List<String> lines = run.out().lines().toList();
        Matcher m = Pattern.compile("energy_per_inference_joules=(\\S+) latency_per_inference_seconds=(\\S+)")
                .matcher(lines.get(lines.size() - 1));
        assertTrue(m.matches(), "last line: " + lines.get(lines.size() - 1));
        double perInference = Double.parseDouble(m.group(1));
        assertTrue(perInference > 0 && Double.parseDouble(m.group(2)) > 0, run.out());
        String total = lines.stream().filter(l -> l.startsWith("energy ")).findFirst().orElseThrow();
        double totalJoules = Double.parseDouble(total.replaceAll("^energy (\\S+) J.*", "$1"));
        assertEquals(totalJoules / 2, perInference, 1e-3 * perInference);
        assertTrue(run.out().contains("PACKET") && run.out().contains("CELL_READ") && run.out().contains("NEURON_UPDATE"),
                run.out());
    }

    /** A hardware description with a negative energy, an unknown field or a tile off the mesh: exit 2 naming the JSON path. */
    @ParameterizedTest
    @ValueSource(strings = {
        "\"adcConversionJoules\" : 1.67E-12|\"adcConversionJoules\" : -1.0|$.energy.adcConversionJoules",
        "\"placements\" : [ ]|\"placements\" : [ ], \"colour\" : 1|colour",
        "\"placements\" : [ ]|\"placements\" : [ {\"layer\":\"fc1\",\"tileRow\":0,\"tileColumn\":0,\"x\":99,\"y\":0} ]|missing core",
    })
    void chipRejectsABadHardwareDescription(String spec, @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        String[] p = spec.split("\\|");
        String json = dev.kirchhoff.tiling.hw.HardwareDescriptions.toJson(
                dev.kirchhoff.tiling.hw.HardwareDescriptions.defaultDescription());
        assertTrue(json.contains(p[0]), json);
        java.nio.file.Path file = dir.resolve("hw.json");
        java.nio.file.Files.writeString(file, json.replace(p[0], p[1]));
        CliRun run = CliRun.of("snn", "chip", "--hardware", file.toString(), "--images", "1", "--steps", "1");
        assertEquals(2, run.status(), run.err());
        assertTrue(run.oneErrorLine(), run.err());
        assertTrue(run.err().contains("hw.json") && run.err().contains(p[2]), run.err());
        assertEquals("", run.out());
    }
}
