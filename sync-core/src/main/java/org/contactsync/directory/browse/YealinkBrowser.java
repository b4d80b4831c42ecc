package org.contactsync.directory.browse;

import static org.contactsync.directory.browse.BrowseXml.body;
import static org.contactsync.directory.browse.BrowseXml.el;
import static org.contactsync.directory.browse.BrowseXml.item;
import static org.contactsync.directory.browse.BrowseXml.start;

import java.util.List;

/**
 * Yealink XML browser objects: {@code YealinkIPPhoneTextMenu} (MenuItem Prompt/URI), {@code
 * YealinkIPPhoneDirectory} (DirectoryEntry Name/Telephone, SoftKey Label/URI), {@code YealinkIPPhoneInputScreen}
 * (InputField Prompt/Parameter) and {@code YealinkIPPhoneTextScreen}. Yealink: "The size of an XML object cannot
 * exceed 10000 bytes"; 20 lines of at most 32 characters keep every page under it (tested with hostile names).
 */
public final class YealinkBrowser implements BrowseMarkup {
    public static final int MAX_BYTES = 10_000;

    @Override
    public String vendor() {
        return "yealink";
    }

    @Override
    public int pageSize() {
        return 20;
    }

    @Override
    public int maxLine() {
        return 32;
    }

    @Override
    public int maxBytes() {
        return MAX_BYTES;
    }

    @Override
    public String menu(String title, List<Link> items) {
        StringBuilder sb = start("YealinkIPPhoneTextMenu", " style=\"numbered\"", title, maxLine());
        for (Link l : items) {
            sb.append(item("MenuItem", "Prompt", line(l.name()), "URI", l.url()));
        }
        return sb.append("</YealinkIPPhoneTextMenu>\n").toString();
    }

    @Override
    public String directory(String title, List<Entry> entries, List<Link> links) {
        StringBuilder sb = start("YealinkIPPhoneDirectory", "", title, maxLine());
        for (Entry e : entries) {
            sb.append(item("DirectoryEntry", "Name", line(e.name()), "Telephone", e.telephone()));
        }
        int index = 1;
        for (Link l : links) {
            sb.append("<SoftKey index=\"").append(index++).append("\">").append(el("Label", line(l.name())))
                    .append(el("URI", l.url())).append("</SoftKey>\n");
        }
        return sb.append("</YealinkIPPhoneDirectory>\n").toString();
    }

    @Override
    public String input(String title, String prompt, String url, String param) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<YealinkIPPhoneInputScreen type=\"string\">"
                + el("Title", line(title)) + el("URL", url) + "<InputField>" + el("Prompt", line(prompt))
                + el("Parameter", param) + el("Default", "") + "</InputField></YealinkIPPhoneInputScreen>\n";
    }

    @Override
    public String text(String title, String text, Link back) {
        return start("YealinkIPPhoneTextScreen", "", title, maxLine()).append(el("Text", body(text)))
                .append("</YealinkIPPhoneTextScreen>\n").toString();
    }

    private String line(String s) {
        return BrowseXml.line(s, maxLine());
    }
}
