package org.contactsync.google;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts the refresh token at rest with AES-256-GCM. The stored form is {@code v1:} + base64(nonce || ciphertext
 * || tag); a fresh random nonce per encryption, and a fixed associated text so a value encrypted for another purpose
 * with the same key does not decrypt here.
 */
public final class TokenCipher {
    private static final String PREFIX = "v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final byte[] AAD = "contactsync google refresh token".getBytes(StandardCharsets.UTF_8);

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    private TokenCipher(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
    }

    /** A cipher from a base64 32-byte key, as in {@code contactsync.google.token-key}. */
    public static TokenCipher fromBase64Key(String base64Key) {
        if (base64Key == null || base64Key.isBlank()) {
            throw new IllegalArgumentException(GoogleSettings.KEY_TOKEN_KEY + " is not set. Generate one with "
                    + "`openssl rand -base64 32` and set it; keep it secret and keep it stable.");
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64Key.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(GoogleSettings.KEY_TOKEN_KEY + " is not valid base64. Generate one "
                    + "with `openssl rand -base64 32`.", e);
        }
        if (raw.length != 32) {
            throw new IllegalArgumentException(GoogleSettings.KEY_TOKEN_KEY + " must decode to 32 bytes (AES-256), "
                    + "it decodes to " + raw.length + ". Generate one with `openssl rand -base64 32`.");
        }
        return new TokenCipher(raw);
    }

    /** A new random key in the configuration's format, for documentation and tests. */
    public static String generateBase64Key() {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        return Base64.getEncoder().encodeToString(k);
    }

    public String encrypt(String plain) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(AAD);
            byte[] ct = c.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[nonce.length + ct.length];
            System.arraycopy(nonce, 0, out, 0, nonce.length);
            System.arraycopy(ct, 0, out, nonce.length, ct.length);
            return PREFIX + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is required by every Java platform", e);
        }
    }

    /**
     * Decrypts a value from {@link #encrypt}.
     *
     * @throws WrongKeyException when the value was encrypted with another key (or was altered)
     */
    public String decrypt(String stored) {
        if (stored == null || !stored.startsWith(PREFIX)) {
            throw new WrongKeyException("The stored Google token is not in a format this version can read.");
        }
        byte[] in;
        try {
            in = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new WrongKeyException("The stored Google token is damaged (not base64).");
        }
        if (in.length <= NONCE_BYTES) {
            throw new WrongKeyException("The stored Google token is damaged (too short).");
        }
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            c.updateAAD(AAD);
            byte[] plain = c.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new WrongKeyException("The stored Google token does not decrypt with the configured "
                    + GoogleSettings.KEY_TOKEN_KEY + " (the key changed, or the value was altered).");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is required by every Java platform", e);
        }
    }

    /** The stored token cannot be decrypted with the configured key. */
    public static final class WrongKeyException extends RuntimeException {
        public WrongKeyException(String message) {
            super(message);
        }
    }
}
