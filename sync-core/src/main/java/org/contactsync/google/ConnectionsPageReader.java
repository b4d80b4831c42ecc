package org.contactsync.google;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.google.api.services.people.v1.model.ContactGroupMembership;
import com.google.api.services.people.v1.model.EmailAddress;
import com.google.api.services.people.v1.model.FieldMetadata;
import com.google.api.services.people.v1.model.ListConnectionsResponse;
import com.google.api.services.people.v1.model.Membership;
import com.google.api.services.people.v1.model.Name;
import com.google.api.services.people.v1.model.Organization;
import com.google.api.services.people.v1.model.Person;
import com.google.api.services.people.v1.model.PersonMetadata;
import com.google.api.services.people.v1.model.PhoneNumber;
import com.google.api.services.people.v1.model.Source;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;

/**
 * Reads a page of {@code people.connections.list} in one streaming pass that also checks the body is one complete
 * JSON object (as {@link GoogleCalls#jsonProblem} does for other answers). Only the fields {@link PersonMapper} and
 * the engine read are kept ({@link GooglePeopleSyncEngine#PERSON_FIELDS}); everything else is skipped.
 *
 * <p>Why not the Google client's parser: it binds every value by reflection, and measured on the emulator's pages
 * of 1,000 people (1.1 MB) it took 56 ms a page, against 9 ms for reading every token with Gson; together with the
 * completeness check, parsing was more than half of reading a Google account (issue 15).
 */
final class ConnectionsPageReader {
    private ConnectionsPageReader() {
    }

    @FunctionalInterface
    private interface Value<T> {
        T read(JsonReader r) throws IOException;
    }

    @FunctionalInterface
    private interface Field<T> {
        /** Reads the value of field {@code name} into {@code target}, or skips it. */
        void read(JsonReader r, String name, T target) throws IOException;
    }

    static ListConnectionsResponse read(byte[] body) throws GoogleCalls.UnreadableAnswerException {
        try (JsonReader r = new JsonReader(new InputStreamReader(new ByteArrayInputStream(body),
                StandardCharsets.UTF_8))) {
            r.setStrictness(Strictness.STRICT);
            if (r.peek() != JsonToken.BEGIN_OBJECT) {
                throw unreadable("the answer is not a JSON object", body);
            }
            ListConnectionsResponse page = object(r, new ListConnectionsResponse(), ConnectionsPageReader::page);
            if (r.peek() != JsonToken.END_DOCUMENT) {
                throw unreadable("there is text after the JSON object", body);
            }
            return page;
        } catch (GoogleCalls.UnreadableAnswerException e) {
            throw e;
        } catch (EOFException e) {
            throw unreadable("the answer ends in the middle of its JSON (cut short)", body);
        } catch (IOException e) {
            throw unreadable("the answer is not valid JSON: " + e.getMessage(), body);
        } catch (IllegalStateException | NumberFormatException e) {
            // Well-formed JSON of the wrong shape ("connections": "x").
            throw new GoogleCalls.UnreadableAnswerException("the answer does not have the expected fields: " + e, e);
        }
    }

    private static GoogleCalls.UnreadableAnswerException unreadable(String problem, byte[] body) {
        return new GoogleCalls.UnreadableAnswerException(problem + " (" + body.length + " bytes)");
    }

    private static void page(JsonReader r, String name, ListConnectionsResponse page) throws IOException {
        switch (name) {
            case "connections" -> page.setConnections(array(r, p -> object(p, new Person(),
                    ConnectionsPageReader::person)));
            case "nextPageToken" -> page.setNextPageToken(string(r));
            case "nextSyncToken" -> page.setNextSyncToken(string(r));
            case "totalItems" -> page.setTotalItems(integer(r));
            case "totalPeople" -> page.setTotalPeople(integer(r));
            default -> r.skipValue();
        }
    }

    private static void person(JsonReader r, String name, Person p) throws IOException {
        switch (name) {
            case "resourceName" -> p.setResourceName(string(r));
            case "etag" -> p.setEtag(string(r));
            case "metadata" -> p.setMetadata(object(r, new PersonMetadata(), ConnectionsPageReader::personMetadata));
            case "names" -> p.setNames(array(r, n -> object(n, new Name(), ConnectionsPageReader::name)));
            case "organizations" -> p.setOrganizations(array(r, o -> object(o, new Organization(),
                    ConnectionsPageReader::organization)));
            case "phoneNumbers" -> p.setPhoneNumbers(array(r, n -> object(n, new PhoneNumber(),
                    ConnectionsPageReader::phoneNumber)));
            case "emailAddresses" -> p.setEmailAddresses(array(r, e -> object(e, new EmailAddress(),
                    (er, field, email) -> {
                        if (field.equals("value")) {
                            email.setValue(string(er));
                        } else {
                            er.skipValue();
                        }
                    })));
            case "memberships" -> p.setMemberships(array(r, m -> object(m, new Membership(),
                    ConnectionsPageReader::membership)));
            default -> r.skipValue();
        }
    }

    private static void personMetadata(JsonReader r, String name, PersonMetadata m) throws IOException {
        switch (name) {
            case "deleted" -> m.setDeleted(bool(r));
            case "sources" -> m.setSources(array(r, s -> object(s, new Source(), (sr, field, source) -> {
                if (field.equals("updateTime")) {
                    source.setUpdateTime(string(sr));
                } else {
                    sr.skipValue();
                }
            })));
            default -> r.skipValue();
        }
    }

    private static void name(JsonReader r, String field, Name n) throws IOException {
        switch (field) {
            case "metadata" -> n.setMetadata(fieldMetadata(r));
            case "displayName" -> n.setDisplayName(string(r));
            case "givenName" -> n.setGivenName(string(r));
            case "familyName" -> n.setFamilyName(string(r));
            default -> r.skipValue();
        }
    }

    private static void organization(JsonReader r, String field, Organization o) throws IOException {
        switch (field) {
            case "metadata" -> o.setMetadata(fieldMetadata(r));
            case "name" -> o.setName(string(r));
            default -> r.skipValue();
        }
    }

    private static void phoneNumber(JsonReader r, String field, PhoneNumber n) throws IOException {
        switch (field) {
            case "metadata" -> n.setMetadata(fieldMetadata(r));
            case "value" -> n.setValue(string(r));
            case "canonicalForm" -> n.setCanonicalForm(string(r));
            case "type" -> n.setType(string(r));
            case "formattedType" -> n.setFormattedType(string(r));
            default -> r.skipValue();
        }
    }

    private static void membership(JsonReader r, String field, Membership m) throws IOException {
        if (!field.equals("contactGroupMembership")) {
            r.skipValue();
            return;
        }
        m.setContactGroupMembership(object(r, new ContactGroupMembership(), (gr, name, g) -> {
            switch (name) {
                case "contactGroupResourceName" -> g.setContactGroupResourceName(string(gr));
                case "contactGroupId" -> g.setContactGroupId(string(gr));
                default -> gr.skipValue();
            }
        }));
    }

    private static FieldMetadata fieldMetadata(JsonReader r) throws IOException {
        return object(r, new FieldMetadata(), (mr, name, m) -> {
            if (name.equals("primary")) {
                m.setPrimary(bool(mr));
            } else {
                mr.skipValue();
            }
        });
    }

    /** An object's fields into {@code target}; null for JSON null. */
    private static <T> T object(JsonReader r, T target, Field<T> fields) throws IOException {
        return nullable(r, or -> {
            or.beginObject();
            while (or.hasNext()) {
                fields.read(or, or.nextName(), target);
            }
            or.endObject();
            return target;
        });
    }

    private static <T> List<T> array(JsonReader r, Value<T> element) throws IOException {
        return nullable(r, ar -> {
            List<T> items = new ArrayList<>();
            ar.beginArray();
            while (ar.hasNext()) {
                items.add(element.read(ar));
            }
            ar.endArray();
            return items;
        });
    }

    private static String string(JsonReader r) throws IOException {
        return nullable(r, JsonReader::nextString);
    }

    private static Boolean bool(JsonReader r) throws IOException {
        return nullable(r, JsonReader::nextBoolean);
    }

    private static Integer integer(JsonReader r) throws IOException {
        return nullable(r, JsonReader::nextInt);
    }

    /** Null for JSON null (the field stays unset, as with the Google client's parser), else the value. */
    private static <T> T nullable(JsonReader r, Value<T> value) throws IOException {
        if (r.peek() == JsonToken.NULL) {
            r.nextNull();
            return null;
        }
        return value.read(r);
    }
}
