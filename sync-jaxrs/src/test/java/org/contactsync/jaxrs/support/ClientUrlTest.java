package org.contactsync.jaxrs.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClientUrlTest {
    static final URI BACKEND = URI.create("http://10.0.0.5:8080/cs/");
    static final ClientUrl NO_PROXY = new ClientUrl(null, false);
    static final ClientUrl PROXY = new ClientUrl(null, true);

    @Test
    void withoutAProxyTheRequestsOwnUrlIsTheClientsAndForwardedHeadersAreIgnored() {
        assertThat(NO_PROXY.base(BACKEND, null, null)).hasToString("http://10.0.0.5:8080/cs/");
        assertThat(NO_PROXY.base(BACKEND, "https", "contacts.example.com")).hasToString("http://10.0.0.5:8080/cs/");
        assertThat(NO_PROXY.isOwnOrigin("http://10.0.0.5:8080", BACKEND, null, null)).isTrue();
        assertThat(NO_PROXY.isOwnOrigin("https://contacts.example.com", BACKEND, "https", "contacts.example.com"))
                .isFalse();
    }

    @Test
    void behindATrustedProxyTheForwardedSchemeAndHostAreTheClients() {
        assertThat(PROXY.base(BACKEND, "https", "contacts.example.com"))
                .hasToString("https://contacts.example.com/cs/");
        assertThat(PROXY.isOwnOrigin("https://contacts.example.com", BACKEND, "https", "contacts.example.com"))
                .isTrue();
        assertThat(PROXY.isOwnOrigin("http://10.0.0.5:8080", BACKEND, "https", "contacts.example.com")).isFalse();
    }

    @Test
    void aForwardedSchemeAloneDropsTheBackendsPort() {
        assertThat(PROXY.base(BACKEND, "HTTPS", null)).hasToString("https://10.0.0.5/cs/");
        assertThat(PROXY.base(BACKEND, "http", null)).hasToString("http://10.0.0.5:8080/cs/");
    }

    @Test
    void ofSeveralCommaSeparatedForwardedValuesTheClientMostOneCounts() {
        assertThat(PROXY.base(BACKEND, "https, http", "dir.example.com, proxy2.internal:8080"))
                .hasToString("https://dir.example.com/cs/");
        assertThat(PROXY.isOwnOrigin("https://dir.example.com", BACKEND, "https,http", "dir.example.com,proxy2"))
                .isTrue();
        assertThat(PROXY.isOwnOrigin("https://proxy2", BACKEND, "https,http", "dir.example.com,proxy2")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"evil.example/<x>", "a b", "x\"onload=1", "host:99999999", "/path", "user@host", "-bad-"})
    void aHostileForwardedHostIsIgnoredEvenWhenTheProxyIsTrusted(String host) {
        assertThat(PROXY.base(BACKEND, "gopher", host)).hasToString("http://10.0.0.5:8080/cs/");
        assertThat(PROXY.isOwnOrigin("http://" + host, BACKEND, null, host)).isFalse();
    }

    @Test
    void aConfiguredPublicBaseUrlWinsOverHeadersAndItsPathOverTheRequests() {
        ClientUrl configured = new ClientUrl(URI.create("https://Phones.example.com/contacts"), true);
        assertThat(configured.base(BACKEND, "http", "evil.example")).hasToString("https://Phones.example.com/contacts/");
        ClientUrl hostOnly = new ClientUrl(URI.create("https://phones.example.com:8443/"), false);
        assertThat(hostOnly.base(BACKEND, null, null)).hasToString("https://phones.example.com:8443/cs/");
    }

    @Test
    void theOriginOfThePublicBaseUrlAndTheRequestsOwnAreBothAccepted() {
        ClientUrl configured = new ClientUrl(URI.create("https://contacts.example.com/app"), false);
        assertThat(configured.isOwnOrigin("https://CONTACTS.example.com", BACKEND, null, null)).isTrue();
        assertThat(configured.isOwnOrigin("https://contacts.example.com:443/app/page", BACKEND, null, null)).isTrue();
        assertThat(configured.isOwnOrigin("https://contacts.example.com:8443", BACKEND, null, null)).isFalse();
        assertThat(configured.isOwnOrigin("http://10.0.0.5:8080", BACKEND, null, null)).isTrue();
    }

    @Test
    void theSchemeIsNotComparedSoATlsProxyKeepingTheHostHeaderWorks() {
        URI keptHost = URI.create("http://contacts.example.com/");
        assertThat(NO_PROXY.isOwnOrigin("https://contacts.example.com", keptHost, null, null)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"null", "", "not a url", "https://", "file:///etc/passwd", "https://10.0.0.5.evil:8080"})
    void originsThatAreNoUrlOrAnotherHostAreRefused(String origin) {
        assertThat(PROXY.isOwnOrigin(origin, BACKEND, null, null)).isFalse();
    }

    @Test
    void theOriginHeaderCountsBeforeTheRefererAndNeitherMeansANonBrowserClient() {
        assertThat(ClientUrl.claimedOrigin("https://a", "https://b/page")).isEqualTo("https://a");
        assertThat(ClientUrl.claimedOrigin(" ", "https://b/page")).isEqualTo("https://b/page");
        assertThat(ClientUrl.claimedOrigin(null, "")).isNull();
    }

    @Test
    void behindATrustedProxyTheClientsAddressIsTheOneTheProxySawNotWhatTheClientClaimed() {
        assertThat(PROXY.clientAddress("10.0.0.2", "10.1.2.3, 203.0.113.9")).isEqualTo("203.0.113.9");
        assertThat(PROXY.clientAddress("10.0.0.2", " 203.0.113.9 ")).isEqualTo("203.0.113.9");
        assertThat(PROXY.clientAddress("10.0.0.2", null)).isEqualTo("10.0.0.2");
        assertThat(NO_PROXY.clientAddress("10.0.0.2", "10.1.2.3, 203.0.113.9")).isEqualTo("10.0.0.2");
    }

    @Test
    void aPublicBaseUrlMustBeAbsolute() {
        assertThatThrownBy(() -> new ClientUrl(URI.create("/relative"), false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("absolute");
    }
}
