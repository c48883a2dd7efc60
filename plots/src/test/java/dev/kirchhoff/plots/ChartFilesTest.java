package dev.kirchhoff.plots;

import static dev.kirchhoff.plots.ReportChartsTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;

import org.jfree.chart.JFreeChart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class ChartFilesTest {
    private static JFreeChart chart() {
        return ReportCharts.energyBreakdown("test", new String[] {"cell reads", "ADC conversions"},
                new double[] {0.4e-9, 2.9e-9});
    }

    @Test
    void writesAPngOfTheSizeAndAnSvgThatParses(@TempDir Path dir) throws Exception {
        ChartFiles.writePngAndSvg(chart(), dir, "energy", 900, 560);

        BufferedImage png = ImageIO.read(dir.resolve("energy.png").toFile());
        assertEquals(900, png.getWidth());
        assertEquals(560, png.getHeight());

        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        Document svg = f.newDocumentBuilder().parse(dir.resolve("energy.svg").toFile());
        assertEquals("svg", svg.getDocumentElement().getLocalName());

        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("energy.png", "energy.svg"),
                    files.map(p -> p.getFileName().toString()).sorted().toList(), "no temporary files left");
        }
    }

    @Test
    void replacesExistingFilesAndCreatesTheFolder(@TempDir Path dir) throws IOException {
        Path sub = dir.resolve("report/charts");
        ChartFiles.writePngAndSvg(chart(), sub, "c", 300, 200);
        ChartFiles.writePngAndSvg(chart(), sub, "c", 400, 250);
        assertEquals(400, ImageIO.read(sub.resolve("c.png").toFile()).getWidth());
        try (Stream<Path> files = Files.list(sub)) {
            assertEquals(2, files.count());
        }
    }

    @Test
    void everyReportChartWritesBothFiles(@TempDir Path dir) throws IOException {
        ChartFiles.writePngAndSvg(ReportCharts.irDropMap("", 16, 16, new double[256], "loss (%)"), dir, "ir",
                900, 560);
        ChartFiles.writePngAndSvg(ReportCharts.accuracyVersusDrift("", List.of(new Band("fp",
                new double[] {1, 3600}, new double[] {0.9, 0.8}, new double[] {0.01, 0.02}))), dir, "drift", 900, 560);
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(4, files.count());
        }
    }

    @Test
    void rejectsBadArguments(@TempDir Path dir) {
        assertMessage(() -> ChartFiles.writePngAndSvg(chart(), dir, "c", 0, 10), "widthPx", "0");
        assertMessage(() -> ChartFiles.writePngAndSvg(chart(), dir, "c", 10, -1), "heightPx", "-1");
        assertMessage(() -> ChartFiles.writePngAndSvg(chart(), dir, "a/b", 10, 10), "baseName", "a/b");
        assertMessage(() -> ChartFiles.writePngAndSvg(chart(), dir, " ", 10, 10), "baseName");
        assertMessage(() -> ChartFiles.writePngAndSvg(null, dir, "c", 10, 10), "chart");
        assertMessage(() -> ChartFiles.writePngAndSvg(chart(), null, "c", 10, 10), "dir");
    }
}
