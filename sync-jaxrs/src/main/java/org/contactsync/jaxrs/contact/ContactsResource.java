package org.contactsync.jaxrs.contact;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.contactsync.contact.ContactQuery;
import org.contactsync.contact.ContactStore;
import org.contactsync.jaxrs.RequiresAdmin;
import org.contactsync.jaxrs.openapi.OpenApiExamples;
import org.contactsync.jaxrs.support.ApiException;
import org.contactsync.jaxrs.support.Params;

/**
 * {@code /api/contacts}: the local copy, searched by name (prefix or word, ignoring case and accents) or by phone
 * number in any format. Administrator only.
 */
@Path("api/contacts")
@RequiresAdmin
@Tag(name = "contacts", description = "Search the local copy of the contacts.")
@Produces(MediaType.APPLICATION_JSON)
public final class ContactsResource {
    /** Longer queries are refused rather than silently cut. */
    static final int MAX_QUERY_LENGTH = 200;

    private final ContactStore contacts;

    public ContactsResource(ContactStore contacts) {
        this.contacts = contacts;
    }

    @GET
    @Operation(summary = "Searches the local copy by name or phone number",
            responses = {
                    @ApiResponse(responseCode = "200", description = "One page of matches, ordered by name",
                            content = @Content(mediaType = "application/json",
                                    schema = @Schema(implementation = ContactJson.Results.class),
                                    examples = @ExampleObject(value = OpenApiExamples.CONTACTS))),
                    @ApiResponse(responseCode = "400", description = "q too long, or limit/offset out of range",
                            content = @Content(mediaType = "application/json", schema = @Schema(ref = OpenApiExamples.ERROR_REF),
                                    examples = @ExampleObject(value = OpenApiExamples.Q_TOO_LONG)))})
    public ContactJson.Results search(
            @Parameter(description = OpenApiExamples.Q, schema = @Schema(type = "string", maxLength = 200))
            @QueryParam("q") String q,
            @Parameter(description = OpenApiExamples.LIMIT, schema = @Schema(type = "integer", minimum = "1",
                    maximum = "100", defaultValue = "20")) @QueryParam("limit") String limit,
            @Parameter(description = OpenApiExamples.OFFSET, schema = @Schema(type = "integer", minimum = "0",
                    defaultValue = "0")) @QueryParam("offset") String offset) {
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
    @Operation(summary = "One contact",
            responses = {
                    @ApiResponse(responseCode = "200", description = "The contact",
                            content = @Content(mediaType = "application/json",
                                    schema = @Schema(implementation = ContactJson.Item.class))),
                    @ApiResponse(responseCode = "404", description = "No such contact",
                            content = @Content(mediaType = "application/json", schema = @Schema(ref = OpenApiExamples.ERROR_REF),
                                    examples = @ExampleObject(value = OpenApiExamples.NO_CONTACT)))})
    public ContactJson.Item contact(@Parameter(description = "The contact's id", schema = @Schema(type = "integer",
            format = "int64")) @PathParam("id") String id) {
        long contactId = Params.id(id, "contact");
        return contacts.findById(contactId).map(ContactJson.Item::of)
                .orElseThrow(() -> ApiException.notFound("No contact with id " + contactId + "."));
    }
}
