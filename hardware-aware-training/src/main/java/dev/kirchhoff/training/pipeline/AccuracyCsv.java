package dev.kirchhoff.training.pipeline;

import dev.kirchhoff.training.hwa.AccuracySweep;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;

/**
 * The accuracy CSV of {@code kirchhoff evaluate} and {@code kirchhoff report}: the header
 * {@value #HEADER} and one row per trial and drift time; numbers that are integers are written
 * without a decimal point, others in full precision (round-trippable), accuracy in [0, 1].
 */
public final class AccuracyCsv {
    /** The header line. */
    public static final String HEADER = "model,profile,variability_scale,drift_time_s,seed,accuracy";

    private AccuracyCsv() {
    }

    /** Writes the header and the rows. */
    public static void write(Writer w, List<AccuracySweep.Row> rows) throws IOException {
        w.write(HEADER);
        w.write('\n');
        for (AccuracySweep.Row r : rows) {
            w.write(String.format(Locale.ROOT, "%s,%s,%s,%s,%d,%s\n", field(r.model()), field(r.profile()),
                    number(r.variabilityScale()), number(r.driftTimeSeconds()), r.seed(), r.accuracy()));
        }
    }

    /** A number as written in the CSV: integers without a decimal point, others in full precision. */
    public static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    /** A CSV field: quoted when it holds a comma, quote or line break. */
    public static String field(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
