package org.contactsync.jaxrs;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a GET resource method that changes something (e.g. the end of an OAuth connect), so that viewers are refused
 * it like every POST, PUT and DELETE. Other methods need nothing: the read-only rule goes by the HTTP method.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ChangesState {
}
