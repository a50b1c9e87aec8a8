package io.pulse.simulator;

/** Splits a whole number into parts with given shares, so that planted shares are exact. */
final class Apportionment {

    private Apportionment() {}

    /**
     * Parts proportional to the shares (which sum to 1) that add up to exactly {@code total}: each
     * part is rounded down, and the units left over go to the largest remainders.
     */
    static int[] apportion(int total, double[] shares) {
        int[] parts = new int[shares.length];
        double[] remainders = new double[shares.length];
        int assigned = 0;
        for (int i = 0; i < shares.length; i++) {
            double exact = total * shares[i];
            parts[i] = (int) Math.floor(exact);
            remainders[i] = exact - parts[i];
            assigned += parts[i];
        }
        for (int left = total - assigned; left > 0; left--) {
            int largest = 0;
            for (int i = 1; i < shares.length; i++) {
                if (remainders[i] > remainders[largest]) {
                    largest = i;
                }
            }
            parts[largest]++;
            remainders[largest] = -1;
        }
        return parts;
    }
}
