package org.contactsync.google;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;

import org.junit.jupiter.api.Test;

class TokenCipherTest {
    private static final String TOKEN = "1//0gSecretRefreshToken-abc_XYZ";

    @Test
    void encryptsAndDecryptsARefreshToken() {
        TokenCipher cipher = TokenCipher.fromBase64Key(TokenCipher.generateBase64Key());

        String stored = cipher.encrypt(TOKEN);

        assertThat(stored).startsWith("v1:").doesNotContain(TOKEN);
        assertThat(cipher.decrypt(stored)).isEqualTo(TOKEN);
    }

    @Test
    void eachEncryptionUsesAFreshNonce() {
        TokenCipher cipher = TokenCipher.fromBase64Key(TokenCipher.generateBase64Key());

        assertThat(cipher.encrypt(TOKEN)).isNotEqualTo(cipher.encrypt(TOKEN));
    }

    @Test
    void aValueEncryptedWithAnotherKeyIsRefusedWithAClearError() {
        String stored = TokenCipher.fromBase64Key(TokenCipher.generateBase64Key()).encrypt(TOKEN);
        TokenCipher other = TokenCipher.fromBase64Key(TokenCipher.generateBase64Key());

        assertThatThrownBy(() -> other.decrypt(stored))
                .isInstanceOf(TokenCipher.WrongKeyException.class)
                .hasMessageContaining("does not decrypt with the configured contactsync.google.token-key");
    }

    @Test
    void anAlteredValueIsRefused() {
        TokenCipher cipher = TokenCipher.fromBase64Key(TokenCipher.generateBase64Key());
        byte[] raw = Base64.getDecoder().decode(cipher.encrypt(TOKEN).substring(3));
        raw[raw.length - 1] ^= 1;

        assertThatThrownBy(() -> cipher.decrypt("v1:" + Base64.getEncoder().encodeToString(raw)))
                .isInstanceOf(TokenCipher.WrongKeyException.class);
    }

    @Test
    void aKeyOfTheWrongLengthOrNotBase64IsRefusedNamingTheSetting() {
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);

        assertThatThrownBy(() -> TokenCipher.fromBase64Key(shortKey))
                .hasMessageContaining("contactsync.google.token-key must decode to 32 bytes")
                .hasMessageContaining("decodes to 16");
        assertThatThrownBy(() -> TokenCipher.fromBase64Key("not base64!"))
                .hasMessageContaining("contactsync.google.token-key is not valid base64");
        assertThatThrownBy(() -> TokenCipher.fromBase64Key(null))
                .hasMessageContaining("contactsync.google.token-key is not set");
    }
}
