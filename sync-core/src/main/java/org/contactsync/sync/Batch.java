package org.contactsync.sync;

import java.util.Collection;

import org.contactsync.contact.Contact;

/** One batch the read handed over: contacts to compare and maybe write, and deletions the source reported. */
record Batch(Collection<Contact> upserts, Collection<String> deletes) {
}
