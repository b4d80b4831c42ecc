package org.contactsync.google;

import com.google.api.client.http.HttpRequestInitializer;
import com.google.api.services.people.v1.PeopleService;
import com.google.auth.http.HttpCredentialsAdapter;
import org.contactsync.sync.SyncSourceException;

/** The People API client of a connected account, for the engines that read it (contacts, Workspace directory). */
final class PeopleServices {
    static final String NOT_CONNECTED = "No Google account is connected. Connect one with \"Connect Google\" on the "
            + "sync page, then run the sync again.";

    private PeopleServices() {
    }

    /** The client with the account's refresh token; a sentence when Google is not set up or not connected. */
    static PeopleService open(GoogleAccount account) {
        GoogleSettings settings = account.settings();
        if (!settings.configured()) {
            throw new SyncSourceException("Google is not set up: set " + GoogleSettings.KEY_CLIENT_ID + " and "
                    + GoogleSettings.KEY_CLIENT_SECRET + " (see docs/google.md), restart and connect Google.");
        }
        String refreshToken;
        try {
            refreshToken = account.refreshToken().orElseThrow(() -> new SyncSourceException(NOT_CONNECTED));
        } catch (IllegalStateException keyProblem) {
            throw new SyncSourceException(keyProblem.getMessage(), keyProblem);
        }
        HttpCredentialsAdapter credentials = new HttpCredentialsAdapter(account.credentials(refreshToken));
        int connect = GoogleAccount.millis(settings.connectTimeout());
        int read = GoogleAccount.millis(settings.readTimeout());
        HttpRequestInitializer init = request -> {
            credentials.initialize(request);
            request.setConnectTimeout(connect);
            request.setReadTimeout(read);
        };
        return new PeopleService.Builder(account.transport(), GoogleAccount.JSON, init)
                .setRootUrl(settings.apiRootUrl().toString())
                .setApplicationName("ContactSync")
                .build();
    }
}
