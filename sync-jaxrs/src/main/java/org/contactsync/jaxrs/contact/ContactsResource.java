package org.contactsync.jaxrs.contact;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.contactsync.contact.ContactQuery;
import org.contactsync.contact.ContactStore;
import org.contactsync.jaxrs.RequiresAdmin;
import org.contactsync.jaxrs.support.ApiException;
import org.contactsync.jaxrs.support.Params;

/**
 * {@code /api/contacts}: the local copy, searched by name (prefix or word, ignoring case and accents) or by phone
 * number in any format. Administrator only.
 */
@Path("api/contacts")
@RequiresAdmin
@Produces(MediaType.APPLICATION_JSON)
public final class ContactsResource {
    /** Longer queries are refused rather than silently cut. */
    static final int MAX_QUERY_LENGTH = 200;

    private final ContactStore contacts;

    public ContactsResource(ContactStore contacts) {
        this.contacts = contacts;
    }

    @GET
    public ContactJson.Results search(@QueryParam("q") String q, @QueryParam("limit") String limit,
                                      @QueryParam("offset") String offset) {
        String text = q == null ? "" : q.strip();
        if (text.length() > MAX_QUERY_LENGTH) {
            throw ApiException.badRequest("q must be at most " + MAX_QUERY_LENGTH + " characters, was "
                    + text.length() + ".");
        }
        ContactQuery query = new ContactQuery(text, Params.limit(limit, 20), Params.offset(offset));
        return ContactJson.Results.of(contacts.search(query), text);
    }

    @GET
    @Path("{id}")
    public ContactJson.Item contact(@PathParam("id") String id) {
        long contactId = Params.id(id, "contact");
        return contacts.findById(contactId).map(ContactJson.Item::of)
                .orElseThrow(() -> ApiException.notFound("No contact with id " + contactId + "."));
    }
}
