package org.contactsync.contact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.contactsync.testkit.TestContacts.person;

import org.contactsync.Page;
import org.junit.jupiter.api.Test;

/** The reference search semantics every ContactStore follows. */
class ContactQueryTest {

    @Test
    void aNameMatchesByPrefixOrWordStartIgnoringCaseAndAccents() {
        Contact c = person("Łukasz Öztürk-Żak", "+48 22 123 45 67");

        assertThat(query("luk").matches(c)).isTrue();
        assertThat(query("OZTURK").matches(c)).isTrue();
        assertThat(query("zak").matches(c)).isTrue();
        assertThat(query("kasz").matches(c)).as("middle of a word").isFalse();
    }

    @Test
    void textInOtherScriptsMatchesToo() {
        assertThat(query("Иван").matches(person("Иван Петров"))).isTrue();
        assertThat(query("王").matches(person("王小明"))).isTrue();
    }

    @Test
    void aPhoneLikeQueryMatchesNumbersInAnyFormat() {
        Contact c = person("Ann Lee", "+1 (555) 010-2000");

        assertThat(query("555-010").matches(c)).isTrue();
        assertThat(query("+1 555 010 2000").matches(c)).isTrue();
        assertThat(query("555 999").matches(c)).isFalse();
        assertThat(query("Ann 555").matches(c)).as("letters make it a name query").isFalse();
    }

    @Test
    void anOrganisationMatchesWhenTheNameDoesNot() {
        Contact c = Contact.builder("x").displayName("Ann Lee").organization("Acme Widgets").build();

        assertThat(query("widg").matches(c)).isTrue();
    }

    @Test
    void aBlankQueryMatchesEverything() {
        assertThat(ContactQuery.all(10, 0).matches(person("Anyone"))).isTrue();
        assertThat(new ContactQuery(null, 10, 0).text()).isEmpty();
    }

    @Test
    void limitsAreChecked() {
        assertThatThrownBy(() -> new ContactQuery("a", 0, 0)).hasMessageContaining("limit");
        assertThatThrownBy(() -> new ContactQuery("a", 1001, 0)).hasMessageContaining("limit");
        assertThatThrownBy(() -> new ContactQuery("a", 10, -1)).hasMessageContaining("offset");
    }

    @Test
    void foldingRemovesAccentsCaseAndExtraSpaces() {
        assertThat(SearchText.fold("  Zoë   ÅNGSTRÖM ")).isEqualTo("zoe angstrom");
        assertThat(SearchText.fold("Søren Straße")).isEqualTo("soren strase");
        assertThat(SearchText.fold(null)).isEmpty();
    }

    @Test
    void aPageKnowsWhetherMoreFollow() {
        assertThat(new Page<>(java.util.List.of(1, 2), 5, 2, 0).hasMore()).isTrue();
        assertThat(new Page<>(java.util.List.of(5), 5, 2, 4).hasMore()).isFalse();
        assertThatThrownBy(() -> new Page<>(java.util.List.of(), -1, 2, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static ContactQuery query(String text) {
        return new ContactQuery(text, 10, 0);
    }
}
