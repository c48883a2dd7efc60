package dev.kirchhoff.tiling.hw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EnergyLedgerTest {
    private static final HardwareDescription HW = HardwareDescriptions.defaultDescription();

    /**
     * Priced events cost count × the description's per-event energy: 10 east–west hops of Loihi's
     * 3.0 pJ are 30 pJ, 4 north–south hops of 4.2 pJ are 16.8 pJ, 3 synaptic ops of 23.6 pJ are
     * 70.8 pJ; a cell read carries the energy its caller computed. Totals add per layer, per
     * component and overall. Tolerance 1e-12 relative: a handful of double additions.
     */
    @Test
    void pricesCountsByTheDescriptionAndAddsUp() {
        EnergyLedger led = new EnergyLedger(HW);
        int a = led.layer("a");
        int b = led.layer("b");
        assertEquals(a, led.layer("a"));
        led.add(a, Component.HOP_EAST_WEST, 10);
        led.add(b, Component.HOP_NORTH_SOUTH, 4);
        led.add(b, Component.SYNAPTIC_OP, 3);
        led.add(a, Component.CELL_READ, 8, 1.44e-13);
        assertEquals(30e-12, led.energyJoules(a, Component.HOP_EAST_WEST), 1e-12 * 30e-12);
        assertEquals(16.8e-12, led.energyJoules(Component.HOP_NORTH_SOUTH), 1e-12 * 16.8e-12);
        assertEquals(70.8e-12, led.energyJoules(b, Component.SYNAPTIC_OP), 1e-12 * 70.8e-12);
        assertEquals(30e-12 + 0.144e-12, led.layerEnergyJoules(a), 1e-12 * 30e-12);
        double total = 30e-12 + 16.8e-12 + 70.8e-12 + 0.144e-12;
        assertEquals(total, led.totalEnergyJoules(), 1e-12 * total);
        assertEquals(8, led.count(Component.CELL_READ));
        led.addInferences(2);
        assertEquals(total / 2, led.energyPerInferenceJoules(), 1e-12 * total);
        assertThrows(IllegalArgumentException.class, () -> led.add(a, Component.CELL_READ, 1));
    }

    /**
     * Latency is Σ over steps of the slowest layer in each step, a layer's busy times within a step
     * adding up: step 1 has a = 5 + 2 ns, b = 6 ns → 7 ns; step 2 has b = 3 ns → 3 ns; total 10 ns.
     */
    @Test
    void stepLatencyIsTheSlowestPath() {
        EnergyLedger led = new EnergyLedger(HW);
        int a = led.layer("a");
        int b = led.layer("b");
        led.addBusy(a, 5e-9);
        led.addBusy(a, 2e-9);
        led.addBusy(b, 6e-9);
        assertEquals(7e-9, led.endStep(), 1e-24);
        led.addBusy(b, 3e-9);
        assertEquals(10e-9, led.latencySeconds(), 1e-24);
        assertEquals(3e-9, led.endStep(), 1e-24);
        assertEquals(2, led.steps());
        assertEquals(9e-9, led.layerBusySeconds(b), 1e-24);
    }

    /** The CSV has one row per non-empty (layer, component), totals per component and overall, round-trippable numbers. */
    @Test
    void csvListsLayersComponentsAndTotals() {
        EnergyLedger led = new EnergyLedger(HW);
        int a = led.layer("fc,1");
        led.add(a, Component.ADC_CONVERSION, 3);
        String csv = led.toCsv();
        String[] lines = csv.split("\n");
        assertEquals("layer,component,count,energyJoules", lines[0]);
        assertEquals("\"fc,1\",ADC_CONVERSION,3," + 3 * 1.67e-12, lines[1]);
        assertEquals("ALL,ADC_CONVERSION,3," + 3 * 1.67e-12, lines[2]);
        assertEquals("ALL,TOTAL,," + 3 * 1.67e-12, lines[3]);
        assertTrue(led.summary().contains("ADC_CONVERSION"));
    }

    @Test
    void badReportsNameTheParameter() {
        EnergyLedger led = new EnergyLedger(HW);
        int a = led.layer("a");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> led.add(a, Component.SPIKE, -1)).getMessage()
                .contains("count"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> led.add(a, Component.CELL_READ, 1, Double.NaN))
                .getMessage().contains("energyJoules"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> led.addBusy(a, -1e-9)).getMessage()
                .contains("seconds"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> led.add(5, Component.SPIKE, 1)).getMessage()
                .contains("layer"));
        assertThrows(IllegalArgumentException.class, () -> led.layer(""));
    }
}
