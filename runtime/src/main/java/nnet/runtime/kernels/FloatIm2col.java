package nnet.runtime.kernels;

import java.util.Arrays;

/**
 * Unfolds the input planes of a convolution into a column matrix, and folds such a matrix back. For
 * channels c, taps (kh, kw) and output positions (oh, ow), row {@code (c*kernelH + kh)*kernelW + kw} and
 * column {@code oh*outW + ow} of the column matrix hold the input element the tap reads there:
 * {@code x[c][oh*strideH + kh*dilationH - padH][ow*strideW + kw*dilationW - padW]}, or 0 where that is
 * outside the input. A convolution is then one matrix product with the weights, whose row-major
 * [outChannels][channels*kernelH*kernelW] layout is PyTorch's [out][in][kh][kw].
 *
 * <p>Padding may be negative (the output then starts inside the input), which the backward pass of a
 * convolution needs when it is computed as another convolution.
 */
final class FloatIm2col {
    private FloatIm2col() {
    }

    /** Writes the column matrix (rows of outH*outW elements, from colOff) of the planes at xOff. */
    static void im2col(float[] x, int xOff, int channels, int height, int width, int outH, int outW,
                       int kernelH, int kernelW, int strideH, int strideW, int padH, int padW,
                       int dilationH, int dilationW, float[] col, int colOff) {
        int positions = outH * outW;
        if (positions == 0) {
            return;
        }
        // With unit strides and rows as long as the input's, each row of the column matrix is the input
        // plane shifted by a constant: one copy, then the columns that wrapped around are cleared.
        boolean shifted = strideH == 1 && strideW == 1 && outW == width;
        int dst = colOff;
        for (int c = 0; c < channels; c++) {
            int plane = xOff + c * height * width;
            for (int kh = 0; kh < kernelH; kh++) {
                int rowOffset = kh * dilationH - padH;
                for (int kw = 0; kw < kernelW; kw++) {
                    int colOffset = kw * dilationW - padW;
                    if (shifted) {
                        shiftedRow(x, plane, height, width, outH, rowOffset, colOffset, col, dst);
                    } else {
                        gatheredRow(x, plane, height, width, outH, outW, strideH, strideW, rowOffset, colOffset,
                                col, dst);
                    }
                    dst += positions;
                }
            }
        }
    }

    private static void shiftedRow(float[] x, int plane, int height, int width, int outH,
                                   int rowOffset, int colOffset, float[] col, int dst) {
        int positions = outH * width;
        int shift = rowOffset * width + colOffset;
        int lo = ConvRange.clamp(-shift, 0, positions);
        int hi = ConvRange.clamp(height * width - shift, lo, positions);
        Arrays.fill(col, dst, dst + lo, 0);
        if (hi > lo) {
            System.arraycopy(x, plane + lo + shift, col, dst + lo, hi - lo);
        }
        Arrays.fill(col, dst + hi, dst + positions, 0);
        int first = ConvRange.first(colOffset, 1, width);
        int end = ConvRange.end(width, colOffset, 1, width);
        for (int oh = lo / width; oh < (hi + width - 1) / width; oh++) {
            int row = dst + oh * width;
            Arrays.fill(col, row, row + first, 0);
            Arrays.fill(col, row + end, row + width, 0);
        }
    }

    private static void gatheredRow(float[] x, int plane, int height, int width, int outH, int outW,
                                    int strideH, int strideW, int rowOffset, int colOffset, float[] col, int dst) {
        int ohFirst = ConvRange.first(rowOffset, strideH, outH);
        int ohEnd = ConvRange.end(height, rowOffset, strideH, outH);
        int first = ConvRange.first(colOffset, strideW, outW);
        int end = ConvRange.end(width, colOffset, strideW, outW);
        Arrays.fill(col, dst, dst + ohFirst * outW, 0);
        for (int oh = ohFirst; oh < ohEnd; oh++) {
            int row = dst + oh * outW;
            int src = plane + (oh * strideH + rowOffset) * width + first * strideW + colOffset;
            Arrays.fill(col, row, row + first, 0);
            if (strideW == 1 && end > first) {
                System.arraycopy(x, src, col, row + first, end - first);
            } else if (strideW > 1) {
                for (int ow = first; ow < end; ow++, src += strideW) {
                    col[row + ow] = x[src];
                }
            }
            Arrays.fill(col, row + end, row + outW, 0);
        }
        Arrays.fill(col, dst + ohEnd * outW, dst + outH * outW, 0);
    }

    /**
     * The transpose of {@link #im2col}: adds each element of the column matrix to the input element it was
     * read from, in the order of the matrix's rows (so of the taps) and then of its columns.
     */
    static void col2im(float[] col, int colOff, int channels, int height, int width, int outH, int outW,
                       int kernelH, int kernelW, int strideH, int strideW, int padH, int padW,
                       int dilationH, int dilationW, float[] x, int xOff) {
        int src = colOff;
        for (int c = 0; c < channels; c++) {
            int plane = xOff + c * height * width;
            for (int kh = 0; kh < kernelH; kh++) {
                int rowOffset = kh * dilationH - padH;
                int ohFirst = ConvRange.first(rowOffset, strideH, outH);
                int ohEnd = ConvRange.end(height, rowOffset, strideH, outH);
                for (int kw = 0; kw < kernelW; kw++) {
                    int colOffset = kw * dilationW - padW;
                    int first = ConvRange.first(colOffset, strideW, outW);
                    int end = ConvRange.end(width, colOffset, strideW, outW);
                    for (int oh = ohFirst; oh < ohEnd; oh++) {
                        int row = src + oh * outW;
                        int dst = plane + (oh * strideH + rowOffset) * width + first * strideW + colOffset;
                        for (int ow = first; ow < end; ow++, dst += strideW) {
                            x[dst] += col[row + ow];
                        }
                    }
                    src += outH * outW;
                }
            }
        }
    }
}
