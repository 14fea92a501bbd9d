package dev.pavu.bench.httpstatus;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HttpStatusTest {

    @Test
    void success() {
        assertEquals(HttpStatus.Category.SUCCESS, HttpStatus.categorize(204));
    }

    @Test
    void redirection() {
        assertEquals(HttpStatus.Category.REDIRECTION, HttpStatus.categorize(301));
    }

    @Test
    void clientError() {
        assertEquals(HttpStatus.Category.CLIENT_ERROR, HttpStatus.categorize(404));
    }

    @Test
    void serverError() {
        assertEquals(HttpStatus.Category.SERVER_ERROR, HttpStatus.categorize(503));
    }

    @Test
    void outOfRangeIsUnknown() {
        assertEquals(HttpStatus.Category.UNKNOWN, HttpStatus.categorize(99));
        assertEquals(HttpStatus.Category.UNKNOWN, HttpStatus.categorize(600));
    }

    @Test
    void onlyServerErrorsAndThrottlingAreRetryable() {
        assertTrue(HttpStatus.isRetryable(503));
        assertTrue(HttpStatus.isRetryable(429));
        assertFalse(HttpStatus.isRetryable(404));
    }
}
