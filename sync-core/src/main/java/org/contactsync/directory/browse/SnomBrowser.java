package org.contactsync.directory.browse;

import static org.contactsync.directory.browse.BrowseXml.body;
import static org.contactsync.directory.browse.BrowseXml.el;
import static org.contactsync.directory.browse.BrowseXml.item;
import static org.contactsync.directory.browse.BrowseXml.start;

import java.util.List;

/**
 * Snom minibrowser objects: {@code SnomIPPhoneMenu} (MenuItem Name/URL), {@code SnomIPPhoneDirectory}
 * (DirectoryEntry Name/Telephone: picking one dials it), {@code SnomIPPhoneInput} (InputItem with an InputToken
 * the phone replaces in the URL) and {@code SnomIPPhoneText}. Speed-select works for up to 100 lines; pages have
 * 32. The cancel key leads back to the menu.
 */
public final class SnomBrowser implements BrowseMarkup {
    private static final String TOKEN = "__Q__";

    @Override
    public String vendor() {
        return "snom";
    }

    @Override
    public int pageSize() {
        return 32;
    }

    @Override
    public int maxLine() {
        return 32;
    }

    @Override
    public int maxBytes() {
        return Integer.MAX_VALUE;
    }

    @Override
    public String menu(String title, List<Link> items) {
        StringBuilder sb = start("SnomIPPhoneMenu", "", title, maxLine());
        for (Link l : items) {
            sb.append(item("MenuItem", "Name", line(l.name()), "URL", l.url()));
        }
        return sb.append("</SnomIPPhoneMenu>\n").toString();
    }

    @Override
    public String directory(String title, List<Entry> entries, List<Link> links) {
        StringBuilder sb = start("SnomIPPhoneDirectory", "", title, maxLine());
        for (Entry e : entries) {
            sb.append(item("DirectoryEntry", "Name", line(e.name()), "Telephone", e.telephone()));
        }
        for (Link l : links) {
            sb.append(cancelKey(l.url()));
        }
        return sb.append("</SnomIPPhoneDirectory>\n").toString();
    }

    @Override
    public String input(String title, String prompt, String url, String param) {
        return start("SnomIPPhoneInput", "", title, maxLine()).append(el("Prompt", line(prompt)))
                .append(el("URL", url + "?" + param + "=" + TOKEN)).append("<InputItem>")
                .append(el("DisplayName", line(prompt))).append(el("DefaultValue", ""))
                .append(el("InputToken", TOKEN)).append(el("InputFlags", "a")).append("</InputItem>")
                .append("</SnomIPPhoneInput>\n").toString();
    }

    @Override
    public String text(String title, String text, Link back) {
        return start("SnomIPPhoneText", "", title, maxLine()).append(el("Text", body(text)))
                .append(cancelKey(back.url())).append("</SnomIPPhoneText>\n").toString();
    }

    private static String cancelKey(String url) {
        return "<SoftKeyItem>" + el("Name", "CANCEL") + el("URL", url) + "</SoftKeyItem>\n";
    }

    private String line(String s) {
        return BrowseXml.line(s, maxLine());
    }
}
