package dev.pavu.workspace.xml;

import org.xml.sax.helpers.DefaultHandler;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

/**
 * DOM parsers for XML a submitted project brings ({@code pom.xml} and the like): no DTD at all (so no external
 * entity, no entity expansion bomb), secure processing limits, no XInclude (OWASP XXE prevention cheat sheet).
 */
public final class HardenedXml {

    private HardenedXml() {
    }

    /**
     * @return a new builder; a document with a {@code <!DOCTYPE} makes {@code parse} throw, and parse errors are not
     *         printed to stderr (they still throw)
     * @throws ParserConfigurationException when the JDK's parser lacks one of the features (never with the JDK's own)
     */
    public static DocumentBuilder documentBuilder() throws ParserConfigurationException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        DocumentBuilder builder = factory.newDocumentBuilder();
        builder.setErrorHandler(new DefaultHandler());
        return builder;
    }
}
