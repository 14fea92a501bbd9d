package dev.pavu.bench.age;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AgesTest {

    private static final LocalDate BORN = LocalDate.of(1990, 6, 15);

    @Test
    void zeroOnTheDayOfBirth() {
        assertEquals(0, Ages.ageOn(BORN, BORN));
    }

    @Test
    void completedYears() {
        assertEquals(34, Ages.ageOn(BORN, LocalDate.of(2024, 6, 15)));
        assertEquals(33, Ages.ageOn(BORN, LocalDate.of(2024, 6, 14)));
    }

    @Test
    void adultFromTheEighteenthBirthday() {
        assertTrue(Ages.isAdult(BORN, LocalDate.of(2008, 6, 15)));
    }

    @Test
    void childIsNotAdult() {
        assertFalse(Ages.isAdult(BORN, LocalDate.of(2000, 1, 1)));
    }

    @Test
    void rejectsDatesBeforeBirth() {
        assertThrows(IllegalArgumentException.class, () -> Ages.ageOn(BORN, LocalDate.of(1989, 1, 1)));
    }
}
