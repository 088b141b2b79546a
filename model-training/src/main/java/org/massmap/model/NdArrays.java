package org.massmap.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Copies between ND4J arrays and Java float arrays (row-major), checking sizes. */
final class NdArrays {
    private NdArrays() {
    }

    static float[] toFloats(INDArray a, long expected) {
        if (a.length() != expected) {
            throw new IllegalStateException("array has " + a.length() + " values, expected " + expected);
        }
        INDArray c = a.dataType() == DataType.FLOAT ? a : a.castTo(DataType.FLOAT);
        if (c.isView() || c.ordering() != 'c' || c.data().length() != c.length()) {
            c = c.dup('c');
        }
        return c.data().asFloat();
    }
}
