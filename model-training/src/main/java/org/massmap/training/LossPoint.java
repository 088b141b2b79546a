package org.massmap.training;

/**
 * One optimiser step's training loss (mean over pixels and batch of the DSM residual², eq. 3) and the
 * learning rate used, for loss curves.
 */
public record LossPoint(long step, double loss, double learningRate) { }
