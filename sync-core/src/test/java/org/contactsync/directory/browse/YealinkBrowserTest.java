package org.contactsync.directory.browse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.contactsync.directory.DirectorySnapshot;
import org.junit.jupiter.api.Test;

class YealinkBrowserTest extends BrowsePagesContract {
    @Override
    BrowseMarkup markup() {
        return new YealinkBrowser();
    }

    @Override
    String menuNames() {
        return "/YealinkIPPhoneTextMenu/MenuItem/Prompt";
    }

    @Override
    String menuUrls() {
        return "/YealinkIPPhoneTextMenu/MenuItem/URI";
    }

    @Override
    String entryNames() {
        return "/YealinkIPPhoneDirectory/DirectoryEntry/Name";
    }

    @Override
    String entryNumbers() {
        return "/YealinkIPPhoneDirectory/DirectoryEntry/Telephone";
    }

    @Test
    void theSearchFormIsAnInputScreenSubmittingQ() {
        var doc = parse(pages().search(DirectorySnapshot.of(1, List.of(), T0), ROOT, "", null));
        assertThat(doc.getDocumentElement().getTagName()).isEqualTo("YealinkIPPhoneInputScreen");
        assertThat(values(doc, "//InputField/Parameter")).containsExactly("q");
        assertThat(values(doc, "/YealinkIPPhoneInputScreen/URL")).containsExactly(ROOT + "/search");
    }
}
