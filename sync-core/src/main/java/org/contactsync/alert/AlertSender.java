package org.contactsync.alert;

import java.io.IOException;

/** Delivers one alert somewhere (a webhook, a log, a test's list). May block; {@link AlertDispatcher} calls it off the run. */
@FunctionalInterface
public interface AlertSender {
    /** @throws IOException when delivery failed and is worth retrying */
    void send(Alert alert) throws IOException;
}
