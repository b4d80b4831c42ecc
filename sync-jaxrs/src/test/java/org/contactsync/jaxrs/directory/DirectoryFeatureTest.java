package org.contactsync.jaxrs.directory;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.core.Response;

import org.contactsync.contact.Contact;
import org.contactsync.contact.PhoneType;
import org.contactsync.directory.CiscoDirectory;
import org.contactsync.directory.CiscoXml;
import org.contactsync.jaxrs.testkit.ApiHarness;
import org.contactsync.sync.RunStatus;
import org.contactsync.sync.SyncType;
import org.contactsync.testkit.ScriptedSyncEngine;
import org.contactsync.testkit.SyncFixture;
import org.junit.jupiter.api.Test;

/** The directory mounted the way the web app does it: through ContactSyncFeature, fed by a real SyncManager. */
class DirectoryFeatureTest {

    @Test
    void aCompletedSyncShowsUpOnThePhonesWithoutWaitingForTheVersionCheck() throws Exception {
        ScriptedSyncEngine engine = new ScriptedSyncEngine().pageSize(2);
        try (SyncFixture sync = new SyncFixture(engine)) {
            CiscoDirectory directory = new CiscoDirectory(sync.contacts()); // version check every 15 s
            sync.manager().addListener(directory);
            try (ApiHarness api = ApiHarness.builder().sync(sync, sync.manager())
                    .component(new DirectoryResource(directory, DirectorySettings.defaults())).build()) {

                assertThat(page(api, "directory/groups/2ABC").rootName()).isEqualTo("CiscoIPPhoneText");

                engine.put(Contact.builder("people/1").displayName("Anna").phone("555 0100", PhoneType.MOBILE)
                        .build(), Contact.builder("people/2").displayName("Bea").email("bea@example.com").build());
                assertThat(sync.runToEnd(SyncType.FULL).status()).isEqualTo(RunStatus.COMPLETED);

                CiscoXml group = page(api, "directory/groups/2ABC");
                assertThat(group.menuItems()).extracting(CiscoXml.Item::name).containsExactly("Anna");
            }
        }
    }

    @Test
    void phonesNeedNoAdminCredentials() throws Exception {
        try (SyncFixture sync = new SyncFixture(new ScriptedSyncEngine());
             ApiHarness api = ApiHarness.builder().sync(sync, sync.manager())
                     .component(new DirectoryResource(new CiscoDirectory(sync.contacts()),
                             DirectorySettings.defaults())).build()) {
            assertThat(page(api, "directory").rootName()).isEqualTo("CiscoIPPhoneMenu");
            try (Response r = api.target("api/sync/status").request().get()) {
                assertThat(r.getStatus()).as("while the admin API stays closed").isEqualTo(401);
            }
        }
    }

    private static CiscoXml page(ApiHarness api, String path) {
        try (Response r = api.target(path).request().get()) {
            assertThat(r.getStatus()).as(path).isEqualTo(200);
            return CiscoXml.parse(r.readEntity(String.class));
        }
    }
}
