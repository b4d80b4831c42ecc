package org.contactsync.directory.browse;

import org.contactsync.directory.CiscoXmlWriter;

/** The writing shared by the browse markups: every value cleaned and escaped, lines cut to the phone's width. */
final class BrowseXml {
    private BrowseXml() {
    }

    /** The XML header and {@code <root attrs><Title>…</Title>}. */
    static StringBuilder start(String root, String attrs, String title, int maxLine) {
        return new StringBuilder(4096).append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<").append(root)
                .append(attrs).append(">").append(el("Title", line(title, maxLine))).append('\n');
    }

    static String line(String s, int max) {
        return CiscoXmlWriter.truncate(CiscoXmlWriter.clean(s, false), max);
    }

    /** A message body: line breaks kept, at most 2,000 characters. */
    static String body(String s) {
        return CiscoXmlWriter.truncate(CiscoXmlWriter.clean(s, true), 2000);
    }

    /** {@code <tag><nameTag>name</nameTag><valueTag>value</valueTag></tag>} and a line break. */
    static String item(String tag, String nameTag, String name, String valueTag, String value) {
        return "<" + tag + ">" + el(nameTag, name) + el(valueTag, value) + "</" + tag + ">\n";
    }

    static String el(String name, String value) {
        return "<" + name + ">" + CiscoXmlWriter.escape(CiscoXmlWriter.clean(value, true)) + "</" + name + ">";
    }
}
