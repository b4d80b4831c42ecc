package org.contactsync.directory;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * A Cisco IP Phone XML object parsed with the JDK's real XML parser, with the few look-ups the directory tests
 * need. Parsing fails the test for any document that is not well-formed. Shared with the sync-jaxrs tests.
 */
public final class CiscoXml {
    private final Element root;

    private CiscoXml(Element root) {
        this.root = root;
    }

    private static final ThreadLocal<DocumentBuilder> BUILDER = ThreadLocal.withInitial(() -> {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            return b;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    });

    public static CiscoXml parse(String xml) {
        return parse(xml.getBytes(StandardCharsets.UTF_8));
    }

    /** Parses the bytes as sent: the parser reads the encoding from the XML header. */
    public static CiscoXml parse(byte[] bytes) {
        String xml = new String(bytes, StandardCharsets.ISO_8859_1);
        try {
            DocumentBuilder b = BUILDER.get();
            b.reset();
            b.setErrorHandler(null);
            Document d = b.parse(new ByteArrayInputStream(bytes));
            return new CiscoXml(d.getDocumentElement());
        } catch (Exception e) {
            throw new AssertionError("not well-formed XML (" + e.getMessage() + "):\n" + xml, e);
        }
    }

    public String rootName() {
        return root.getTagName();
    }

    /** The names of the root's child elements, in order. */
    public List<String> childNames() {
        List<String> names = new ArrayList<>();
        for (Element e : children(root)) {
            names.add(e.getTagName());
        }
        return names;
    }

    /** The text of the root's first child element of that name, or null. */
    public String text(String child) {
        for (Element e : children(root)) {
            if (e.getTagName().equals(child)) {
                return e.getTextContent();
            }
        }
        return null;
    }

    public List<Item> menuItems() {
        return items("MenuItem", "Name", "URL");
    }

    public List<Item> directoryEntries() {
        return items("DirectoryEntry", "Name", "Telephone");
    }

    public List<SoftKey> softKeys() {
        List<SoftKey> keys = new ArrayList<>();
        for (Element e : children(root)) {
            if (e.getTagName().equals("SoftKeyItem")) {
                keys.add(new SoftKey(childText(e, "Name"), childText(e, "URL"),
                        Integer.parseInt(childText(e, "Position"))));
            }
        }
        return keys;
    }

    public SoftKey softKey(String name) {
        return softKeys().stream().filter(k -> k.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no soft key " + name + " in " + softKeys()));
    }

    public boolean hasSoftKey(String name) {
        return softKeys().stream().anyMatch(k -> k.name().equals(name));
    }

    /** The InputItem children (DisplayName, QueryStringParam, DefaultValue, InputFlags), as name → text. */
    public List<List<String>> inputItems() {
        List<List<String>> items = new ArrayList<>();
        for (Element e : children(root)) {
            if (e.getTagName().equals("InputItem")) {
                List<String> fields = new ArrayList<>();
                for (Element f : children(e)) {
                    fields.add(f.getTagName() + "=" + f.getTextContent());
                }
                items.add(fields);
            }
        }
        return items;
    }

    /** Every text value in the document (element texts), for checks that apply to all of them. */
    public List<String> allTexts() {
        List<String> texts = new ArrayList<>();
        collectTexts(root, texts);
        return texts;
    }

    /** Every URL in the document: MenuItem, SoftKeyItem and Input URLs. */
    public List<String> allUrls() {
        List<String> urls = new ArrayList<>();
        NodeList nl = root.getElementsByTagName("URL");
        for (int i = 0; i < nl.getLength(); i++) {
            urls.add(nl.item(i).getTextContent());
        }
        return urls;
    }

    private static void collectTexts(Element e, List<String> texts) {
        List<Element> kids = children(e);
        if (kids.isEmpty()) {
            texts.add(e.getTextContent());
        }
        for (Element k : kids) {
            collectTexts(k, texts);
        }
    }

    private List<Item> items(String element, String nameTag, String valueTag) {
        List<Item> items = new ArrayList<>();
        for (Element e : children(root)) {
            if (e.getTagName().equals(element)) {
                List<String> tags = new ArrayList<>();
                for (Element f : children(e)) {
                    tags.add(f.getTagName());
                }
                if (!tags.equals(List.of(nameTag, valueTag))) {
                    throw new AssertionError(element + " must have exactly " + nameTag + " and " + valueTag
                            + ", had " + tags);
                }
                items.add(new Item(childText(e, nameTag), childText(e, valueTag)));
            }
        }
        return items;
    }

    private static String childText(Element e, String name) {
        for (Element k : children(e)) {
            if (k.getTagName().equals(name)) {
                return k.getTextContent();
            }
        }
        throw new AssertionError(e.getTagName() + " has no " + name);
    }

    private static List<Element> children(Element e) {
        List<Element> list = new ArrayList<>();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element el) {
                list.add(el);
            }
        }
        return list;
    }

    /** A MenuItem (name, URL) or DirectoryEntry (name, telephone). */
    public record Item(String name, String value) {
    }

    public record SoftKey(String name, String url, int position) {
    }
}
