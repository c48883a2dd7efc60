package dev.kirchhoff.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Report configurations as JSON: round trip, partial files over a base, and errors that name the field. */
class ReportConfigsTest {
    @Test
    void aConfigurationReadsBackEqual() {
        ReportConfig c = ReportConfig.defaults().withProfile("rram-wan-2022");
        assertEquals(c, ReportConfigs.parse(ReportConfigs.toJson(c), ReportConfig.quick(), "config.json"));
    }

    @Test
    void absentFieldsKeepTheBase() {
        ReportConfig c = ReportConfigs.parse("{\"seeds\": 4, \"variabilityScales\": [0, 1, 4]}", ReportConfig.quick(), "c");
        assertEquals(4, c.seeds());
        assertArrayEquals(new double[] {0, 1, 4}, c.variabilityScales());
        assertEquals(ReportConfig.quick().epochs(), c.epochs());
        assertArrayEquals(ReportConfig.quick().driftTimesSeconds(), c.driftTimesSeconds());
    }

    @Test
    void errorsNameTheFileAndTheField() {
        String unknown = assertThrows(ReportConfigs.ConfigException.class,
                () -> ReportConfigs.parse("{\"seed\": 4}", ReportConfig.quick(), "c.json")).getMessage();
        assertTrue(unknown.startsWith("c.json: unknown field 'seed'"), unknown);
        String empty = assertThrows(ReportConfigs.ConfigException.class,
                () -> ReportConfigs.parse("{\"variabilityScales\": []}", ReportConfig.quick(), "c.json")).getMessage();
        assertTrue(empty.contains("variabilityScales must hold at least one value"), empty);
        String negative = assertThrows(ReportConfigs.ConfigException.class,
                () -> ReportConfigs.parse("{\"driftTimesSeconds\": [1, -5]}", ReportConfig.quick(), "c.json")).getMessage();
        assertTrue(negative.contains("driftTimesSeconds[1] must be positive"), negative);
        String type = assertThrows(ReportConfigs.ConfigException.class,
                () -> ReportConfigs.parse("{\"seeds\": \"ten\"}", ReportConfig.quick(), "c.json")).getMessage();
        assertTrue(type.contains("seeds"), type);
        assertThrows(ReportConfigs.ConfigException.class, () -> ReportConfigs.parse("  ", ReportConfig.quick(), "c.json"));
        assertThrows(ReportConfigs.ConfigException.class, () -> ReportConfigs.parse("[1]", ReportConfig.quick(), "c.json"));
        assertThrows(ReportConfigs.ConfigException.class, () -> ReportConfigs.parse("{\"seeds\": 2", ReportConfig.quick(), "c"));
    }

    @Test
    void theChartsMustShowSweptPoints() {
        ReportConfig q = ReportConfig.quick();
        String m = assertThrows(IllegalArgumentException.class, () -> new ReportConfig(q.profile(), q.layers(), 1, 1,
                new double[] {0, 2}, new double[] {1}, 1, 1, 1, 1, 0, 1, List.of())).getMessage();
        assertTrue(m.startsWith("driftChartScale must be one of variabilityScales"), m);
        assertThrows(IllegalArgumentException.class, () -> new ReportConfig(q.profile(), q.layers(), 1, 1,
                new double[] {1}, new double[] {1}, 1, 1, 60, 1, 0, 1, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new ReportConfig(q.profile(), q.layers(), 1, 1,
                new double[] {1, 1}, new double[] {1}, 1, 1, 1, 1, 0, 1, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new ReportConfig(q.profile(), q.layers(), 1, 1,
                new double[] {Double.NaN}, new double[] {1}, 1, 1, 1, Double.NaN, 0, 1, List.of()));
    }
}
