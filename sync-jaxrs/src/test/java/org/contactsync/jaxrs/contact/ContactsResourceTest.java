package org.contactsync.jaxrs.contact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.contactsync.jaxrs.testkit.ApiHarness.fieldNames;
import static org.contactsync.jaxrs.testkit.ApiHarness.json;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import jakarta.ws.rs.core.Response;

import org.contactsync.contact.Contact;
import org.contactsync.contact.PhoneNumber;
import org.contactsync.contact.PhoneType;
import org.contactsync.jaxrs.testkit.ApiHarness;
import org.contactsync.testkit.TestContacts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ContactsResourceTest {
    private ApiHarness api;

    @BeforeEach
    void start() {
        api = ApiHarness.builder().build();
        Contact zoe = Contact.builder("people/zoe").displayName("Zoë Ångström").givenName("Zoë")
                .familyName("Ångström").organization("Acme Corp")
                .phone(PhoneNumber.primary("+1 (555) 010-2000", PhoneType.WORK))
                .phone("555 0199", PhoneType.MOBILE).email("zoe@example.com").group("Friends")
                .etag("etag-1").updatedAt(Instant.parse("2024-05-01T12:00:00Z")).build();
        List<Contact> all = new ArrayList<>(TestContacts.people(30));
        all.add(zoe);
        all.add(TestContacts.person("Mary-Jane Watson", "+44 20 7946 0001"));
        api.manager().contactStore().write(all, List.of());
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private JsonNode search(String query) {
        Response r = api.admin("api/contacts" + query).get();
        assertThat(r.getStatus()).isEqualTo(200);
        return json(r);
    }

    private List<String> names(JsonNode results) {
        List<String> names = new ArrayList<>();
        results.get("contacts").forEach(c -> names.add(c.get("display_name").asText()));
        return names;
    }

    @Test
    void aContactHasTheDocumentedSnakeCaseFields() {
        JsonNode results = search("?q=zoe");
        assertThat(fieldNames(results)).containsExactly("contacts", "total", "limit", "offset", "q");
        JsonNode c = results.get("contacts").get(0);
        assertThat(fieldNames(c)).containsExactly("id", "source_id", "display_name", "given_name", "family_name",
                "organization", "phones", "emails", "groups", "updated_at", "source");
        assertThat(c.get("source_id").asText()).isEqualTo("people/zoe");
        assertThat(c.get("source").asText()).as("the one source of a configuration that names none")
                .isEqualTo(Contact.DEFAULT_SOURCE);
        assertThat(c.get("display_name").asText()).isEqualTo("Zoë Ångström");
        assertThat(c.get("organization").asText()).isEqualTo("Acme Corp");
        assertThat(c.get("updated_at").asText()).isEqualTo("2024-05-01T12:00:00Z");
        JsonNode phone = c.get("phones").get(0);
        assertThat(fieldNames(phone)).containsExactly("number", "type", "digits", "primary");
        assertThat(phone.get("number").asText()).isEqualTo("+1 (555) 010-2000");
        assertThat(phone.get("type").asText()).isEqualTo("work");
        assertThat(phone.get("digits").asText()).isEqualTo("15550102000");
        assertThat(phone.get("primary").asBoolean()).isTrue();
        assertThat(c.get("emails").get(0).asText()).isEqualTo("zoe@example.com");
        assertThat(c.get("groups").get(0).asText()).isEqualTo("Friends");
        assertThat(c.toString()).doesNotContain("etag");
    }

    @ParameterizedTest
    @ValueSource(strings = {"zo", "ZOË", "zoe", "angst", "ÅNGSTRÖM", "acme"})
    void namesAreFoundByPrefixOrWordIgnoringCaseAndAccents(String q) {
        assertThat(names(search("?q=" + java.net.URLEncoder.encode(q, java.nio.charset.StandardCharsets.UTF_8))))
                .containsExactly("Zoë Ångström");
    }

    @Test
    void aWordInsideAHyphenatedNameIsFound() {
        assertThat(names(search("?q=jane"))).containsExactly("Mary-Jane Watson");
    }

    @ParameterizedTest
    @ValueSource(strings = {"+1 (555) 010-2000", "5550102000", "555-010-2000", "15550102000"})
    void phoneNumbersAreFoundInAnyFormat(String q) {
        assertThat(names(search("?q=" + java.net.URLEncoder.encode(q, java.nio.charset.StandardCharsets.UTF_8))))
                .containsExactly("Zoë Ångström");
    }

    @Test
    void listingPagesThroughEveryContactWithTheTotal() {
        JsonNode first = search("?limit=10");
        assertThat(first.get("total").asLong()).isEqualTo(32);
        assertThat(first.get("contacts")).hasSize(10);
        assertThat(names(first).get(0)).isEqualTo("Mary-Jane Watson");
        JsonNode last = search("?limit=10&offset=30");
        assertThat(last.get("contacts")).hasSize(2);
        assertThat(last.get("offset").asInt()).isEqualTo(30);
        assertThat(search("").get("limit").asInt()).isEqualTo(20);
    }

    @Test
    void aSearchWithNoMatchIsAnEmptyList() {
        JsonNode r = search("?q=nobody-by-this-name");
        assertThat(r.get("contacts")).isEmpty();
        assertThat(r.get("total").asLong()).isZero();
    }

    @Test
    void aContactIsReadById() {
        long id = search("?q=zoe").get("contacts").get(0).get("id").asLong();
        JsonNode c = json(api.admin("api/contacts/" + id).get());
        assertThat(c.get("display_name").asText()).isEqualTo("Zoë Ångström");
    }

    @ParameterizedTest
    @ValueSource(strings = {"999999", "abc", "0", "-3"})
    void unknownContactIdsAnswer404Json(String id) {
        Response r = api.admin("api/contacts/" + id).get();
        assertThat(r.getStatus()).isEqualTo(404);
        assertThat(json(r).get("detail").asText()).startsWith("No contact with id");
    }

    @Test
    void anOverlongQueryIsRefused400() {
        Response r = api.admin("api/contacts?q=" + "a".repeat(201)).get();
        assertThat(r.getStatus()).isEqualTo(400);
        assertThat(json(r).get("detail").asText()).isEqualTo("q must be at most 200 characters, was 201.");
    }
}
