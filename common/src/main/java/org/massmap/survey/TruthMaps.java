package org.massmap.survey;

import org.massmap.grid.SkyPoint;
import org.massmap.grid.TangentPlane;
import org.massmap.grid.TileGrid;
import org.massmap.io.SkyMap;

/** Brings a known truth map onto a tile's grid (nearest pixel through sky coordinates; NaN outside it). */
public final class TruthMaps {
    private TruthMaps() {
    }

    public static double[] onGrid(SkyMap truth, TileGrid target) {
        TileGrid src = truth.grid();
        if (src.equals(target)) {
            return truth.values();
        }
        TangentPlane srcPlane = src.tangentPlane();
        TangentPlane dstPlane = target.tangentPlane();
        double[] out = new double[target.size()];
        double[] xy = new double[2];
        for (int iy = 0; iy < target.ny(); iy++) {
            for (int ix = 0; ix < target.nx(); ix++) {
                SkyPoint p = dstPlane.deproject(target.xiOf(ix), target.etaOf(iy));
                int i = srcPlane.project(p.raDeg(), p.decDeg(), xy) ? src.pixelIndex(src.xOf(xy[0]), src.yOf(xy[1])) : -1;
                out[iy * target.nx() + ix] = i >= 0 ? truth.value(i) : Double.NaN;
            }
        }
        return out;
    }
}
