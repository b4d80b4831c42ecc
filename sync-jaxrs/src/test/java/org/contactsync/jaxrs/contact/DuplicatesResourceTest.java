package org.contactsync.jaxrs.contact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.contactsync.jaxrs.testkit.ApiHarness.fieldNames;
import static org.contactsync.jaxrs.testkit.ApiHarness.json;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import jakarta.ws.rs.core.Response;

import org.contactsync.contact.Contact;
import org.contactsync.contact.PhoneType;
import org.contactsync.directory.CiscoDirectory;
import org.contactsync.directory.CiscoXml;
import org.contactsync.directory.DirectorySnapshot;
import org.contactsync.directory.LabelFilter;
import org.contactsync.jaxrs.directory.DirectoryResource;
import org.contactsync.jaxrs.directory.DirectorySettings;
import org.contactsync.jaxrs.testkit.ApiHarness;
import org.contactsync.testkit.ScriptedSyncEngine;
import org.contactsync.testkit.SyncFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Several sources in one directory over HTTP: merged entries on the phones, in caller-ID and in the API. */
class DuplicatesResourceTest {
    private SyncFixture sync;
    private ApiHarness api;

    @BeforeEach
    void start() {
        sync = new SyncFixture(new ScriptedSyncEngine());
        CiscoDirectory directory = new CiscoDirectory(sync.contacts(), Duration.ZERO, Clock.systemUTC(),
                new DirectorySnapshot.Options("DE", LabelFilter.ALL).withSources(List.of("staff", "customers")));
        api = ApiHarness.builder().sync(sync, sync.manager())
                .component(new DirectoryResource(directory, DirectorySettings.defaults()))
                .component(new DuplicatesResource(directory))
                .build();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private void write(Contact... contacts) {
        sync.contacts().write(List.of(contacts), List.of());
    }

    private void jurgenInTwoSources() {
        write(Contact.builder("staff/jk").source("staff").displayName("Jürgen Keller").organization("Keller GmbH")
                        .updatedAt(Instant.parse("2024-01-01T00:00:00Z")).phone("+49 30 1234567", PhoneType.WORK)
                        .build(),
                Contact.builder("customers/jk").source("customers").displayName("J. Keller <Einkauf>")
                        .updatedAt(Instant.parse("2025-01-01T00:00:00Z")).phone("030 1234567", PhoneType.MAIN)
                        .phone("0170 1112223", PhoneType.MOBILE).email("jk@keller.example").build(),
                Contact.builder("customers/anna").source("customers").displayName("Anna Smith")
                        .phone("+1 555 010 0100", PhoneType.WORK).build());
    }

    @Test
    void theCallerIdLookupAnswersTheMergedEntrysNameForEitherSourcesNumber() {
        jurgenInTwoSources();

        for (String number : List.of("+49 30 1234567", "+49 170 1112223")) {
            try (Response r = api.target("directory/lookup").queryParam("number", number).request().get()) {
                assertThat(r.getStatus()).isEqualTo(200);
                assertThat(r.readEntity(String.class)).as(number).isEqualTo("Jürgen Keller");
            }
        }
    }

    @Test
    void thePhonesGroupPageListsTheMergedPairOnce() {
        jurgenInTwoSources();

        try (Response r = api.target("directory/groups/5JKL").request().get()) {
            assertThat(r.getStatus()).isEqualTo(200);
            assertThat(CiscoXml.parse(r.readEntity(String.class)).menuItems()).extracting(CiscoXml.Item::name)
                    .containsExactly("Jürgen Keller");
        }
    }

    @Test
    void theDuplicatesListTheChosenEntryAndEveryMemberWithItsSource() {
        jurgenInTwoSources();

        Response r = api.admin("api/contacts/duplicates").get();
        assertThat(r.getStatus()).isEqualTo(200);
        JsonNode body = json(r);

        assertThat(fieldNames(body)).containsExactly("groups", "total", "limit", "offset");
        assertThat(body.get("total").asInt()).isEqualTo(1);
        JsonNode group = body.at("/groups/0");
        assertThat(group.at("/entry/display_name").asText()).isEqualTo("Jürgen Keller");
        assertThat(group.at("/entry/source").asText()).isEqualTo("staff");
        List<String> numbers = new ArrayList<>();
        group.at("/entry/phones").forEach(p -> numbers.add(p.get("number").asText()));
        assertThat(numbers).containsExactly("+49 30 1234567", "0170 1112223");
        assertThat(group.at("/entry/emails/0").asText()).isEqualTo("jk@keller.example");
        JsonNode members = group.get("members");
        assertThat(members).hasSize(2);
        assertThat(fieldNames(members.get(0))).containsExactly("contact_id", "source", "source_id", "display_name",
                "organization", "phones", "emails", "winner");
        assertThat(members.get(0).get("source_id").asText()).isEqualTo("staff/jk");
        assertThat(members.get(0).get("winner").asBoolean()).isTrue();
        assertThat(members.get(1).get("source").asText()).isEqualTo("customers");
        assertThat(members.get(1).get("display_name").asText()).isEqualTo("J. Keller <Einkauf>");
        assertThat(members.get(1).get("phones")).hasSize(2);
        assertThat(members.get(1).get("contact_id").asLong())
                .isEqualTo(sync.contacts().findBySourceId("customers/jk").orElseThrow().id());
    }

    @Test
    void theDuplicatesArePagedAndEmptyWithOneSource() {
        write(Contact.builder("a").displayName("Anna").phone("+49 30 1111111", PhoneType.WORK).build(),
                Contact.builder("b").displayName("Anna (again)").phone("+49 30 1111111", PhoneType.WORK).build());

        JsonNode body = json(api.admin("api/contacts/duplicates?limit=5&offset=0").get());

        assertThat(body.get("groups")).isEmpty();
        assertThat(body.get("total").asInt()).isZero();
        assertThat(body.get("limit").asInt()).isEqualTo(5);
        try (Response r = api.admin("api/contacts/duplicates?limit=0").get()) {
            assertThat(r.getStatus()).isEqualTo(400);
            assertThat(r.readEntity(String.class)).contains("\"detail\"");
        }
        try (Response r = api.target("api/contacts/duplicates").request().get()) {
            assertThat(r.getStatus()).as("administrator only").isEqualTo(401);
        }
    }

    @Test
    void aContactsItemSaysWhichSourceItCameFrom() {
        jurgenInTwoSources();

        JsonNode body = json(api.admin("api/contacts?q=anna").get());

        assertThat(body.at("/contacts/0/source").asText()).isEqualTo("customers");
    }
}
