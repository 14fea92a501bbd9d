package dev.pavu.actuator.proposer;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.expr.BinaryExpr;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Node ranges map to the exact original characters, whatever the tabs, line endings or non-BMP characters. */
class SourceFileTest {

    @Test
    void rangesMapToOffsetsWithTabsCrlfAndSurrogatePairs() {
        String text = "class A {\r\n\tboolean f(int a, int b) {\r\n\t\tString s = \"\uD83D\uDE00 é\"; return a \t<  b;\r\n\t}\r\n}\r\n";
        CompilationUnit unit = JavaSources.parse(text).orElseThrow();
        SourceFile file = SourceFile.of("A.java", text);
        BinaryExpr cmp = unit.findFirst(BinaryExpr.class).orElseThrow();
        assertEquals("a \t<  b", file.text(cmp));
        assertEquals(3, file.lineOf(file.begin(cmp)));
        assertEquals("\r\n", file.lineSeparator());
        String mutated = file.apply(List.of(new TextEdit(file.begin(cmp.getRight()), file.end(cmp.getRight()), "b + 1")));
        assertEquals(text.replace("<  b;", "<  b + 1;"), mutated);
    }

    @Test
    void linesAndIndentation() {
        SourceFile file = SourceFile.of("A.java", "a\n    b\n\tc");
        assertEquals(3, file.lineCount());
        assertEquals("    ", file.indentation(2));
        assertEquals("\tc", file.line(3));
        assertEquals(2, file.lineOf(3));
        assertEquals("\n", file.lineSeparator());
    }

    @Test
    void memberParseNeedsTheWholeTextToBeOneMember() {
        org.junit.jupiter.api.Assertions.assertTrue(JavaSources.parsesAsMember("int f(int a) {\n  return a + 1;\n}"));
        org.junit.jupiter.api.Assertions.assertFalse(JavaSources.parsesAsMember("int f(int a) {\n  return a + 1;\n}\n}"));
        org.junit.jupiter.api.Assertions.assertFalse(JavaSources.parsesAsMember("int f(int a) {\n  return a +;\n}"));
        org.junit.jupiter.api.Assertions.assertFalse(JavaSources.parsesAsMember("int f(int a) {\n  if (a) return 1;"));
    }
}
