package org.contactsync.jaxrs.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BasicCredentialsTest {
    static String basic(String userColonPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userColonPassword.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void userAndPasswordAreSplitAtTheFirstColonSoThePasswordMayContainColons() {
        assertThat(BasicCredentials.parse(basic("admin:pa:ss"))).contains(new BasicCredentials("admin", "pa:ss"));
        assertThat(BasicCredentials.parse("bAsIc " + basic("ädmin:").substring(6)))
                .contains(new BasicCredentials("ädmin", ""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Basic", "Basic ", "Basic !!!", "Bearer abc", "Basic YWRtaW4=" /* admin, no colon */,
            "Basic OnBhc3N3b3Jk" /* :password, empty user */})
    void anythingButBasicWithAUserNameIsNoCredentials(String header) {
        assertThat(BasicCredentials.parse(header)).isEmpty();
    }

    @Test
    void neitherTheUserNameNorThePasswordIsEverShownAsText() {
        BasicCredentials c = BasicCredentials.parse(basic("my-secret-typed-here:pw")).orElseThrow();
        assertThat(c.toString()).doesNotContain("my-secret", "pw");
    }
}
