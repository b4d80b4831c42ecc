package org.contactsync.jaxrs.directory;

import org.contactsync.directory.CiscoDirectory;
import org.contactsync.jaxrs.testkit.ApiServer;
import org.glassfish.jersey.server.ResourceConfig;

/** Every {@link DirectoryResourceTest} again over real HTTP: Jetty on 127.0.0.1 (the Jersey Jetty test container
 * deploys at the root path only). */
class DirectoryResourceJettyTest extends DirectoryResourceTest {
    @Override
    protected ApiServer start(CiscoDirectory dir, DirectorySettings settings) {
        ApiServer server = ApiServer.jetty(new ResourceConfig().register(new DirectoryResource(dir, settings)),
                "");
        track(server);
        return server;
    }
}
