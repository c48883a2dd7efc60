/**
 * Inference-time non-idealities of programmed memristive devices, in the conductance domain
 * (siemens): programming noise, conductance drift, read noise, stuck-at faults and a finite
 * number of programmable levels, and {@link dev.kirchhoff.device.inference.InferenceDeviceArray}
 * that applies them to many devices at once.
 *
 * <p>The PCM model is that of Nandakumar et al., "Phase-change memory models for deep learning
 * training and inference", ICECS 2019 (IEEE Xplore 8964852), as implemented in IBM aihwkit's
 * {@code PCMLikeNoiseModel}; the RRAM programming noise is aihwkit's fit to Wan et al., Nature
 * 2022 (doi:10.1038/s41586-022-04992-8); the generic and Milo RRAM error models are those of
 * Sandia CrossSim.
 */
package dev.kirchhoff.device.inference;
