package io.guidesdk.core.simulate;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A minimal line chart written as SVG. Hand-written on purpose: the charts are a few polylines with
 * axes and a legend, and the plotting libraries on Maven Central (JFreeChart with JFreeSVG, XChart)
 * would add several megabytes of AWT-based dependencies to the SDK for this one picture.
 */
public final class SvgPlot {
  private static final String[] COLORS = {"#d62728", "#1f77b4", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b",
      "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"};

  private SvgPlot() {}

  /** One panel per entry of {@code panels}: title → (series name → y values at {@code x}). */
  public static String lines(String title, String xLabel, String yLabel, double[] x,
      List<Map.Entry<String, Map<String, double[]>>> panels) {
    int w = 640;
    int h = 400;
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" "
            + "font-size=\"12\">\n<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n",
        w * panels.size(), h + 30));
    s.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"18\" font-size=\"15\">%s</text>\n", esc(title)));
    for (int p = 0; p < panels.size(); p++) {
      panel(s, p * w, 30, w, h, panels.get(p).getKey(), xLabel, yLabel, x, panels.get(p).getValue());
    }
    return s.append("</svg>\n").toString();
  }

  private static void panel(StringBuilder s, int ox, int oy, int w, int h, String title, String xLabel,
      String yLabel, double[] x, Map<String, double[]> series) {
    int left = ox + 70;
    int right = ox + w - 170;
    int top = oy + 30;
    int bottom = oy + h - 50;
    double xmax = x[x.length - 1];
    double ymax = 0;
    for (double[] ys : series.values()) {
      for (double y : ys) {
        ymax = Math.max(ymax, y);
      }
    }
    ymax = ymax <= 0 ? 1 : ymax * 1.05;
    s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"13\">%s</text>\n", left, top - 10,
        esc(title)));
    s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>\n",
        left, bottom, right, bottom));
    s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>\n",
        left, top, left, bottom));
    for (int t = 0; t <= 4; t++) {
      double yv = ymax * t / 4;
      double yy = bottom - (bottom - top) * t / 4.0;
      s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%.0f</text>\n", left - 5,
          yy + 4, yv));
      double xv = xmax * t / 4;
      double xx = left + (right - left) * t / 4.0;
      s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%.0f</text>\n", xx,
          bottom + 16, xv));
    }
    s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>\n",
        (left + right) / 2, bottom + 34, esc(xLabel)));
    s.append(String.format(Locale.ROOT,
        "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" transform=\"rotate(-90 %d %d)\">%s</text>\n", ox + 18,
        (top + bottom) / 2, ox + 18, (top + bottom) / 2, esc(yLabel)));
    int i = 0;
    for (Map.Entry<String, double[]> e : series.entrySet()) {
      String color = COLORS[i % COLORS.length];
      StringBuilder pts = new StringBuilder();
      double[] ys = e.getValue();
      for (int k = 0; k < ys.length; k++) {
        pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", left + (right - left) * x[k] / xmax,
            bottom - (bottom - top) * ys[k] / ymax));
      }
      s.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"%s\" points=\"%s\"/>\n",
          color, i == 0 ? "2.5" : "1.5", pts.toString().trim()));
      int ly = top + 14 * i;
      s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"/>\n",
          right + 10, ly, right + 30, ly, color));
      s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>\n", right + 35, ly + 4, esc(e.getKey())));
      i++;
    }
  }

  private static String esc(String t) {
    return t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
