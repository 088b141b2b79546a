package org.massmap.training;

/**
 * The 8 symmetries of the square (identity, 3 rotations, 4 reflections) as index maps on an n×n
 * row-major crop: symmetry d = (transpose bit 2, flip-x bit 1, flip-y bit 0) sends output pixel
 * (iy, ix) to source pixel {@link #sourceRow}, {@link #sourceCol}. Isotropic statistics (C_ℓ depends
 * on |ℓ| only) make every symmetric image an equally valid training sample.
 */
final class Dihedral {
    static final int COUNT = 8;

    private Dihedral() {
    }

    static int sourceRow(int d, int iy, int ix, int n) {
        int r = (d & 4) != 0 ? ix : iy;
        return (d & 1) != 0 ? n - 1 - r : r;
    }

    static int sourceCol(int d, int iy, int ix, int n) {
        int c = (d & 4) != 0 ? iy : ix;
        return (d & 2) != 0 ? n - 1 - c : c;
    }
}
