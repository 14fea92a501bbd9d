package dev.pavu.bench.textutils;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameters;

import java.util.Arrays;
import java.util.Collection;

import static org.junit.Assert.assertEquals;

@RunWith(Parameterized.class)
public class VowelCountTest {

    @Parameters(name = "{0} has {1} vowels")
    public static Collection<Object[]> cases() {
        return Arrays.asList(new Object[][] {
                {"", 0}, {"rhythm", 0}, {"Banana", 3}, {"AEIOU", 5}, {"queue", 4}, {"Eel", 2}});
    }

    private final String text;
    private final int vowels;

    public VowelCountTest(String text, int vowels) {
        this.text = text;
        this.vowels = vowels;
    }

    @Test(timeout = 2000)
    public void counts() {
        assertEquals(vowels, Texts.countVowels(text));
    }
}
