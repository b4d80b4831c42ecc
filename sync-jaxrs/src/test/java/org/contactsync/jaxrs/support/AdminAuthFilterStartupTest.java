package org.contactsync.jaxrs.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

import org.contactsync.jaxrs.ApiSettings;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The start-up line about who may use the API says what is true. */
class AdminAuthFilterStartupTest {
    private static List<String> linesWhenBuiltWith(ApiSettings settings) {
        Logger logger = (Logger) LoggerFactory.getLogger(AdminAuthFilter.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            new AdminAuthFilter(settings);
        } finally {
            logger.detachAppender(appender);
        }
        return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void withoutCredentialsOrAHostThatSignsUsersInItSaysOnlyTheContainersAdminsGetIn() {
        assertThat(linesWhenBuiltWith(ApiSettings.defaults())).anyMatch(l -> l.startsWith(
                "No admin credentials configured for the REST API: only users the container reports in role "
                        + "'contactsync-admin'"));
    }

    @Test
    void withCredentialsOrAHostThatSignsUsersInItDoesNotClaimThatBasicIsOff() {
        assertThat(linesWhenBuiltWith(ApiSettings.builder().adminCredentials("admin", "secret-pw").build()))
                .noneMatch(l -> l.contains("No admin credentials"));
        assertThat(linesWhenBuiltWith(ApiSettings.builder().authenticatedByHost(true).build()))
                .noneMatch(l -> l.contains("No admin credentials"));
    }
}
