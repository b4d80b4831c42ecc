package org.contactsync.jaxrs.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;

import org.junit.jupiter.api.Test;

class DirectorySettingsTest {

    @Test
    void defaultsAreContactsFromTheRequestNoProxyNoPrefix() {
        DirectorySettings d = DirectorySettings.defaults();

        assertThat(d.title()).isEqualTo("Contacts");
        assertThat(d.publicBaseUrl()).isNull();
        assertThat(d.trustProxy()).isFalse();
        assertThat(d.dialPrefix()).isEmpty();
    }

    @Test
    void refusesAPublicBaseUrlPhonesCannotUse() {
        for (String bad : new String[] {"ftp://host/", "/relative/path", "https://host/x?y=1", "https://host/#top"}) {
            assertThatThrownBy(() -> new DirectorySettings(null, URI.create(bad), false, null)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("contactsync.public-base-url");
        }
        assertThatThrownBy(() -> new DirectorySettings(null, URI.create("https://h/" + "p".repeat(200)), false, null))
                .hasMessageContaining("150");
    }

    @Test
    void refusesADialPrefixThatIsNotDialable() {
        assertThatThrownBy(() -> new DirectorySettings(null, null, false, "9-"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dial prefix");
    }
}
