package dev.kirchhoff.tiling.hw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HardwareDescriptionsTest {
    private static final ObjectMapper TREE = new ObjectMapper();

    /** The default description's JSON after an edit of its tree. */
    private static String edited(Consumer<ObjectNode> edit) throws IOException {
        ObjectNode root = (ObjectNode) TREE.readTree(HardwareDescriptions.toJson(HardwareDescriptions.defaultDescription()));
        edit.accept(root);
        return TREE.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    }

    private static String failure(String json) {
        return assertThrows(HardwareFormatException.class, () -> HardwareDescriptions.parse(json, "hw.json")).getMessage();
    }

    private static void assertMessage(String message, String... parts) {
        for (String p : parts) {
            assertTrue(message.contains(p), "expected '" + p + "' in: " + message);
        }
    }

    /**
     * The bundled default carries the cited figures: ISAAC's 1.67 pJ ADC and 0.39 pJ DAC
     * conversions and its 100 ns read (MODELS.md §4), Loihi's 3.0 pJ / 4.1 ns east–west and
     * 4.2 pJ / 6.5 ns north–south hops and 23.6 pJ synaptic op (Davies et al. 2018 via SANA-FE),
     * SANA-FE's 69.3 pJ spiking soma, and 256×256 tiles. Exact equality: the file holds these decimals.
     */
    @Test
    void defaultCarriesTheCitedFigures() {
        HardwareDescription hw = HardwareDescriptions.defaultDescription();
        assertEquals(256, hw.tile().rows());
        assertEquals(256, hw.tile().columns());
        assertEquals(1.67e-12, hw.energy().adcConversionJoules());
        assertEquals(0.39e-12, hw.energy().dacConversionJoules());
        assertEquals(3.0e-12, hw.energy().hopEastWestJoules());
        assertEquals(4.2e-12, hw.energy().hopNorthSouthJoules());
        assertEquals(23.6e-12, hw.energy().synapticOpJoules());
        assertEquals(69.3e-12, hw.energy().spikeJoules());
        assertEquals(4.1e-9, hw.latency().hopEastWestSeconds());
        assertEquals(6.5e-9, hw.latency().hopNorthSouthSeconds());
        assertEquals(100e-9, hw.latency().readPulseSeconds());
    }

    /** load → save → load gives an equal description, and saving it again gives the same text. */
    @Test
    void roundTripIsIdentical(@TempDir Path dir) throws IOException {
        HardwareDescription hw = HardwareDescriptions.defaultDescription().withPlacements(List.of(
                new HardwareDescription.Placement("fc1", 0, 0, 0, 0),
                new HardwareDescription.Placement("fc1", 1, 0, 7, 3)));
        Path file = dir.resolve("hw.json");
        HardwareDescriptions.write(hw, file);
        HardwareDescription back = HardwareDescriptions.read(file);
        assertEquals(hw, back);
        assertEquals(Files.readString(file), HardwareDescriptions.toJson(back));
        assertEquals(7, back.coreOf("fc1", 1, 0)[0]);
        assertEquals(3, back.coreOf("fc1", 1, 0)[1]);
    }

    @Test
    void negativeEnergyFailsWithItsPath() throws IOException {
        String msg = failure(edited(r -> ((ObjectNode) r.get("energy")).put("adcConversionJoules", -1)));
        assertMessage(msg, "hw.json: $.energy.adcConversionJoules: must be ≥ 0", "got -1.0");
    }

    @Test
    void notANumberFailsWithItsPath() throws IOException {
        String msg = failure(edited(r -> ((ObjectNode) r.get("energy")).put("spikeJoules", "NaN")));
        assertMessage(msg, "$.energy.spikeJoules: ", "NaN");
    }

    @Test
    void zeroSizeTileFailsWithItsPath() throws IOException {
        assertMessage(failure(edited(r -> ((ObjectNode) r.get("tile")).put("rows", 0))),
                "$.tile.rows: must be ≥ 1, got 0");
        assertMessage(failure(edited(r -> ((ObjectNode) r.get("tile")).put("columns", 0))),
                "$.tile.columns: must be ≥ 1, got 0");
        assertMessage(failure(edited(r -> ((ObjectNode) r.get("tile")).put("rows", 2.5))),
                "$.tile.rows: must be an integer, got 2.5");
    }

    @Test
    void placementOnAMissingCoreFailsWithItsPath() throws IOException {
        String msg = failure(edited(r -> {
            ArrayNode p = r.putArray("placements");
            p.addObject().put("layer", "fc1").put("tileRow", 0).put("tileColumn", 0).put("x", 1).put("y", 1);
            p.addObject().put("layer", "fc1").put("tileRow", 1).put("tileColumn", 0).put("x", 8).put("y", 0);
        }));
        assertMessage(msg, "$.placements[1].x: ", "core (8, 0)", "8×4 mesh", "missing core");
        String south = failure(edited(r -> r.putArray("placements").addObject().put("layer", "fc1").put("tileRow", 0)
                .put("tileColumn", 0).put("x", 0).put("y", 4)));
        assertMessage(south, "$.placements[0].y: ", "missing core");
        String negative = failure(edited(r -> r.putArray("placements").addObject().put("layer", "fc1").put("tileRow", 0)
                .put("tileColumn", 0).put("x", -1).put("y", 0)));
        assertMessage(negative, "$.placements[0].x: must be ≥ 0, got -1");
    }

    @Test
    void duplicatePlacementFailsWithItsPath() throws IOException {
        String msg = failure(edited(r -> {
            ArrayNode p = r.putArray("placements");
            p.addObject().put("layer", "fc1").put("tileRow", 0).put("tileColumn", 1).put("x", 1).put("y", 1);
            p.addObject().put("layer", "fc1").put("tileRow", 0).put("tileColumn", 1).put("x", 2).put("y", 1);
        }));
        assertMessage(msg, "$.placements[1]: ", "again", "placements[0]");
    }

    @Test
    void unknownAndMissingFieldsFailWithTheirPaths() throws IOException {
        assertMessage(failure(edited(r -> ((ObjectNode) r.get("energy")).put("adcJoules", 1e-12))),
                "$.energy.adcJoules: unknown field 'adcJoules'");
        assertMessage(failure(edited(r -> ((ObjectNode) r.get("latency")).remove("readPulseSeconds"))),
                "$.latency.readPulseSeconds: missing required field");
        assertMessage(failure(edited(r -> r.remove("mesh"))), "$.mesh: missing required field");
        assertMessage(failure(edited(r -> r.put("schemaVersion", 9))), "$.schemaVersion: must be 1, got 9");
        assertMessage(failure(""), "hw.json: the file is empty");
    }

    /** The same checks hold for descriptions built in Java, naming the field. */
    @Test
    void javaConstructionChecksTheSameValues() {
        InvalidFieldException e = assertThrows(InvalidFieldException.class,
                () -> new HardwareDescription.Tile(0, 256, 2));
        assertEquals("rows", e.field());
        HardwareDescription hw = HardwareDescriptions.defaultDescription();
        InvalidFieldException out = assertThrows(InvalidFieldException.class,
                () -> hw.withMesh(new HardwareDescription.Mesh(2, 2)).withPlacements(
                        List.of(new HardwareDescription.Placement("a", 0, 0, 2, 0))));
        assertEquals("placements[0].x", out.field());
    }
}
