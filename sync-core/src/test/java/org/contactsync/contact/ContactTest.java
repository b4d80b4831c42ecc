package org.contactsync.contact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.contactsync.testkit.TestContacts;
import org.junit.jupiter.api.Test;

class ContactTest {

    @Test
    void theDisplayNameFallsBackToGivenAndFamilyNameThenOrganisationThenEmailThenPhone() {
        assertThat(Contact.builder("a").givenName("Ann").familyName("Lee").build().displayName()).isEqualTo("Ann Lee");
        assertThat(Contact.builder("b").organization("Acme & Co").email("x@acme.test").build().displayName())
                .isEqualTo("Acme & Co");
        assertThat(TestContacts.emailOnly("info@acme.test").displayName()).isEqualTo("info@acme.test");
        assertThat(TestContacts.phoneOnly("+1 555 0100").displayName()).isEqualTo("+1 555 0100");
        assertThat(Contact.builder("e").displayName("   ").build().displayName()).isEqualTo(Contact.UNNAMED);
    }

    @Test
    void blankPartsAreStoredAsAbsentAndNamesAreTrimmed() {
        Contact c = Contact.builder("a").displayName("  Ann Lee ").givenName(" ").organization("").build();

        assertThat(c.displayName()).isEqualTo("Ann Lee");
        assertThat(c.givenName()).isNull();
        assertThat(c.organization()).isNull();
    }

    @Test
    void aSourceIdIsRequired() {
        assertThatThrownBy(() -> Contact.builder(" ").build()).hasMessageContaining("sourceId");
        assertThatThrownBy(() -> Contact.builder(null).build()).hasMessageContaining("sourceId");
    }

    @Test
    void theContentHashChangesWithContentButNotWithTheLocalId() {
        Contact ann = TestContacts.person("Ann Lee", "+1 555 0100");

        assertThat(ann.withId(42).contentHash()).isEqualTo(ann.contentHash());
        assertThat(TestContacts.edited(ann, "+1 555 0199").contentHash()).isNotEqualTo(ann.contentHash());
        assertThat(TestContacts.person("Ann Lee", "+1 555 0100").contentHash()).isEqualTo(ann.contentHash());
    }

    @Test
    void phoneNumbersKeepTheirDigitsForSearch() {
        PhoneNumber p = PhoneNumber.of("+1 (555) 010-2000", null);

        assertThat(p.digits()).isEqualTo("15550102000");
        assertThat(p.type()).isEqualTo(PhoneType.OTHER);
    }
}
