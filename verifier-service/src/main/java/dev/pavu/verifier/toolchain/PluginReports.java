package dev.pavu.verifier.toolchain;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The XML reports Maven plugins write under each module's {@code target/} (Checkstyle's
 * {@code checkstyle-result.xml}, SpotBugs' {@code spotbugsXml.xml}): finding them and reading them with a
 * parser that resolves no DTD and no external entity (the reports come from runs of untrusted code).
 */
final class PluginReports {

    private static final XMLInputFactory XML = secureFactory();

    private PluginReports() {
    }

    /** What a report reader does with one report's XML events. */
    @FunctionalInterface
    interface Reader {
        void read(XMLStreamReader xml) throws XMLStreamException;
    }

    /**
     * Reads every {@code target/<fileName>} below a project root (up to 8 levels, any module, never under
     * {@code node_modules}), in path order.
     *
     * @param base     the project root (absolute, normalized)
     * @param fileName the report's file name, e.g. {@code checkstyle-result.xml}
     * @param tool     the tool's name for error messages, e.g. {@code Checkstyle}
     * @param reader   called once per report
     * @throws UncheckedIOException when the tree cannot be walked or a report cannot be read or is not valid XML
     */
    static void readAll(Path base, String fileName, String tool, Reader reader) {
        List<Path> reports;
        try (Stream<Path> walk = Files.walk(base, 8)) {
            reports = walk.filter(p -> p.getFileName().toString().equals(fileName)
                            && p.getParent() != null && p.getParent().getFileName().toString().equals("target")
                            && !p.toString().contains("/node_modules/"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot look for " + tool + " reports below " + base, e);
        }
        for (Path report : reports) {
            try (InputStream in = Files.newInputStream(report)) {
                reader.read(XML.createXMLStreamReader(in));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the " + tool + " report " + report, e);
            } catch (XMLStreamException e) {
                throw new UncheckedIOException(new IOException("the " + tool + " report " + report + " is not valid XML: " + e.getMessage(), e));
            }
        }
    }

    /** @return the attribute's integer value; 0 when absent or not a number */
    static int number(String s) {
        try {
            return s == null ? 0 : Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static XMLInputFactory secureFactory() {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        return f;
    }
}
