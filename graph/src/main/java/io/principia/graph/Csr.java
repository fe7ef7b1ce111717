package io.principia.graph;

/**
 * Compressed sparse rows over edges: row r holds the entries {@code rowPtr[r] <= k < rowPtr[r+1]},
 * each with a column {@code col[k]} and the position {@code edge[k]} of that entry in the edge
 * list it was built from (so per-edge values such as weights or attention line up). Built by
 * {@link #group}: rows are the grouping key (the target node for aggregation), entries keep edge
 * order within a row (a stable counting sort).
 */
public record Csr(int numRows, int[] rowPtr, int[] col, int[] edge) {

    /** Groups edge e under row {@code row[e]} with column {@code col[e]}, stable in e. */
    public static Csr group(int[] row, int[] col, int numRows) {
        int[] ptr = new int[numRows + 1];
        for (int r : row) {
            ptr[r + 1]++;
        }
        for (int r = 0; r < numRows; r++) {
            ptr[r + 1] += ptr[r];
        }
        int[] next = java.util.Arrays.copyOf(ptr, numRows);
        int[] c = new int[row.length];
        int[] e = new int[row.length];
        for (int k = 0; k < row.length; k++) {
            int at = next[row[k]]++;
            c[at] = col[k];
            e[at] = k;
        }
        return new Csr(numRows, ptr, c, e);
    }

    public int numEntries() { return col.length; }

    /** Entries in row r. */
    public int rowLength(int r) { return rowPtr[r + 1] - rowPtr[r]; }

    /** The same entries grouped by column instead (the transpose), with edge positions kept. */
    public Csr transpose(int numCols) {
        int[] rows = new int[col.length];
        int[] cols = new int[col.length];
        int[] edges = new int[col.length];
        for (int r = 0; r < numRows; r++) {
            for (int k = rowPtr[r]; k < rowPtr[r + 1]; k++) {
                rows[k] = r;
            }
        }
        Csr t = group(col, rows, numCols);
        for (int k = 0; k < t.edge.length; k++) {
            edges[k] = edge[t.edge[k]];
        }
        return new Csr(numCols, t.rowPtr, t.col, edges);
    }
}
