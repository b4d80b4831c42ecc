package org.contactsync.jaxrs.contact;

import java.util.List;

import org.contactsync.contact.Contact;
import org.contactsync.directory.merge.MergedContact;

/** The JSON shapes of {@code /api/contacts/duplicates}: what the phone directory merged (snake_case fields). */
public final class DuplicatesJson {
    private DuplicatesJson() {
    }

    /** The one entry the directory lists: the winner's id, source, name and organisation, numbers united. */
    public record MergedEntry(long id, String source, String sourceId, String displayName, String organization,
                              List<ContactJson.Phone> phones, List<String> emails) {
        static MergedEntry of(Contact e) {
            return new MergedEntry(e.id(), e.source(), e.sourceId(), e.displayName(), e.organization(),
                    ContactJson.phonesOf(e), e.emails());
        }
    }

    /** One contact that went into the entry, as its source has it. */
    public record MergedMember(long contactId, String source, String sourceId, String displayName,
                               String organization, List<ContactJson.Phone> phones, List<String> emails,
                               boolean winner) {
        static MergedMember of(Contact c, boolean winner) {
            return new MergedMember(c.id(), c.source(), c.sourceId(), c.displayName(), c.organization(),
                    ContactJson.phonesOf(c), c.emails(), winner);
        }
    }

    /** One merged entry and its members, the winner first. */
    public record MergedGroup(MergedEntry entry, List<MergedMember> members) {
        static MergedGroup of(MergedContact m) {
            return new MergedGroup(MergedEntry.of(m.entry()), m.members().stream()
                    .map(c -> MergedMember.of(c, c == m.winner())).toList());
        }
    }

    /** One page of merged entries, in the directory's order. */
    public record Duplicates(List<MergedGroup> groups, long total, int limit, int offset) {
        static Duplicates of(List<MergedContact> all, int limit, int offset) {
            int from = Math.min(offset, all.size());
            int to = Math.min(all.size(), from + limit);
            return new Duplicates(all.subList(from, to).stream().map(MergedGroup::of).toList(), all.size(), limit,
                    offset);
        }
    }
}
