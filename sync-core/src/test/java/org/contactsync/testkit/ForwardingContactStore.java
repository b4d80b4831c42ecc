package org.contactsync.testkit;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import org.contactsync.Page;
import org.contactsync.contact.Contact;
import org.contactsync.contact.ContactQuery;
import org.contactsync.contact.ContactStore;

/** A {@link ContactStore} that hands every call to another; tests override the calls they want to change. */
public class ForwardingContactStore implements ContactStore {
    protected final ContactStore delegate;

    public ForwardingContactStore(ContactStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public Map<String, String> contentHashes(Collection<String> sourceIds) {
        return delegate.contentHashes(sourceIds);
    }

    @Override
    public Set<String> sourceIds() {
        return delegate.sourceIds();
    }

    @Override
    public void write(List<Contact> upserts, Collection<String> deletions) {
        delegate.write(upserts, deletions);
    }

    @Override
    public Optional<Contact> findById(long id) {
        return delegate.findById(id);
    }

    @Override
    public Optional<Contact> findBySourceId(String sourceId) {
        return delegate.findBySourceId(sourceId);
    }

    @Override
    public Map<String, Contact> findBySourceIds(Collection<String> sourceIds) {
        return delegate.findBySourceIds(sourceIds);
    }

    @Override
    public Page<Contact> search(ContactQuery query) {
        return delegate.search(query);
    }

    @Override
    public long count() {
        return delegate.count();
    }

    @Override
    public void forEach(Consumer<Contact> action) {
        delegate.forEach(action);
    }

    @Override
    public long version() {
        return delegate.version();
    }
}
