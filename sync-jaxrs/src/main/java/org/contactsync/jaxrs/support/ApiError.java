package org.contactsync.jaxrs.support;

/** The body of every error answer: {@code {"detail": "..."}}, a sentence a person can act on. */
public record ApiError(String detail) {
}
