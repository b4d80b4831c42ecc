package org.contactsync.carddav;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

import org.contactsync.sync.SyncEngine;
import org.contactsync.testkit.SyncEngineContract;
import org.contactsync.testkit.carddav.CardDavProxy;
import org.contactsync.testkit.carddav.RadicaleServer;

/** The CardDAV engine keeps the engine contract, against a real Radicale (through a pass-through proxy). */
class CardDavSyncEngineContractTest extends SyncEngineContract {
    private static final int PAGE = 10;

    @Override
    protected EngineFixture newFixture(int contacts) throws IOException {
        Path dir = Files.createTempDirectory("carddav-contract");
        RadicaleServer radicale = RadicaleServer.start(dir);
        URI book = radicale.createAddressBook("contacts");
        Set<String> ids = new LinkedHashSet<>();
        for (int i = 1; i <= contacts; i++) {
            radicale.put(book, "p" + i + ".vcf", "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:p" + i + "\r\nFN:Person " + i
                    + "\r\nTEL:+1 555 01" + String.format("%02d", i) + "\r\nEND:VCARD\r\n");
            ids.add(book.getPath() + "p" + i + ".vcf");
        }
        CardDavProxy proxy = CardDavProxy.passThrough(radicale.root());
        CardDavSettings settings = new CardDavSettings(proxy.url(book), RadicaleServer.USER, RadicaleServer.PASSWORD,
                null, null, PAGE, null);
        return new Served(radicale, proxy, book, new CardDavSyncEngine(settings), ids);
    }

    private record Served(RadicaleServer radicale, CardDavProxy proxy, URI book, SyncEngine engine, Set<String> ids)
            implements EngineFixture {
        @Override
        public Set<String> sourceIds() {
            return ids;
        }

        @Override
        public int pageSize() {
            return PAGE;
        }

        @Override
        public void failNextReadPartWay() {
            proxy.failMultigetsAfter(1);
        }

        @Override
        public void expireCursors() {
            try {
                ids.add(radicale.expireSyncTokens(book));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            proxy.close();
            radicale.close();
        }
    }
}
