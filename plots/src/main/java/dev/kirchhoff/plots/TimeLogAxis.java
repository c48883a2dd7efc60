package dev.kirchhoff.plots;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;

import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTick;
import org.jfree.chart.axis.TickType;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;

/**
 * A logarithmic axis of durations in seconds whose ticks sit at readable units (1 s, 1 min, 1 h,
 * 1 day, 1 month, 1 year, …) instead of powers of ten. When fewer than two such units fall in the
 * range, it falls back to {@link LogAxis}'s own ticks.
 */
final class TimeLogAxis extends LogAxis {
    private static final long serialVersionUID = 1L;

    private static final double MINUTE = 60;
    private static final double HOUR = 3600;
    private static final double DAY = 86_400;
    /** 30 days. */
    private static final double MONTH = 30 * DAY;
    /** 365 days. */
    private static final double YEAR = 365 * DAY;

    /** Candidate ticks, ascending; the primary ones first in {@link #LEVELS}. */
    private static final double[] VALUES = {
        1e-3, 1e-2, 0.1, 1, 10, MINUTE, 10 * MINUTE, HOUR, 6 * HOUR, DAY, 7 * DAY, MONTH, YEAR, 10 * YEAR,
        100 * YEAR,
    };
    private static final String[] LABELS = {
        "1 ms", "10 ms", "100 ms", "1 s", "10 s", "1 min", "10 min", "1 h", "6 h", "1 day", "1 week",
        "1 month", "1 year", "10 years", "100 years",
    };
    /** 0: shown only when the range is short; 1: always a candidate. */
    private static final boolean[] PRIMARY = {
        true, true, true, true, false, true, false, true, false, true, false, true, true, true, true,
    };

    TimeLogAxis(String label) {
        super(label);
    }

    @Override
    public List refreshTicks(Graphics2D g2, AxisState state, Rectangle2D dataArea, RectangleEdge edge) {
        if (!RectangleEdge.isTopOrBottom(edge)) {
            return super.refreshTicks(g2, state, dataArea, edge);
        }
        double lo = getLowerBound();
        double hi = getUpperBound();
        List<NumberTick> primary = ticks(lo, hi, true, edge);
        if (primary.size() < 2) {
            return super.refreshTicks(g2, state, dataArea, edge);
        }
        List<NumberTick> all = ticks(lo, hi, false, edge);
        // The secondary units (10 s, 10 min, 6 h, 1 week) only when there is room for them.
        return all.size() <= 8 && all.size() > primary.size() && primary.size() <= 4 ? all : primary;
    }

    private static List<NumberTick> ticks(double lo, double hi, boolean primaryOnly, RectangleEdge edge) {
        List<NumberTick> ticks = new ArrayList<>();
        TextAnchor anchor = edge == RectangleEdge.TOP ? TextAnchor.BOTTOM_CENTER : TextAnchor.TOP_CENTER;
        for (int i = 0; i < VALUES.length; i++) {
            if ((PRIMARY[i] || !primaryOnly) && VALUES[i] >= lo && VALUES[i] <= hi) {
                ticks.add(new NumberTick(TickType.MAJOR, VALUES[i], LABELS[i], anchor, TextAnchor.CENTER, 0.0));
            }
        }
        return ticks;
    }
}
