package org.contactsync.google;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.google.api.services.people.v1.model.ListConnectionsResponse;
import com.google.api.services.people.v1.model.Person;
import org.contactsync.contact.Contact;
import org.junit.jupiter.api.Test;

/** The one-pass reader of a contacts page sees what the Google client's own parser sees, and refuses what it must. */
class ConnectionsPageReaderTest {
    private static final String PAGE = """
            {"connections": [
              {"resourceName": "people/c1", "etag": "%E1",
               "metadata": {"sources": [{"type": "CONTACT", "updateTime": "2024-01-02T03:04:05Z"},
                                        {"updateTime": "2024-05-06T07:08:09.123Z", "etag": "#x"}],
                            "objectType": "PERSON"},
               "names": [{"displayName": "Second", "givenName": "Sec"},
                         {"metadata": {"primary": true, "source": {"type": "CONTACT", "id": "1"}},
                          "displayName": "Anna Łukasiewicz", "givenName": "Anna", "familyName": "Łukasiewicz",
                          "unstructuredName": "ignored"}],
               "organizations": [{"name": "Acme", "title": "Boss", "metadata": {"primary": false}}],
               "phoneNumbers": [{"value": " +49 30 1234567 ", "type": "work", "metadata": {"primary": true}},
                                {"canonicalForm": "+491715550101", "formattedType": "Mobile"},
                                {"value": null, "type": "home"}],
               "emailAddresses": [{"value": "anna@example.com", "metadata": {"primary": true}}, {"value": "  "}],
               "memberships": [{"contactGroupMembership": {"contactGroupResourceName": "contactGroups/friends"}},
                               {"contactGroupMembership": {"contactGroupId": "starred"}},
                               {"domainMembership": {"inViewerDomain": true}},
                               {"contactGroupMembership": {"contactGroupResourceName": "contactGroups/myContacts"}}],
               "photos": [{"url": "https://example.com/p.jpg", "nested": [1, 2.5, [true, null]]}]},
              {"resourceName": "people/c2", "metadata": {"deleted": true}},
              {"resourceName": "people/c3", "names": null, "phoneNumbers": []}
            ],
             "nextPageToken": "page-2", "nextSyncToken": null, "totalPeople": 3, "totalItems": 3,
             "unknownTopLevel": {"a": [1]}}
            """;

    @Test
    void aPageReadsAsTheGoogleClientsParserReadsIt() throws IOException {
        ListConnectionsResponse ours = ConnectionsPageReader.read(bytes(PAGE));
        ListConnectionsResponse google = GoogleAccount.JSON.createJsonParser(new ByteArrayInputStream(bytes(PAGE)),
                StandardCharsets.UTF_8).parseAndClose(ListConnectionsResponse.class);

        assertThat(ours.getNextPageToken()).isEqualTo(google.getNextPageToken()).isEqualTo("page-2");
        assertThat(ours.getNextSyncToken()).isNull();
        assertThat(ours.getTotalPeople()).isEqualTo(google.getTotalPeople()).isEqualTo(3);
        assertThat(ours.getTotalItems()).isEqualTo(3);
        assertThat(mapped(ours)).isEqualTo(mapped(google)).hasSize(3);
        assertThat(ours.getConnections()).extracting(PersonMapper::isDeleted).containsExactly(false, true, false);
        Contact anna = PersonMapper.toContact(ours.getConnections().get(0), Map.of());
        assertThat(anna.displayName()).isEqualTo("Anna Łukasiewicz");
        assertThat(anna.phones()).hasSize(2);
        assertThat(anna.groups()).containsExactly("friends", "starred");
    }

    @Test
    void aBodyCutShortTextAfterTheObjectOrBrokenJsonIsUnreadableInTheWordsOfTheCompletenessCheck() {
        String cut = PAGE.substring(0, PAGE.indexOf("{\"resourceName\": \"people/c2\""));
        assertThat(GoogleCalls.jsonProblem(bytes(cut))).contains("cut short");
        for (String body : List.of(cut, "{\"connections\": []} {}", "[]", "{\"connections\": [{,}]}", "")) {
            assertThatThrownBy(() -> ConnectionsPageReader.read(bytes(body))).as(body)
                    .isInstanceOf(GoogleCalls.UnreadableAnswerException.class)
                    .hasMessageStartingWith(GoogleCalls.jsonProblem(bytes(body)).split(":")[0]);
        }
    }

    @Test
    void wellFormedJsonOfTheWrongShapeIsUnreadable() {
        for (String body : List.of("{\"connections\": \"x\"}", "{\"totalPeople\": \"many\"}",
                "{\"connections\": [{\"names\": {\"displayName\": \"A\"}}]}")) {
            assertThatThrownBy(() -> ConnectionsPageReader.read(bytes(body))).as(body)
                    .isInstanceOf(GoogleCalls.UnreadableAnswerException.class)
                    .hasMessageContaining("expected fields");
        }
    }

    private static List<Object> mapped(ListConnectionsResponse page) {
        return page.getConnections().stream().<Object>map(p -> List.of(PersonMapper.isDeleted(p),
                PersonMapper.groupResourceNames(p), PersonMapper.toContact(p, Map.of()), String.valueOf(etag(p))))
                .toList();
    }

    private static String etag(Person p) {
        return p.getEtag();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
