package dev.kirchhoff.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class OptimizerTest {
    @Test
    void adamsFirstStepIsTheLearningRateTimesTheSignOfTheGradient() {
        // At t = 1 the bias corrections give m̂ = g and v̂ = g², so Δθ = −η·g/(|g| + ε): −η·sign(g)
        // up to η·ε/|g| ≤ 1e-3·1e-8/1e-3 = 1e-8, plus float rounding of θ ≈ 1 (ulp 1.2e-7)
        Adam adam = new Adam(new int[] {5});
        float[][] p = {{1, 1, 1, 1, 1}};
        float[][] g = {{3f, -0.5f, 1e-3f, -200f, 0f}};
        double lr = 1e-3;
        adam.step(p, g, lr);
        float[] expected = {(float) (1 - lr), (float) (1 + lr), (float) (1 - lr), (float) (1 + lr), 1};
        assertArrayEquals(expected, p[0], 2.5e-7f);
        assertEquals(1, adam.steps());
    }

    @Test
    void adamsSecondStepFollowsTheBiasCorrectedMoments() {
        // g₁ = 1, g₂ = 3 (β₁ = 0.9, β₂ = 0.999): m = 0.9·0.1 + 0.1·3 = 0.39, v = 0.999·0.001 + 0.001·9 = 0.009999
        // m̂ = 0.39/0.19, v̂ = 0.009999/0.001999, Δθ₂ = −η·m̂/(√v̂ + ε)
        Adam adam = new Adam(new int[] {1});
        float[][] p = {{0}};
        adam.step(p, new float[][] {{1}}, 0.1);
        double after1 = p[0][0];
        adam.step(p, new float[][] {{3}}, 0.1);
        double mHat = 0.39 / (1 - 0.81);
        double vHat = 0.009999 / (1 - 0.999 * 0.999);
        assertEquals(after1 - 0.1 * mHat / (Math.sqrt(vHat) + 1e-8), p[0][0], 1e-6);
    }

    @Test
    void sgdMomentumFollowsTheVelocityRecurrence() {
        // v ← 0.9·v + g, θ ← θ − 0.1·v with g = 1 every step, θ₀ = 1:
        // v = 1, 1.9, 2.71; θ = 0.9, 0.71, 0.439
        Sgd sgd = new Sgd(new int[] {1}, 0.9, 0);
        float[][] p = {{1}};
        float[][] g = {{1}};
        double[] theta = {0.9, 0.71, 0.439};
        double[] velocity = {1, 1.9, 2.71};
        for (int s = 0; s < 3; s++) {
            sgd.step(p, g, 0.1);
            assertEquals(velocity[s], sgd.velocity(0)[0], 1e-6);
            assertEquals(theta[s], p[0][0], 1e-6);
        }
    }

    @Test
    void weightDecayAddsLambdaThetaToTheGradient() {
        // g' = g + λθ = 0.5 + 0.1·2 = 0.7; plain SGD (μ = 0), η = 1: θ = 2 − 0.7 = 1.3
        Sgd sgd = new Sgd(new int[] {1}, 0, 0.1);
        float[][] p = {{2}};
        sgd.step(p, new float[][] {{0.5f}}, 1);
        assertEquals(1.3, p[0][0], 1e-6);
    }

    @Test
    void aStepSplitIntoRangesEqualsTheWholeStep() {
        float[][] g = {{0.3f, -1f, 2f, 0.01f, -0.2f}};
        float[][] whole = {{1, 2, 3, 4, 5}};
        float[][] split = {{1, 2, 3, 4, 5}};
        Adam a = new Adam(new int[] {5});
        Adam b = new Adam(new int[] {5});
        for (int s = 0; s < 3; s++) {
            a.step(whole, g, 0.01);
            b.beginStep(0.01);
            b.update(0, split[0], g[0], 3, 5);
            b.update(0, split[0], g[0], 0, 3);
        }
        assertArrayEquals(whole[0], split[0]);
    }

    @Test
    void rejectsBadHyperParametersNamingThem() {
        int[] n = {1};
        assertEquals("momentum must be in [0, 1), got 1.0",
                assertThrows(IllegalArgumentException.class, () -> new Sgd(n, 1, 0)).getMessage());
        assertEquals("weightDecay must be non-negative and finite, got NaN",
                assertThrows(IllegalArgumentException.class, () -> new Sgd(n, 0.9, Double.NaN)).getMessage());
        assertEquals("beta2 must be in [0, 1), got -0.1",
                assertThrows(IllegalArgumentException.class, () -> new Adam(n, 0.9, -0.1, 1e-8, 0)).getMessage());
        assertEquals("epsilon must be positive and finite, got 0.0",
                assertThrows(IllegalArgumentException.class, () -> new Adam(n, 0.9, 0.999, 0, 0)).getMessage());
        assertEquals("learningRate must be positive and finite, got -1.0", assertThrows(IllegalArgumentException.class,
                () -> new Sgd(n, 0, 0).step(new float[][] {{0}}, new float[][] {{0}}, -1)).getMessage());
        assertEquals("params and grads of array 0 must have length 1, got 2 and 1", assertThrows(
                IllegalArgumentException.class,
                () -> new Adam(n).step(new float[][] {{0, 0}}, new float[][] {{0}}, 0.1)).getMessage());
        assertThrows(IllegalStateException.class, () -> new Adam(n).update(0, new float[1], new float[1], 0, 1));
    }
}
