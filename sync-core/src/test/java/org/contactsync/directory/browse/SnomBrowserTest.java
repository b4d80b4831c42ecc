package org.contactsync.directory.browse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.contactsync.directory.DirectorySnapshot;
import org.junit.jupiter.api.Test;

class SnomBrowserTest extends BrowsePagesContract {
    @Override
    BrowseMarkup markup() {
        return new SnomBrowser();
    }

    @Override
    String menuNames() {
        return "/SnomIPPhoneMenu/MenuItem/Name";
    }

    @Override
    String menuUrls() {
        return "/SnomIPPhoneMenu/MenuItem/URL";
    }

    @Override
    String entryNames() {
        return "/SnomIPPhoneDirectory/DirectoryEntry/Name";
    }

    @Override
    String entryNumbers() {
        return "/SnomIPPhoneDirectory/DirectoryEntry/Telephone";
    }

    @Test
    void theSearchFormPutsTheTypedTextWhereItsTokenIs() {
        var doc = parse(pages().search(DirectorySnapshot.of(1, List.of(), T0), ROOT, "", null));
        assertThat(doc.getDocumentElement().getTagName()).isEqualTo("SnomIPPhoneInput");
        String token = values(doc, "//InputItem/InputToken").get(0);
        assertThat(values(doc, "/SnomIPPhoneInput/URL")).containsExactly(ROOT + "/search?q=" + token);
    }
}
