package dev.pavu.bench.textutils;

/** Small text helpers. */
public final class Texts {

    private Texts() {
    }

    /**
     * @param s any text
     * @return how many of its letters are vowels (a, e, i, o, u, either case)
     */
    public static int countVowels(String s) {
        int n = 0;
        for (int i = 1; i < s.length(); i++) {
            char c = Character.toLowerCase(s.charAt(i));
            if (c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u') {
                n++;
            }
        }
        return n;
    }

    /**
     * @param s any text
     * @return s with the first letter of every space-separated word in upper case
     */
    public static String capitalizeWords(String s) {
        char[] cs = s.toCharArray();
        boolean start = true;
        for (int i = 0; i < cs.length; i++) {
            if (cs[i] == ' ') {
                start = true;
            } else if (start) {
                cs[i] = Character.toUpperCase(cs[i]);
                start = false;
            }
        }
        return new String(cs);
    }

    /**
     * @param s     text
     * @param width the length wanted
     * @param fill  the character put in front
     * @return s, left-padded with fill to width (s itself when it is that long already)
     */
    public static String padLeft(String s, int width, char fill) {
        int missing = width - s.length();
        if (missing <= 0) {
            return s;
        }
        char[] out = new char[width];
        for (int i = 0; i < missing; i++) {
            out[i] = fill;
        }
        for (int i = 0; i < s.length(); i++) {
            out[missing + i] = s.charAt(i);
        }
        return new String(out);
    }

    /**
     * @param a text
     * @param b text
     * @return the length of their longest common prefix
     */
    public static int commonPrefixLength(String a, String b) {
        int n = Math.min(a.length(), b.length());
        int i = 0;
        while (i < n && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        return i;
    }

    /**
     * @param s text
     * @return true when its letters and digits read the same backwards, ignoring case
     */
    public static boolean isPalindrome(String s) {
        int i = 0;
        int j = s.length() - 1;
        while (i < j) {
            if (!Character.isLetterOrDigit(s.charAt(i))) {
                i++;
            } else if (!Character.isLetterOrDigit(s.charAt(j))) {
                j--;
            } else if (Character.toLowerCase(s.charAt(i)) != Character.toLowerCase(s.charAt(j))) {
                return false;
            } else {
                i++;
                j--;
            }
        }
        return true;
    }
}
