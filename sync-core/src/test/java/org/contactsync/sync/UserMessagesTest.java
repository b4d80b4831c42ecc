package org.contactsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.NoSuchFileException;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;

/** What a person reads when a run fails: what happened and what to do; never a stack trace or internals. */
class UserMessagesTest {

    @Test
    void aRefusedConnectionTellsToCheckTheNetwork() {
        assertThat(UserMessages.forFailure(new ConnectException("Connection refused"))).isEqualTo(
                "Could not reach the contact source: connection refused. Check the network and run the sync again.");
    }

    @Test
    void theCauseIsFoundInsideWrappers() {
        Exception wrapped = new IllegalStateException("fetch failed",
                new UncheckedIOException("page 3", new ConnectException("Connection refused")));

        assertThat(UserMessages.forFailure(wrapped)).startsWith("Could not reach the contact source: connection refused.");
    }

    @Test
    void unknownHostsTimeoutsMissingFilesAndTheDatabaseEachGetTheirOwnAdvice() {
        assertThat(UserMessages.forFailure(new UnknownHostException("people.example")))
                .contains("host name is unknown");
        assertThat(UserMessages.forFailure(new SocketTimeoutException("Read timed out")))
                .contains("did not answer in time");
        assertThat(UserMessages.forFailure(new NoSuchFileException("/data/contacts.vcf")))
                .contains("/data/contacts.vcf").contains("does not exist");
        assertThat(UserMessages.forFailure(new SQLException("Connection is closed")))
                .contains("Could not save contacts to the database");
    }

    @Test
    void aSourceMessageIsShownAsWritten() {
        SyncSourceException e = new SyncSourceException("The file contacts.vcf is malformed at line 12 (card 3).",
                "ez-vcard: unexpected END", null);

        assertThat(UserMessages.forFailure(e)).isEqualTo("The file contacts.vcf is malformed at line 12 (card 3).");
        assertThat(UserMessages.detailFor(e)).isEqualTo("ez-vcard: unexpected END");
    }

    @Test
    void anUnexpectedFailureSaysSoWithoutLeakingItsMessageOrStack() {
        Exception e = new IllegalStateException("secret=abc at org.contactsync.Internal.method(Internal.java:12)");

        String message = UserMessages.forFailure(e);

        assertThat(message).isEqualTo("The sync failed unexpectedly. Run the sync again; "
                + "if it keeps failing, the server log has the details.");
        assertThat(message).doesNotContain("secret", "\tat ", "Internal.java", "Exception");
    }

    @Test
    void theDetailNamesEachCauseInTurn() {
        Exception e = new IOException("page 3", new ConnectException("Connection refused"));

        assertThat(UserMessages.detailFor(e))
                .isEqualTo("java.io.IOException: page 3 <- java.net.ConnectException: Connection refused");
    }
}
