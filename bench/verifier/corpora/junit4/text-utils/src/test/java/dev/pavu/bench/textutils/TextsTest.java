package dev.pavu.bench.textutils;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

public class TextsTest {

    private List<String> words;

    @Before
    public void setUp() {
        words = new ArrayList<>(List.of("apple", "banana", "kiwi"));
    }

    @After
    public void tearDown() {
        words.clear();
    }

    @Test(timeout = 2000)
    public void countsVowelsOfEveryWord() {
        int total = 0;
        for (String w : words) {
            total += Texts.countVowels(w);
        }
        assertEquals(2 + 3 + 2, total);
    }

    @Test(timeout = 2000)
    public void capitalizesEachWord() {
        assertEquals("Hello Big World", Texts.capitalizeWords("hello big world"));
        assertEquals("  Two  Spaces", Texts.capitalizeWords("  two  spaces"));
    }

    @Test(timeout = 2000)
    public void padsOnTheLeft() {
        assertEquals("0042", Texts.padLeft("42", 4, '0'));
        assertEquals("12345", Texts.padLeft("12345", 3, '0'));
        assertEquals("***", Texts.padLeft("", 3, '*'));
    }

    @Test(timeout = 2000)
    public void commonPrefix() {
        assertEquals(5, Texts.commonPrefixLength("interval", "internet"));
        assertEquals(0, Texts.commonPrefixLength("abc", "xyz"));
        assertEquals(2, Texts.commonPrefixLength("ab", "abc"));
    }

    @Test(timeout = 2000)
    public void palindromes() {
        assertTrue(Texts.isPalindrome("A man, a plan, a canal: Panama"));
        assertTrue(Texts.isPalindrome(""));
        assertFalse(Texts.isPalindrome("kiwi"));
        assertFalse(Texts.isPalindrome("ab"));
    }
}
