package dev.kirchhoff.plots;

import static dev.kirchhoff.plots.ReportChartsTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RecordsTest {
    @Test
    void bandCopiesItsArrays() {
        double[] x = {1, 2};
        double[] mean = {0.5, 0.6};
        double[] std = {0.1, 0.1};
        Band b = new Band("fp", x, mean, std);
        x[0] = 99;
        b.mean()[0] = 99;
        assertArrayEquals(new double[] {1, 2}, b.x());
        assertArrayEquals(new double[] {0.5, 0.6}, b.mean());
        assertEquals(new Band("fp", new double[] {1, 2}, mean, std), b);
        assertEquals(2, b.size());
    }

    @Test
    void bandRejectsBadFieldsByName() {
        double[] ok = {1, 2};
        assertMessage(() -> new Band(null, ok, ok, ok), "name");
        assertMessage(() -> new Band(" ", ok, ok, ok), "name");
        assertMessage(() -> new Band("b", new double[0], new double[0], new double[0]), "x", "length 0");
        assertMessage(() -> new Band("b", ok, new double[] {1}, ok), "mean", "2", "1");
        assertMessage(() -> new Band("b", ok, ok, new double[] {1, 2, 3}), "std", "3");
        assertMessage(() -> new Band("b", ok, new double[] {1, Double.NaN}, ok), "mean[1]", "NaN");
        assertMessage(() -> new Band("b", ok, ok, new double[] {0, -0.5}), "std[1]", "-0.5");
        assertMessage(() -> new Band("b", new double[] {2, 1}, ok, ok), "x", "ascending");
        assertMessage(() -> new Band("b", ok, ok, null), "std");
    }

    @Test
    void namedSampleCopiesAndValidates() {
        double[] v = {1e-6, 2e-6};
        NamedSample s = new NamedSample("g", v);
        v[0] = 0;
        assertArrayEquals(new double[] {1e-6, 2e-6}, s.values());
        assertMessage(() -> new NamedSample("g", new double[0]), "values", "length 0");
        assertMessage(() -> new NamedSample("g", new double[] {Double.NEGATIVE_INFINITY}), "values[0]", "Infinity");
        assertMessage(() -> new NamedSample("", v), "name");
    }
}
