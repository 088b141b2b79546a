/**
 * The report on a real field with known X-ray clusters, made after the run from the published
 * products of one tile mapped with one or more priors ({@link org.massmap.report.FieldReport},
 * after Remy et al., Fig. 2): the detection table of the known clusters
 * ({@link org.massmap.report.XrayDetectionTable}), the figures ({@link org.massmap.report.FieldFigures})
 * and the B-mode null test ({@link org.massmap.report.BModeNull}).
 */
package org.massmap.report;
