package org.massmap.validation;

/** One-point statistics of map pixels: mean, standard deviation and skewness over selected pixels. */
public record OnePoint(double mean, double std, double skewness) {

    public static OnePoint of(double[] map, boolean[] select) {
        double m = 0;
        int n = 0;
        for (int i = 0; i < map.length; i++) {
            if ((select == null || select[i]) && Double.isFinite(map[i])) {
                m += map[i];
                n++;
            }
        }
        m /= n;
        double m2 = 0;
        double m3 = 0;
        for (int i = 0; i < map.length; i++) {
            if ((select == null || select[i]) && Double.isFinite(map[i])) {
                double d = map[i] - m;
                m2 += d * d;
                m3 += d * d * d;
            }
        }
        m2 /= n;
        m3 /= n;
        return new OnePoint(m, Math.sqrt(m2), m3 / Math.pow(m2, 1.5));
    }

    /** The statistics of each map, averaged over the maps (e.g. the posterior samples). */
    public static OnePoint meanOver(java.util.List<double[]> maps, boolean[] select) {
        double mean = 0;
        double std = 0;
        double skew = 0;
        for (double[] map : maps) {
            OnePoint o = of(map, select);
            mean += o.mean() / maps.size();
            std += o.std() / maps.size();
            skew += o.skewness() / maps.size();
        }
        return new OnePoint(mean, std, skew);
    }
}
