package nnet.runtime.report;

import java.util.List;

/** SVG text built element by element; every string that reaches the file is escaped. */
final class SvgCanvas {
    private final StringBuilder sb = new StringBuilder();
    private int clips;

    SvgCanvas(int width, int height) {
        sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"")
                .append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\">\n");
        sb.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    }

    void text(double x, double y, String s, String anchor, int size, String weight, String color) {
        sb.append("<text x=\"").append(SvgPlot.number(x)).append("\" y=\"").append(SvgPlot.number(y))
                .append("\" text-anchor=\"").append(anchor).append("\" font-size=\"").append(size)
                .append("\" font-weight=\"").append(weight).append("\" fill=\"").append(color).append("\">")
                .append(escape(s)).append("</text>\n");
    }

    /** Text turned a quarter anticlockwise about its position, as a y axis label. */
    void verticalText(double x, double y, String s, int size) {
        sb.append("<text transform=\"translate(").append(SvgPlot.number(x)).append(',').append(SvgPlot.number(y))
                .append(") rotate(-90)\" text-anchor=\"middle\" font-size=\"").append(size)
                .append("\" fill=\"#333\">").append(escape(s)).append("</text>\n");
    }

    void line(double x1, double y1, double x2, double y2, String color, double width, String dash) {
        sb.append("<line x1=\"").append(SvgPlot.number(x1)).append("\" y1=\"").append(SvgPlot.number(y1))
                .append("\" x2=\"").append(SvgPlot.number(x2)).append("\" y2=\"").append(SvgPlot.number(y2))
                .append("\" stroke=\"").append(color).append("\" stroke-width=\"").append(width).append('"')
                .append(dash == null ? "" : " stroke-dasharray=\"" + dash + "\"").append("/>\n");
    }

    void rect(double x, double y, double w, double h, String fill, String stroke) {
        sb.append("<rect x=\"").append(SvgPlot.number(x)).append("\" y=\"").append(SvgPlot.number(y))
                .append("\" width=\"").append(SvgPlot.number(w)).append("\" height=\"").append(SvgPlot.number(h))
                .append("\" fill=\"").append(fill).append("\" stroke=\"").append(stroke).append("\"/>\n");
    }

    /** Starts a group clipped to a rectangle; close it with {@link #endGroup}. */
    void clippedGroup(double x, double y, double w, double h) {
        String id = "clip" + clips++;
        sb.append("<clipPath id=\"").append(id).append("\"><rect x=\"").append(SvgPlot.number(x)).append("\" y=\"")
                .append(SvgPlot.number(y)).append("\" width=\"").append(SvgPlot.number(w)).append("\" height=\"")
                .append(SvgPlot.number(h)).append("\"/></clipPath>\n<g clip-path=\"url(#").append(id).append(")\">\n");
    }

    void endGroup() {
        sb.append("</g>\n");
    }

    void polyline(List<double[]> points, String color, double width, double opacity, String dash) {
        sb.append("<polyline fill=\"none\" stroke=\"").append(color).append("\" stroke-width=\"").append(width)
                .append("\" stroke-opacity=\"").append(opacity).append("\" stroke-linejoin=\"round\"")
                .append(dash == null ? "" : " stroke-dasharray=\"" + dash + "\"").append(" points=\"");
        for (double[] p : points) {
            sb.append(SvgPlot.number(p[0])).append(',').append(SvgPlot.number(p[1])).append(' ');
        }
        sb.append("\"/>\n");
    }

    void circle(double x, double y, double r, String color) {
        sb.append("<circle cx=\"").append(SvgPlot.number(x)).append("\" cy=\"").append(SvgPlot.number(y))
                .append("\" r=\"").append(r).append("\" fill=\"").append(color)
                .append("\" stroke=\"white\" stroke-width=\"1\"/>\n");
    }

    String finish() {
        return sb.append("</svg>\n").toString();
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                default -> out.append(c < 0x20 ? ' ' : c);
            }
        }
        return out.toString();
    }
}
