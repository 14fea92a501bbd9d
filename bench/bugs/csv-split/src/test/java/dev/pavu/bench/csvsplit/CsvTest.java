package dev.pavu.bench.csvsplit;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CsvTest {

    @Test
    void plainFields() {
        assertEquals(List.of("a", "b", "c"), Csv.split("a,b,c"));
    }

    @Test
    void emptyFieldsAreKept() {
        assertEquals(List.of("a", "", "c", ""), Csv.split("a,,c,"));
    }

    @Test
    void quotesAreRemoved() {
        assertEquals(List.of("x", "y"), Csv.split("\"x\",y"));
    }

    @Test
    void doubledQuoteIsAQuote() {
        assertEquals(List.of("say \"hi\"", "z"), Csv.split("\"say \"\"hi\"\"\",z"));
    }

    @Test
    void commaInsideQuotesIsData() {
        assertEquals(List.of("Doe, Jane", "42"), Csv.split("\"Doe, Jane\",42"));
    }
}
