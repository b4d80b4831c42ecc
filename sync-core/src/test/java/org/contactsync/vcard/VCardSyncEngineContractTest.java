package org.contactsync.vcard;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.contactsync.sync.SyncEngine;
import org.contactsync.testkit.SyncEngineContract;

/** The vCard engine keeps the engine contract (it keeps no cursor: the file is the whole truth each time). */
class VCardSyncEngineContractTest extends SyncEngineContract {

    @Override
    protected EngineFixture newFixture(int contacts) {
        return new VCardFile(contacts);
    }

    private static final class VCardFile implements EngineFixture {
        private final byte[] bytes;
        private final Set<String> ids = new LinkedHashSet<>();
        private final VCardSyncEngine engine;
        private volatile boolean failNext;

        VCardFile(int contacts) {
            List<String> cards = new ArrayList<>();
            for (int i = 1; i <= contacts; i++) {
                String uid = "contract-" + i;
                ids.add(uid);
                cards.add(VCardRuns.card(uid, "Person " + i, "+1 555 01" + String.format("%02d", i)));
            }
            bytes = (String.join("\r\n", cards) + "\r\n").getBytes(StandardCharsets.UTF_8);
            engine = new VCardSyncEngine("contacts.vcf", this::open);
        }

        private InputStream open() {
            InputStream in = new ByteArrayInputStream(bytes);
            if (!failNext) {
                return in;
            }
            failNext = false;
            // The disk (or the network share) fails half-way through the file.
            return new FilterInputStream(in) {
                private int read;

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    if (read >= bytes.length / 2) {
                        throw new IOException("Input/output error");
                    }
                    int n = super.read(b, off, Math.min(len, bytes.length / 2 - read + 1));
                    read += Math.max(0, n);
                    return n;
                }

                @Override
                public int read() throws IOException {
                    if (read >= bytes.length / 2) {
                        throw new IOException("Input/output error");
                    }
                    read++;
                    return super.read();
                }
            };
        }

        @Override
        public SyncEngine engine() {
            return engine;
        }

        @Override
        public Set<String> sourceIds() {
            return ids;
        }

        @Override
        public int pageSize() {
            return 20; // VCardSyncEngine checks cancellation every 20 cards
        }

        @Override
        public void failNextReadPartWay() {
            failNext = true;
        }
    }
}
