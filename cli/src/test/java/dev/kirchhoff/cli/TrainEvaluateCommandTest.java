package dev.kirchhoff.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kirchhoff.training.ModelFile;
import dev.kirchhoff.training.ModelHeader;
import dev.kirchhoff.training.pipeline.ModelTraining;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kirchhoff train} and {@code kirchhoff evaluate} end to end on small networks, and their bad input. */
class TrainEvaluateCommandTest {
    @TempDir
    Path dir;

    /**
     * A one-epoch 784-32-10 hwa model on PCM: the file reads back with its mode, sizes and profile;
     * the CSV has the contract header and one row per (scale, seed, time) in that order, every
     * accuracy in [0, 1] and far above chance (a trained network), and the same seed gives the same
     * CSV on one thread and two.
     */
    @Test
    void trainsSavesAndEvaluatesAModel() throws IOException {
        Path model = dir.resolve("hwa.khm");
        CliRun train = CliRun.of("train", "--layers", "784,32,10", "--mode", "hwa", "--profile", "pcm-nandakumar-2019",
                "--epochs", "1", "--seed", "4", "--out", model.toString());
        assertEquals(0, train.status(), train.err());
        assertTrue(train.out().strip().matches("model=.* mode=hwa test_accuracy=0\\.\\d{4} epochs=1 seconds=\\d+\\.\\d"),
                train.out());
        assertTrue(train.err().contains("train: epoch 1/1"), train.err());
        ModelFile.Contents c = ModelFile.read(model);
        assertEquals(ModelHeader.Mode.HWA, c.header().mode());
        assertArrayEquals(new int[] {784, 32, 10}, c.header().sizeArray());
        assertEquals("pcm-nandakumar-2019", c.header().profile());

        Path csv1 = dir.resolve("a1.csv");
        Path csv2 = dir.resolve("a2.csv");
        for (Object[] run : new Object[][] {{csv1, "1"}, {csv2, "2"}}) {
            CliRun eval = CliRun.of("evaluate", "--model", model.toString(), "--profile", "pcm-nandakumar-2019",
                    "--drift-times", "1,86400", "--variability-scales", "0,2", "--seeds", "2", "--threads",
                    (String) run[1], "--out", run[0].toString());
            assertEquals(0, eval.status(), eval.err());
            assertTrue(eval.out().contains("variability_scale=2 drift_time_s=86400 accuracy_mean="), eval.out());
        }
        List<String> lines = Files.readAllLines(csv1);
        assertEquals("model,profile,variability_scale,drift_time_s,seed,accuracy", lines.get(0));
        assertEquals(1 + 2 * 2 * 2, lines.size());
        String[] expectedKeys = {"0,1,0", "0,86400,0", "0,1,1", "0,86400,1", "2,1,0", "2,86400,0", "2,1,1", "2,86400,1"};
        for (int i = 0; i < expectedKeys.length; i++) {
            String[] f = lines.get(i + 1).split(",");
            assertEquals("hwa.khm", f[0]);
            assertEquals("pcm-nandakumar-2019", f[1]);
            assertEquals(expectedKeys[i], f[2] + "," + f[3] + "," + f[4], "row " + (i + 1));
            double accuracy = Double.parseDouble(f[5]);
            assertTrue(accuracy > 0.5 && accuracy <= 1, "accuracy " + accuracy);
        }
        assertEquals(Files.readString(csv1), Files.readString(csv2), "one thread and two");
    }

    /**
     * A snn model (784-32-10, one epoch) on the tiled chip: accuracy over 5 images and the
     * energy/latency contract line last, both positive; a fp model is refused with exit 2.
     */
    @Test
    void aTrainedSpikingModelRunsOnTheChip() throws IOException {
        Path snn = dir.resolve("snn.khm");
        assertEquals(0, CliRun.of("train", "--layers", "784,32,10", "--mode", "snn", "--epochs", "1", "--out",
                snn.toString()).status());
        CliRun chip = CliRun.of("snn", "chip", "--model", snn.toString(), "--images", "5", "--steps", "30");
        assertEquals(0, chip.status(), chip.err());
        List<String> lines = chip.out().lines().toList();
        assertTrue(lines.get(lines.size() - 2).matches("accuracy=\\d\\.\\d{4} correct=[0-5] tested=5"), chip.out());
        String last = lines.get(lines.size() - 1);
        assertTrue(last.matches("energy_per_inference_joules=\\S+ latency_per_inference_seconds=\\S+"), last);
        assertTrue(Double.parseDouble(last.replaceAll(".*joules=(\\S+) .*", "$1")) > 0, last);
        Path fp = dir.resolve("fp.khm");
        assertEquals(0, CliRun.of("train", "--layers", "784,10", "--epochs", "1", "--out", fp.toString()).status());
        CliRun refused = CliRun.of("snn", "chip", "--model", fp.toString());
        assertEquals(2, refused.status());
        assertTrue(refused.err().contains("snn model"), refused.err());
    }

    /** A spiking model trained through time is an ordinary snn model file; a bad method exits 2. */
    @Test
    void surrogateTrainingWritesASnnModel() throws IOException {
        Path sg = dir.resolve("sg.khm");
        CliRun run = CliRun.of("train", "--layers", "784,32,10", "--mode", "snn", "--snn-training", "surrogate",
                "--epochs", "1", "--out", sg.toString());
        assertEquals(0, run.status(), run.err());
        ModelFile.Contents c = ModelFile.read(sg);
        assertEquals(ModelHeader.Mode.SNN, c.header().mode());
        assertEquals(List.of(1.0, 1.0), c.header().outputScales());
        double accuracy = Double.parseDouble(run.out().replaceAll("(?s).*test_accuracy=(\\S+) .*", "$1"));
        assertTrue(accuracy > 0.5, run.out());
        CliRun bad = CliRun.of("train", "--layers", "784,10", "--mode", "snn", "--snn-training", "magic", "--out",
                dir.resolve("x.khm").toString());
        assertEquals(2, bad.status());
        assertTrue(bad.err().contains("--snn-training"), bad.err());
    }

    @Test
    void anUnknownProfileExitsTwoNamingIt() {
        CliRun run = CliRun.of("train", "--layers", "784,10", "--mode", "hwa", "--profile", "no-such-device", "--out",
                dir.resolve("m.khm").toString());
        assertEquals(2, run.status());
        assertTrue(run.err().contains("no-such-device") && run.err().lines().count() == 1, run.err());
        assertFalse(Files.exists(dir.resolve("m.khm")));
    }

    @Test
    void layerSizesThatDoNotMatchTheDataExitTwo() {
        CliRun run = CliRun.of("train", "--layers", "100,10", "--out", dir.resolve("m.khm").toString());
        assertEquals(2, run.status());
        assertTrue(run.err().contains("784 pixels") && run.err().contains("got 100"), run.err());
        run = CliRun.of("train", "--layers", "784,32,5", "--out", dir.resolve("m.khm").toString());
        assertEquals(2, run.status());
        assertTrue(run.err().contains("10 classes") && run.err().contains("got 5"), run.err());
    }

    /** A model file cut short or with a flipped weight byte: exit 2, one line naming the file and the problem. */
    @Test
    void aCorruptModelExitsTwoNamingTheFile() throws IOException {
        Path model = dir.resolve("fp.khm");
        assertEquals(0, CliRun.of("train", "--layers", "784,10", "--epochs", "1", "--out", model.toString()).status());
        byte[] bytes = Files.readAllBytes(model);
        Path cut = dir.resolve("cut.khm");
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        Path flipped = dir.resolve("flipped.khm");
        bytes[bytes.length - 7] ^= 0x10;
        Files.write(flipped, bytes);
        for (Path bad : new Path[] {cut, flipped}) {
            CliRun run = CliRun.of("evaluate", "--model", bad.toString(), "--profile", "pcm-nandakumar-2019", "--seeds", "1");
            assertEquals(2, run.status(), run.err());
            assertTrue(run.err().contains(bad.getFileName().toString()) && run.err().lines().count() == 1, run.err());
        }
    }

    /**
     * Analog mode holds each weight on {@value ModelTraining#ANALOG_DEVICES_PER_CELL} devices
     * unless told otherwise, and says so in the model header; {@code --devices-per-cell} outside
     * [1, 64] exits 2 naming the option, before any training.
     */
    @Test
    void analogModeUsesUnitCellsAndSaysSoInTheHeader() throws IOException {
        Path model = dir.resolve("analog.khm");
        CliRun run = CliRun.of("train", "--layers", "784,10", "--mode", "analog", "--profile", "rram-soft-bounds",
                "--epochs", "1", "--out", model.toString());
        assertEquals(0, run.status(), run.err());
        ModelFile.Contents c = ModelFile.read(model);
        assertEquals(ModelHeader.Mode.ANALOG, c.header().mode());
        String analog = c.header().provenance().get("analog");
        assertTrue(analog.contains(ModelTraining.ANALOG_DEVICES_PER_CELL + " devices per weight")
                && analog.contains("SINGLE_RANDOM"), analog);
        double accuracy = Double.parseDouble(run.out().replaceAll("(?s).*test_accuracy=(\\S+) .*", "$1"));
        assertTrue(accuracy > 0.6, run.out());
        for (String bad : new String[] {"0", "65"}) {
            CliRun refused = CliRun.of("train", "--layers", "784,10", "--mode", "analog", "--profile", "rram-soft-bounds",
                    "--devices-per-cell", bad, "--out", dir.resolve("no.khm").toString());
            assertEquals(2, refused.status(), refused.err());
            assertTrue(refused.err().contains("--devices-per-cell") && refused.err().contains(bad), refused.err());
            assertFalse(Files.exists(dir.resolve("no.khm")));
        }
    }

    @Test
    void anEmptySweepOrBadModeExitsTwo() {
        CliRun run = CliRun.of("train", "--layers", "784,10", "--mode", "quantum", "--out", dir.resolve("m.khm").toString());
        assertEquals(2, run.status());
        assertTrue(run.err().contains("--mode"), run.err());
        run = CliRun.of("evaluate", "--model", dir.resolve("none.khm").toString(), "--profile", "pcm-nandakumar-2019");
        assertEquals(2, run.status());
        assertTrue(run.err().contains("none.khm"), run.err());
    }
}
