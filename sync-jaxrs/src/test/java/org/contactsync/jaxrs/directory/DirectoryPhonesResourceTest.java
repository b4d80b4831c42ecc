package org.contactsync.jaxrs.directory;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.core.Response;

import org.contactsync.directory.CiscoDirectory;
import org.contactsync.jaxrs.testkit.ApiHarness;
import org.contactsync.sync.SyncType;
import org.contactsync.testkit.SyncFixture;
import org.contactsync.testkit.ScriptedSyncEngine;
import org.contactsync.testkit.TestContacts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DirectoryPhonesResourceTest {
    private SyncFixture sync;
    private ApiHarness api;

    @BeforeEach
    void start() throws Exception {
        sync = new SyncFixture(new ScriptedSyncEngine().put(TestContacts.people(3)));
        sync.runToEnd(SyncType.FULL);
        DirectoryResource directory = new DirectoryResource(new CiscoDirectory(sync.contacts()),
                new DirectorySettings("Contacts", null, false, ""));
        api = ApiHarness.builder().sync(sync, sync.manager()).component(directory)
                .component(new DirectoryPhonesResource(directory)).build();
    }

    @AfterEach
    void stop() {
        api.close();
        sync.close();
    }

    @Test
    void thePhonesListNeedsTheAdministratorEvenWhereTheHostHasNoLoginOfItsOwn() {
        Response anonymous = api.target("api/directory/phones").request().get();
        assertThat(anonymous.getStatus()).isEqualTo(401);
        assertThat(ApiHarness.json(anonymous).get("detail").asText()).startsWith("Sign in as the ContactSync administrator");
    }

    @Test
    void theAdministratorGetsEachVendorsUrls() {
        Response r = api.admin("api/directory/phones").get();
        assertThat(r.getStatus()).isEqualTo(200);
        assertThat(r.readEntity(String.class)).contains("\"vendor\":\"cisco\"", "\"vendor\":\"yealink\"", "/directory");
    }

    @Test
    void thePhoneFeedItselfStaysOpenForPhones() {
        assertThat(api.target("directory").request().get().getStatus()).isEqualTo(200);
    }
}
