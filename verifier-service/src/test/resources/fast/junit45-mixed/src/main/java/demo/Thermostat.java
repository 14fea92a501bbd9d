package demo;

/** A thermostat: heats below the target, cools above it, idles within the tolerance. */
public final class Thermostat {
    private final int target;
    private final int tolerance;

    public Thermostat(int target, int tolerance) {
        this.target = target;
        this.tolerance = tolerance;
    }

    /** @return "heat", "cool" or "idle" for a measured temperature */
    public String mode(int measured) {
        if (measured < target - tolerance) {
            return "heat";
        }
        if (measured > target + tolerance) {
            return "cool";
        }
        return "idle";
    }
}
