package dev.pavu.bench.isbncheck;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IsbnTest {

    @Test
    void validIsbn10() {
        assertTrue(Isbn.isValidIsbn10("0-306-40615-2"));
    }

    @Test
    void validIsbn10WithXCheckDigit() {
        assertTrue(Isbn.isValidIsbn10("0-8044-2957-X"));
    }

    @Test
    void wrongCheckDigitIsInvalid() {
        assertFalse(Isbn.isValidIsbn10("0-306-40615-3"));
    }

    @Test
    void wrongLengthOrCharactersAreInvalid() {
        assertFalse(Isbn.isValidIsbn10("0-306-4061"));
        assertFalse(Isbn.isValidIsbn10("0-3O6-40615-2"));
    }

    @Test
    void isbn13() {
        assertTrue(Isbn.isValidIsbn13("978-0-306-40615-7"));
        assertFalse(Isbn.isValidIsbn13("978-0-306-40615-8"));
    }
}
