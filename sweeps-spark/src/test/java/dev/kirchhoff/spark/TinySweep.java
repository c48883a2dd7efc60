package dev.kirchhoff.spark;

import dev.kirchhoff.profiles.Presets;
import dev.kirchhoff.training.Mlp;
import dev.kirchhoff.training.ModelFile;
import dev.kirchhoff.training.ModelHeader;
import dev.kirchhoff.training.TrainingConfig;
import dev.kirchhoff.training.hwa.AccuracySweep;
import dev.kirchhoff.training.pipeline.AccuracyCsv;
import dev.kirchhoff.training.pipeline.SweepJob;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.commons.rng.simple.RandomSource;
import org.apache.spark.SparkConf;

/**
 * The small sweep of the tests: an untrained 784-8-10 network on pcm-nandakumar-2019, 2 scales ×
 * 2 drift times × 2 seeds (4 trials, 8 rows), as in SweepEngineTest of hardware-aware-training.
 */
final class TinySweep {
    static final String MODEL = "tiny.khm";
    static final String PROFILE = "pcm-nandakumar-2019";
    static final double[] SCALES = {0, 1};
    static final double[] TIMES = {1, 86_400};
    static final int SEEDS = 2;
    static final long BASE_SEED = 10;

    private TinySweep() {
    }

    static byte[] modelBytes() {
        Mlp model = new Mlp(new int[] {784, 8, 10}, RandomSource.XO_SHI_RO_256_PP.create(7L));
        return ModelFile.toBytes(ModelHeader.of(model, ModelHeader.Mode.FP, TrainingConfig.defaults()), model);
    }

    static SweepJob job() {
        AccuracySweep.Settings settings = new AccuracySweep.Settings(SCALES, TIMES, SEEDS, BASE_SEED, false, true);
        return new SweepJob(MODEL, modelBytes(), Presets.load(PROFILE), settings);
    }

    static String csv(List<AccuracySweep.Row> rows) {
        StringWriter w = new StringWriter();
        try {
            AccuracyCsv.write(w, rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    /** Spark on two local threads, without the UI, with few shuffle partitions. */
    static SparkConf localConf() {
        return new SparkConf().setMaster("local[2]").setAppName("kirchhoff-test")
                .set("spark.ui.enabled", "false")
                .set("spark.sql.shuffle.partitions", "2")
                .set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1");
    }
}
