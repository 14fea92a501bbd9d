package dev.pavu.workspace.layout;

import dev.pavu.workspace.xml.HardenedXml;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The few facts of a {@code pom.xml} the layout needs, read with a hardened XML parser (no DTDs, no external
 * entities). An unreadable pom gives no modules and the default directories.
 *
 * @param modules             {@code <module>} entries of {@code <modules>}, profiles included, in document order
 * @param sourceDirectory     {@code <build><sourceDirectory>}, when set
 * @param testSourceDirectory {@code <build><testSourceDirectory>}, when set
 */
record Pom(List<String> modules, Optional<String> sourceDirectory, Optional<String> testSourceDirectory) {

    static Pom read(Path file) {
        try (InputStream in = Files.newInputStream(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            Document doc = HardenedXml.documentBuilder().parse(in);
            Element project = doc.getDocumentElement();
            List<String> modules = new ArrayList<>();
            NodeList all = project.getElementsByTagName("module");
            for (int i = 0; i < all.getLength(); i++) {
                Node module = all.item(i);
                if (module.getParentNode() != null && "modules".equals(module.getParentNode().getNodeName())) {
                    modules.add(module.getTextContent().strip());
                }
            }
            Element build = child(project, "build");
            return new Pom(modules, text(build, "sourceDirectory"), text(build, "testSourceDirectory"));
        } catch (Exception e) {
            return new Pom(List.of(), Optional.empty(), Optional.empty());
        }
    }

    private static Element child(Element parent, String name) {
        if (parent == null) {
            return null;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name.equals(e.getNodeName())) {
                return e;
            }
        }
        return null;
    }

    private static Optional<String> text(Element parent, String name) {
        Element e = child(parent, name);
        return e == null || e.getTextContent().isBlank() ? Optional.empty() : Optional.of(e.getTextContent().strip());
    }
}
