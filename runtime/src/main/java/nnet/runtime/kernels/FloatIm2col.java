package nnet.runtime.kernels;

import java.util.Arrays;

/**
 * Unfolds the input planes of a convolution into a column matrix, and folds such a matrix back. For
 * channels c, taps (kh, kw) and output positions (oh, ow), row {@code (c*kernelH + kh)*kernelW + kw} and
 * column {@code oh*outW + ow} of the column matrix hold the input element the tap reads there:
 * {@code x[c][oh*strideH + kh*dilationH - padH][ow*strideW + kw*dilationW - padW]}, or 0 where that is
 * outside the input. A convolution is then one matrix product with the weights, whose row-major
 * [outChannels][channels*kernelH*kernelW] layout is PyTorch's [out][in][kh][kw]. Rows are {@code ld}
 * elements apart (at least outH*outW), so that several images can sit side by side in one matrix.
 *
 * <p>Padding may be negative (the output then starts inside the input), which the input gradient needs
 * when it is computed as another convolution. Sizes are those of a {@link ConvShape}, for one image and
 * one group: its cg channels. The valid ranges of a tap depend only on (kh, kw), so they
 * are computed once per tap, outside the loop over channels: they take integer divisions.
 */
final class FloatIm2col {
    private FloatIm2col() {
    }

    /** Writes the column matrix of one image and group, rows {@code ld} apart from colOff, of the planes at xOff. */
    static void im2col(ConvShape s, float[] x, int xOff, float[] col, int colOff, int ld) {
        if (s.positions == 0) {
            return;
        }
        int taps = s.kernelH * s.kernelW;
        // With unit strides and rows as long as the input's, each row of the column matrix is the input
        // plane shifted by a constant: one copy, then the columns that wrapped around are cleared.
        boolean shifted = s.strideH == 1 && s.strideW == 1 && s.outW == s.inW;
        for (int kh = 0; kh < s.kernelH; kh++) {
            int rowOffset = kh * s.dilationH - s.padH;
            int ohFirst = ConvRange.first(rowOffset, s.strideH, s.outH);
            int ohEnd = ConvRange.end(s.inH, rowOffset, s.strideH, s.outH);
            for (int kw = 0; kw < s.kernelW; kw++) {
                int colOffset = kw * s.dilationW - s.padW;
                int first = ConvRange.first(colOffset, s.strideW, s.outW);
                int end = ConvRange.end(s.inW, colOffset, s.strideW, s.outW);
                int tap = kh * s.kernelW + kw;
                for (int c = 0; c < s.cg; c++) {
                    int src = xOff + c * s.plane + rowOffset * s.inW + colOffset;
                    int dst = colOff + (c * taps + tap) * ld;
                    if (shifted) {
                        shiftedRow(x, src, s.inW, s.outH, ohFirst, ohEnd, first, end, col, dst);
                    } else {
                        gatheredRow(x, src, s.inW, s.outH, s.outW, s.strideH, s.strideW, ohFirst, ohEnd, first, end,
                                col, dst);
                    }
                }
            }
        }
    }

    /**
     * One row with unit strides and outW = width: output position q reads {@code x[src + q]} (src may lie
     * before the plane; only valid rows and columns are read). Rows [ohFirst, ohEnd) are copied in one go,
     * which also fills the columns outside [first, end) with neighbouring input rows; those are cleared.
     */
    private static void shiftedRow(float[] x, int src, int width, int outH, int ohFirst, int ohEnd,
                                   int first, int end, float[] col, int dst) {
        int lo = ohFirst * width + first;
        int hi = (ohEnd - 1) * width + end;
        if (hi <= lo || end <= first) {
            Arrays.fill(col, dst, dst + outH * width, 0);
            return;
        }
        Arrays.fill(col, dst, dst + lo, 0);
        System.arraycopy(x, src + lo, col, dst + lo, hi - lo);
        Arrays.fill(col, dst + hi, dst + outH * width, 0);
        int top = dst + ohFirst * width;
        int bottom = dst + (ohEnd - 1) * width;
        for (int ow = 0; ow < first; ow++) {
            clearColumn(col, top + width + ow, bottom + width, width);
        }
        for (int ow = end; ow < width; ow++) {
            clearColumn(col, top + ow, bottom, width);
        }
    }

    /** Zeroes every {@code stride}-th element from {@code from} up to {@code to}: one column down the rows. */
    private static void clearColumn(float[] col, int from, int to, int stride) {
        for (int i = from; i < to; i += stride) {
            col[i] = 0;
        }
    }

    /** One row in general: output (oh, ow) reads {@code x[src + oh*strideH*width + ow*strideW]} where valid. */
    private static void gatheredRow(float[] x, int src, int width, int outH, int outW, int strideH, int strideW,
                                    int ohFirst, int ohEnd, int first, int end, float[] col, int dst) {
        Arrays.fill(col, dst, dst + ohFirst * outW, 0);
        for (int oh = ohFirst; oh < ohEnd; oh++) {
            int row = dst + oh * outW;
            int from = src + oh * strideH * width + first * strideW;
            Arrays.fill(col, row, row + first, 0);
            if (strideW == 1 && end > first) {
                System.arraycopy(x, from, col, row + first, end - first);
            } else if (strideW > 1) {
                for (int ow = first; ow < end; ow++, from += strideW) {
                    col[row + ow] = x[from];
                }
            }
            Arrays.fill(col, row + end, row + outW, 0);
        }
        Arrays.fill(col, dst + ohEnd * outW, dst + outH * outW, 0);
    }

    /**
     * The transpose of {@link #im2col}: adds each element of the column matrix (rows {@code ld} apart) to
     * the input element it was read from. Each input element receives its terms in tap order.
     */
    static void col2im(ConvShape s, float[] col, int colOff, int ld, float[] x, int xOff) {
        int taps = s.kernelH * s.kernelW;
        for (int kh = 0; kh < s.kernelH; kh++) {
            int rowOffset = kh * s.dilationH - s.padH;
            int ohFirst = ConvRange.first(rowOffset, s.strideH, s.outH);
            int ohEnd = ConvRange.end(s.inH, rowOffset, s.strideH, s.outH);
            for (int kw = 0; kw < s.kernelW; kw++) {
                int colOffset = kw * s.dilationW - s.padW;
                int first = ConvRange.first(colOffset, s.strideW, s.outW);
                int end = ConvRange.end(s.inW, colOffset, s.strideW, s.outW);
                for (int c = 0; c < s.cg; c++) {
                    int row = colOff + (c * taps + kh * s.kernelW + kw) * ld;
                    int dst = xOff + c * s.plane + rowOffset * s.inW + colOffset;
                    addRow(col, row, s.outW, x, dst, s.inW * s.strideH, s.strideW, ohFirst, ohEnd, first, end);
                }
            }
        }
    }

    /** Adds rows [ohFirst, ohEnd), columns [first, end) of a column-matrix row to the inputs they came from. */
    private static void addRow(float[] col, int row, int outW, float[] x, int dst, int rowStep, int strideW,
                               int ohFirst, int ohEnd, int first, int end) {
        for (int oh = ohFirst; oh < ohEnd; oh++) {
            int to = dst + oh * rowStep + first * strideW;
            int from = row + oh * outW;
            for (int ow = first; ow < end; ow++, to += strideW) {
                x[to] += col[from + ow];
            }
        }
    }
}
