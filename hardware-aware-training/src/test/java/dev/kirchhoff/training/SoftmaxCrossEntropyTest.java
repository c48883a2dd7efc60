package dev.kirchhoff.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SoftmaxCrossEntropyTest {
    @Test
    void knownLogitsGiveTheHandComputedLossAndGradient() {
        // z = (1, 2, 3), y = 2: L = log(e¹ + e² + e³) − 3 = log(1 + e⁻¹ + e⁻²) = 0.40760596444…
        // softmax = (e⁻², e⁻¹, 1)/(1 + e⁻¹ + e⁻²) = (0.0900306, 0.2447285, 0.6652410)
        float[] logits = {1, 2, 3, 0, 0, 0};
        int[] labels = {2, 0};
        float[] grad = new float[6];
        double total = SoftmaxCrossEntropy.lossAndGradient(logits, labels, 2, 3, 0.5, grad);
        double l0 = Math.log(1 + Math.exp(-1) + Math.exp(-2));
        // second row: all logits equal, L = log 3, softmax = 1/3 each
        assertEquals(l0 + Math.log(3), total, 1e-12);
        assertEquals(0.40760596444, SoftmaxCrossEntropy.loss(logits, 0, 3, 2), 1e-10);
        double s = 1 + Math.exp(-1) + Math.exp(-2);
        // gradient scaled by 0.5; float storage rounds to ~6e-8 relative
        assertEquals(0.5 * Math.exp(-2) / s, grad[0], 1e-7);
        assertEquals(0.5 * Math.exp(-1) / s, grad[1], 1e-7);
        assertEquals(0.5 * (1 / s - 1), grad[2], 1e-7);
        assertEquals(0.5 * (1.0 / 3 - 1), grad[3], 1e-7);
        assertEquals(0.5 / 3, grad[4], 1e-7);
    }

    @Test
    void theMaximumShiftKeepsHugeLogitsFinite() {
        // exp(1000) overflows a double; with the shift the terms are exp(0) and exp(−1):
        // L = log(1 + e⁻¹) for the larger logit's class, log(1 + e⁻¹) + 1 for the other
        float[] logits = {1000, 999};
        float[] grad = new float[2];
        assertEquals(Math.log(1 + Math.exp(-1)), SoftmaxCrossEntropy.lossAndGradient(logits, new int[] {0}, 1, 2, 1, grad),
                1e-12);
        assertEquals(Math.log(1 + Math.exp(-1)) + 1, SoftmaxCrossEntropy.loss(logits, 0, 2, 1), 1e-12);
        assertEquals(1 / (1 + Math.exp(-1)) - 1, grad[0], 1e-7);
    }

    @Test
    void argmaxTakesTheFirstOfEqualLogits() {
        assertEquals(1, SoftmaxCrossEntropy.argmax(new float[] {0, 3, 3, 1}, 0, 4));
        assertEquals(0, SoftmaxCrossEntropy.argmax(new float[] {9, 3, 3, 1}, 2, 2));
    }

    @Test
    void rejectsLabelsOutsideTheClasses() {
        assertEquals("labels[0] must be in [0, 2), got 2", assertThrows(IllegalArgumentException.class,
                () -> SoftmaxCrossEntropy.lossAndGradient(new float[2], new int[] {2}, 1, 2, 1, new float[2])).getMessage());
    }
}
