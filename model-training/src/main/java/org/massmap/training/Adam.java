package org.massmap.training;

/**
 * Adam (Kingma & Ba 2015) on flat float arrays, in place:
 * m ← β1 m + (1 − β1) g, v ← β2 v + (1 − β2) g², θ ← θ − η √(1 − β2^t)/(1 − β1^t) · m/(√v + ε).
 */
final class Adam {
    private Adam() {
    }

    /**
     * @param t 1-based step number (after this update)
     */
    static void update(float[] theta, float[] grad, float[] m, float[] v, long t, double lr, double beta1, double beta2, double eps) {
        double step = lr * Math.sqrt(1 - Math.pow(beta2, t)) / (1 - Math.pow(beta1, t));
        float b1 = (float) beta1;
        float b2 = (float) beta2;
        for (int i = 0; i < theta.length; i++) {
            float g = grad[i];
            m[i] = b1 * m[i] + (1 - b1) * g;
            v[i] = b2 * v[i] + (1 - b2) * g * g;
            theta[i] -= (float) (step * m[i] / (Math.sqrt(v[i]) + eps));
        }
    }
}
