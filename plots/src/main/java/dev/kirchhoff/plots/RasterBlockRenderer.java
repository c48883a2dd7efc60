package dev.kirchhoff.plots;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Paint;
import java.awt.Shape;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;

import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CrosshairState;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYItemRendererState;
import org.jfree.data.xy.XYDataset;
import org.jfree.data.xy.XYZDataset;

/**
 * An {@link XYBlockRenderer} for a full integer grid (x = column 0…cols−1, y = row 0…rows−1,
 * blocks 1 × 1 centred on the integers) that paints the whole grid as one image the size of the
 * data area, instead of one rectangle per cell. A 256 × 256 map then draws in milliseconds and
 * its SVG holds one embedded PNG (tens of kB) instead of 65,536 {@code <rect>} elements (27 MB).
 *
 * <p>Each pixel of the data area takes the colour of the cell under its centre (nearest
 * neighbour), so the axes may be inverted or zoomed. Cells missing from the dataset, or with
 * coordinates off the grid, stay unpainted. Tooltips and item entities are not produced.
 */
final class RasterBlockRenderer extends XYBlockRenderer {
    private static final long serialVersionUID = 1L;

    private final int rows;
    private final int cols;

    RasterBlockRenderer(int rows, int cols, PaintScale scale) {
        this.rows = rows;
        this.cols = cols;
        setBlockWidth(1);
        setBlockHeight(1);
        setBlockAnchor(org.jfree.chart.ui.RectangleAnchor.CENTER);
        setPaintScale(scale);
    }

    @Override
    public void drawItem(Graphics2D g2, XYItemRendererState state, Rectangle2D dataArea, PlotRenderingInfo info,
            XYPlot plot, ValueAxis domainAxis, ValueAxis rangeAxis, XYDataset dataset, int series, int item,
            CrosshairState crosshairState, int pass) {
        if (item != 0) {
            return; // the whole grid is drawn with the first item
        }
        int[] cellRgb = new int[rows * cols]; // 0 = transparent: not in the dataset
        PaintScale scale = getPaintScale();
        XYZDataset xyz = (XYZDataset) dataset;
        int n = xyz.getItemCount(series);
        for (int i = 0; i < n; i++) {
            double x = xyz.getXValue(series, i);
            double y = xyz.getYValue(series, i);
            int c = (int) Math.rint(x);
            int r = (int) Math.rint(y);
            if (c >= 0 && c < cols && r >= 0 && r < rows) {
                Paint p = scale.getPaint(xyz.getZValue(series, i));
                cellRgb[r * cols + c] = p instanceof Color col ? col.getRGB() : 0xFF000000;
            }
        }

        int x0 = (int) Math.floor(dataArea.getMinX());
        int y0 = (int) Math.floor(dataArea.getMinY());
        int w = (int) Math.ceil(dataArea.getMaxX()) - x0;
        int h = (int) Math.ceil(dataArea.getMaxY()) - y0;
        if (w <= 0 || h <= 0) {
            return;
        }
        // Which grid column / row lies under each pixel centre (−1: off the grid).
        boolean vertical = plot.getOrientation() == org.jfree.chart.plot.PlotOrientation.VERTICAL;
        ValueAxis horizontalAxis = vertical ? domainAxis : rangeAxis;
        ValueAxis verticalAxis = vertical ? rangeAxis : domainAxis;
        int horizontalCount = vertical ? cols : rows;
        int verticalCount = vertical ? rows : cols;
        int[] across = new int[w];
        for (int px = 0; px < w; px++) {
            double v = horizontalAxis.java2DToValue(x0 + px + 0.5, dataArea,
                    vertical ? plot.getDomainAxisEdge() : plot.getRangeAxisEdge());
            int k = (int) Math.rint(v);
            across[px] = k >= 0 && k < horizontalCount && Math.abs(v - k) <= 0.5 ? k : -1;
        }
        int[] down = new int[h];
        for (int py = 0; py < h; py++) {
            double v = verticalAxis.java2DToValue(y0 + py + 0.5, dataArea,
                    vertical ? plot.getRangeAxisEdge() : plot.getDomainAxisEdge());
            int k = (int) Math.rint(v);
            down[py] = k >= 0 && k < verticalCount && Math.abs(v - k) <= 0.5 ? k : -1;
        }
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        int[] line = new int[w];
        for (int py = 0; py < h; py++) {
            int b = down[py];
            for (int px = 0; px < w; px++) {
                int a = across[px];
                if (a < 0 || b < 0) {
                    line[px] = 0;
                } else {
                    int c = vertical ? a : b;
                    int r = vertical ? b : a;
                    line[px] = cellRgb[r * cols + c];
                }
            }
            image.setRGB(0, py, w, 1, line, 0, w);
        }
        Shape clip = g2.getClip();
        g2.clip(dataArea);
        g2.drawImage(image, x0, y0, null);
        g2.setClip(clip);
    }
}
