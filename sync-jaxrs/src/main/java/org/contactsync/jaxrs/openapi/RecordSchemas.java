package org.contactsync.jaxrs.openapi;

import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.PropertyNamingStrategy;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;

import jakarta.ws.rs.HttpMethod;

/**
 * Makes the schemas of the API's JSON records say exactly what the API writes: every component is always present
 * (nulls are written out), reference-typed components may be null, primitives never, and there are no other
 * fields. Swagger alone would leave all of that open, and a response validator could not catch drift.
 */
final class RecordSchemas {
    private RecordSchemas() {
    }

    static void tighten(OpenAPI api, Set<Class<?>> resources, ObjectMapper apiMapper) {
        Map<String, Class<?>> records = new HashMap<>();
        for (Class<?> r : resources) {
            for (Method m : r.getMethods()) {
                if (isResourceMethod(m)) {
                    collect(m.getGenericReturnType(), records);
                }
            }
        }
        PropertyNamingStrategy naming = apiMapper.getSerializationConfig().getPropertyNamingStrategy();
        Map<String, Schema> schemas = api.getComponents().getSchemas();
        if (schemas == null) {
            return;
        }
        records.forEach((name, type) -> {
            Schema<?> schema = schemas.get(name);
            if (schema == null || schema.getProperties() == null) {
                return;
            }
            List<String> required = new ArrayList<>();
            for (RecordComponent c : type.getRecordComponents()) {
                String field = naming instanceof PropertyNamingStrategies.NamingBase base ? base.translate(c.getName())
                        : c.getName();
                Schema<?> property = schema.getProperties().get(field);
                if (property == null) {
                    continue;
                }
                required.add(field);
                if (property.get$ref() != null) {
                    // A $ref ignores its siblings (nullable too): a nested record that may be null is the record
                    // or null, spelled as OpenAPI 3.0 can.
                    schema.getProperties().put(field, new Schema<>().anyOf(List.of(
                            new Schema<>().$ref(property.get$ref()),
                            new Schema<>().type("object").nullable(Boolean.TRUE).maxProperties(0)
                                    .description("null"))));
                } else if (!c.getType().isPrimitive()) {
                    property.setNullable(Boolean.TRUE);
                }
            }
            schema.setRequired(required);
            schema.setAdditionalProperties(Boolean.FALSE);
        });
    }

    private static boolean isResourceMethod(Method m) {
        for (var a : m.getAnnotations()) {
            if (a.annotationType().isAnnotationPresent(HttpMethod.class)) {
                return true;
            }
        }
        return false;
    }

    private static void collect(Type type, Map<String, Class<?>> records) {
        if (type instanceof ParameterizedType p) {
            for (Type arg : p.getActualTypeArguments()) {
                collect(arg, records);
            }
            return;
        }
        if (type instanceof Class<?> c && c.isRecord() && records.putIfAbsent(c.getSimpleName(), c) == null) {
            for (RecordComponent rc : c.getRecordComponents()) {
                collect(rc.getGenericType(), records);
            }
        }
    }
}
