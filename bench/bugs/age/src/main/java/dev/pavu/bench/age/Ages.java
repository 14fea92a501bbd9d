package dev.pavu.bench.age;

import java.time.LocalDate;
import java.time.Period;

/** Ages in whole years, as used for sign-up and pricing rules. */
public final class Ages {

    public static final int ADULT_AGE = 18;

    private Ages() {
    }

    /** Completed years between {@code birthDate} and {@code onDate}. */
    public static int ageOn(LocalDate birthDate, LocalDate onDate) {
        if (onDate.isBefore(birthDate)) {
            throw new IllegalArgumentException("born after " + onDate);
        }
        return Period.between(onDate, birthDate).getYears();
    }

    public static boolean isAdult(LocalDate birthDate, LocalDate onDate) {
        return ageOn(birthDate, onDate) >= ADULT_AGE;
    }
}
