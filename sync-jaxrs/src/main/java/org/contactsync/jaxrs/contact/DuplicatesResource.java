package org.contactsync.jaxrs.contact;

import java.util.Objects;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
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

import org.contactsync.directory.CiscoDirectory;
import org.contactsync.jaxrs.RequiresAdmin;
import org.contactsync.jaxrs.openapi.OpenApiExamples;
import org.contactsync.jaxrs.support.Params;

/**
 * {@code /api/contacts/duplicates}: the contacts of different sources the phone directory merged into one entry
 * each (same number or email), with where every member came from. Read from the directory's current snapshot, so
 * it is exactly what the phones see. Administrator only; mount it with the {@link CiscoDirectory} it reads.
 */
@Path("api/contacts/duplicates")
@RequiresAdmin
@Tag(name = "contacts", description = "Search the local copy of the contacts.")
@Produces(MediaType.APPLICATION_JSON)
public final class DuplicatesResource {
    private final CiscoDirectory directory;

    public DuplicatesResource(CiscoDirectory directory) {
        this.directory = Objects.requireNonNull(directory, "directory");
    }

    @GET
    @Operation(summary = "Lists what the phone directory merged: one group per person found in several sources",
            description = "Contacts of different sources that share a phone number (in E.164 form) or an email "
                    + "address (ignoring case) are one directory entry. The entry takes its name from the "
                    + "highest-priority source (then the most recently updated contact) and unites the numbers. "
                    + "Contacts of one source are never merged with each other. Empty with one source.",
            responses = {
                    @ApiResponse(responseCode = "200", description = "One page of merged entries, ordered by name",
                            content = @Content(mediaType = "application/json",
                                    schema = @Schema(implementation = DuplicatesJson.Duplicates.class),
                                    examples = @ExampleObject(value = OpenApiExamples.DUPLICATES))),
                    @ApiResponse(responseCode = "400", description = "limit/offset out of range",
                            content = @Content(mediaType = "application/json",
                                    schema = @Schema(ref = OpenApiExamples.ERROR_REF)))})
    public DuplicatesJson.Duplicates duplicates(
            @Parameter(description = OpenApiExamples.LIMIT, schema = @Schema(type = "integer", minimum = "1",
                    maximum = "100", defaultValue = "20")) @QueryParam("limit") String limit,
            @Parameter(description = OpenApiExamples.OFFSET, schema = @Schema(type = "integer", minimum = "0",
                    defaultValue = "0")) @QueryParam("offset") String offset) {
        return DuplicatesJson.Duplicates.of(directory.snapshot().merges(), Params.limit(limit, 20),
                Params.offset(offset));
    }
}
