package org.contactsync.jaxrs.openapi;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.jaxrs2.Reader;
import io.swagger.v3.oas.integration.SwaggerConfiguration;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;

import jakarta.ws.rs.Path;

import org.contactsync.jaxrs.RequiresAdmin;
import org.contactsync.jaxrs.support.ApiError;

/**
 * Builds the OpenAPI 3 description of the mounted resources from their JAX-RS and OpenAPI annotations, then adds
 * what holds for every endpoint and is written once here rather than on each method: the error shape on every
 * {@code /api} answer (401, 403, 500 and the 4xx the operation names), the admin security requirement, and the
 * phone directory's XML answers.
 */
public final class OpenApiDocument {
    static final String ERROR_SCHEMA = "Error";

    private OpenApiDocument() {
    }

    /** The document as JSON, with the API's snake_case field names. */
    public static String json(Set<Class<?>> resources, ObjectMapper apiMapper) {
        OpenAPI api = build(resources, apiMapper);
        try {
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(api);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write the OpenAPI document", e);
        }
    }

    static OpenAPI build(Set<Class<?>> resources, ObjectMapper apiMapper) {
        useApiNames(apiMapper);
        OpenAPI base = new OpenAPI()
                .info(new Info().title("ContactSync REST API").version("1")
                        .description("Run and watch syncs, read their history, search the local copy of the "
                                + "contacts, connect Google, and the phone directory. Every error is JSON "
                                + "{\"detail\": \"...\"}, a sentence for people. Paths are relative to where the "
                                + "application is mounted. Guide: docs/rest-api.md.")
                        .license(new License().name("see the project")))
                // Relative to this document (at api/openapi.json), so it holds wherever the app is mounted.
                .servers(List.of(new Server().url("..").description("this ContactSync")))
                .components(new Components()
                        .addSecuritySchemes("basic", new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("basic").description("The administrator's user name and password."))
                        .addSecuritySchemes("session", new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.COOKIE).name("CONTACTSYNC_SESSION")
                                .description("The web app's login (or the container's, with role "
                                        + "contactsync-admin)."))
                        .addSecuritySchemes("metricsToken", new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer").description("contactsync.metrics.token, for /metrics only.")));
        SwaggerConfiguration config = new SwaggerConfiguration().openAPI(base).prettyPrint(true)
                .sortOutput(true).readAllResources(true);
        Reader reader = new Reader(config);
        OpenAPI api = reader.read(new LinkedHashSet<>(resources));
        Map<String, Schema> errorSchemas = ModelConverters.getInstance().read(ApiError.class);
        Schema<?> error = errorSchemas.get(ApiError.class.getSimpleName());
        error.additionalProperties(Boolean.TRUE).required(List.of("detail"));
        error.description("Every error answer. Some add fields next to detail, e.g. run_id on a 409 from trigger.");
        api.getComponents().addSchemas(ERROR_SCHEMA, error);
        Set<String> adminPaths = adminPaths(resources);
        api.getPaths().forEach((path, item) -> completeOperations(path, item, adminPaths));
        RecordSchemas.tighten(api, resources, apiMapper);
        return api;
    }

    /**
     * Swagger resolves schemas with one process-wide converter list: put the API's own mapper (snake_case) first,
     * once, so the schemas name fields as the API writes them.
     */
    private static synchronized void useApiNames(ObjectMapper apiMapper) {
        ModelConverters converters = ModelConverters.getInstance();
        for (ModelConverter c : converters.getConverters()) {
            if (c instanceof ApiModelResolver) {
                return;
            }
        }
        converters.addConverter(new ApiModelResolver(apiMapper));
    }

    private static final class ApiModelResolver extends ModelResolver {
        ApiModelResolver(ObjectMapper mapper) {
            super(mapper.copy());
        }
    }

    private static Set<String> adminPaths(Set<Class<?>> resources) {
        Set<String> prefixes = new LinkedHashSet<>();
        for (Class<?> r : resources) {
            Path p = r.getAnnotation(Path.class);
            if (p != null && r.isAnnotationPresent(RequiresAdmin.class)) {
                prefixes.add("/" + p.value().replaceAll("^/+|/+$", ""));
            }
        }
        return prefixes;
    }

    private static void completeOperations(String path, PathItem item, Set<String> adminPaths) {
        // Everything under /api is the administrator's (docs/rest-api.md); other modules' resources included.
        boolean admin = path.startsWith("/api/")
                || adminPaths.stream().anyMatch(p -> path.equals(p) || path.startsWith(p + "/"));
        boolean directory = path.equals("/directory") || path.startsWith("/directory/");
        for (Operation op : item.readOperations()) {
            declarePathParameters(path, op);
            ApiResponses responses = op.getResponses() == null ? new ApiResponses() : op.getResponses();
            op.setResponses(responses);
            ApiResponse unnamed = responses.remove("default");
            if (unnamed != null && !responses.containsKey("200")) {
                // Swagger's name for an operation without @ApiResponse: it answers 200 with its return type.
                responses.addApiResponse("200", unnamed.description("OK"));
            }
            if (directory) {
                if (path.endsWith("/lookup")) {
                    completeLookup(responses);
                } else if (path.endsWith("/{vendor}/{file}")) {
                    completePhonebook(responses);
                } else {
                    completeDirectory(responses);
                }
                continue;
            }
            if (admin) {
                op.addSecurityItem(new SecurityRequirement().addList("basic"));
                op.addSecurityItem(new SecurityRequirement().addList("session"));
                if (path.equals("/metrics")) {
                    op.addSecurityItem(new SecurityRequirement().addList("metricsToken"));
                }
                responses.putIfAbsent("401", error("Not signed in as the administrator (with a "
                        + "WWW-Authenticate: Basic challenge), or wrong credentials."));
                responses.putIfAbsent("403", error("Signed in without the admin or viewer role, a viewer asking "
                        + "for a change, or a cross-site request."));
            }
            responses.putIfAbsent("500", error("A fault of ours: the detail has a reference to the server log."));
            responses.values().forEach(r -> {
                if (r.getContent() != null) {
                    r.getContent().values().forEach(m -> anyValues(m.getSchema()));
                }
            });
            responses.forEach((code, r) -> {
                if (code.startsWith("4") || code.startsWith("5")) {
                    if (r.getContent() == null || r.getContent().isEmpty()) {
                        r.setContent(errorContent());
                    }
                }
            });
        }
    }

    /**
     * A template variable the method does not read (the directory's catch-all {@code {rest: .+}}) still has to be
     * declared for the document to be valid.
     */
    private static void declarePathParameters(String path, Operation op) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{([^}]+)}").matcher(path);
        while (m.find()) {
            String name = m.group(1);
            boolean declared = op.getParameters() != null && op.getParameters().stream()
                    .anyMatch(p -> "path".equals(p.getIn()) && name.equals(p.getName()));
            if (!declared) {
                op.addParametersItem(new io.swagger.v3.oas.models.parameters.PathParameter().name(name)
                        .description("Any other path below this one").schema(new StringSchema()));
            }
        }
    }

    /**
     * Swagger writes a {@code Map<String, Object>}'s values as {@code {"type": "object"}}, which would refuse the
     * strings and lists such maps hold: values of any type is what they mean.
     */
    private static void anyValues(Schema<?> schema) {
        if (schema == null) {
            return;
        }
        if (schema.getAdditionalProperties() instanceof Schema<?> values && values.get$ref() == null
                && "object".equals(values.getType()) && values.getProperties() == null) {
            schema.setAdditionalProperties(Boolean.TRUE);
        }
        anyValues(schema.getItems());
    }

    /** Phones get Cisco IP Phone XML for every answer, errors included (a phone shows nothing else). */
    private static void completeDirectory(ApiResponses responses) {
        Content xml = new Content().addMediaType("text/xml", new MediaType().schema(new StringSchema()
                .description("A Cisco IP Phone XML object, or the Yealink/Snom browser's page under "
                        + "/{vendor}/browse (see docs/directory.md).")));
        replaceDefault(responses, new ApiResponse().description("The page, with ETag and Last-Modified.")
                .content(xml));
        responses.putIfAbsent("304", new ApiResponse().description("The phone's copy (If-None-Match / "
                + "If-Modified-Since) is still valid."));
        responses.putIfAbsent("400", new ApiResponse().description("A malformed request, as a CiscoIPPhoneText page.")
                .content(xml));
        responses.putIfAbsent("404", new ApiResponse().description("Nothing there, as a CiscoIPPhoneText page.")
                .content(xml));
        responses.putIfAbsent("503", new ApiResponse().description("No contacts loaded yet (Retry-After), as a "
                + "CiscoIPPhoneText page.").content(xml));
    }

    /** A vendor's phonebook file: XML, with plain-text errors (phones only log those). */
    private static void completePhonebook(ApiResponses responses) {
        Content xml = new Content().addMediaType("text/xml", new MediaType().schema(new StringSchema()
                .description("The vendor's phonebook XML, UTF-8; X-Phonebook-Parts tells how many parts.")));
        replaceDefault(responses, new ApiResponse().description("The phonebook (or one ?part=N of it).").content(xml));
        responses.putIfAbsent("304", new ApiResponse().description("The phone's copy is still valid."));
        for (String code : List.of("400", "403", "404", "503")) {
            responses.putIfAbsent(code, new ApiResponse().description(switch (code) {
                case "400" -> "part is not a number";
                case "403" -> "This address may not read the directory";
                case "404" -> "No such file or part";
                default -> "No contacts loaded yet";
            }).content(plainText()));
        }
    }

    /** Caller-ID look-up for a PBX: the name as text (or JSON when asked for). */
    private static void completeLookup(ApiResponses responses) {
        Schema<?> hit = new Schema<>().type("object").addProperty("name", new StringSchema())
                .addProperty("organization", new StringSchema().nullable(true))
                .addProperty("id", new Schema<>().type("integer").format("int64"));
        hit.setRequired(List.of("name", "id"));
        replaceDefault(responses, new ApiResponse().description("The caller's name").content(plainText()
                .addMediaType("application/json", new MediaType().schema(hit))));
        responses.putIfAbsent("400", new ApiResponse().description("No number, or longer than the limit")
                .content(plainText().addMediaType("application/json", new MediaType()
                        .schema(new Schema<>().$ref("#/components/schemas/" + ERROR_SCHEMA)))));
        responses.putIfAbsent("403", new ApiResponse().description("This address may not look up numbers")
                .content(plainText()));
        responses.putIfAbsent("404", new ApiResponse().description("Unknown number (empty body)"));
        responses.putIfAbsent("503", new ApiResponse().description("No contacts loaded yet").content(plainText()));
    }

    private static void replaceDefault(ApiResponses responses, ApiResponse ok) {
        ApiResponse current = responses.get("200");
        if (current == null || "OK".equals(current.getDescription())) {
            responses.addApiResponse("200", ok);
        }
    }

    private static Content plainText() {
        return new Content().addMediaType("text/plain", new MediaType().schema(new StringSchema()));
    }

    static ApiResponse error(String description) {
        return new ApiResponse().description(description).content(errorContent());
    }

    private static Content errorContent() {
        return new Content().addMediaType("application/json", new MediaType()
                .schema(new Schema<>().$ref("#/components/schemas/" + ERROR_SCHEMA)));
    }
}
