package org.contactsync.webapp.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The administrator's user name and a salted PBKDF2 hash of the password: configured, or generated at first start
 * and stored (hashed only) under the data directory. The clear password is never kept.
 */
public final class AdminCredentials {
    /** The file under the data directory that holds the generated password's hash. */
    public static final String PASSWORD_FILE = "admin-password";

    private static final String ALGORITHM = "PBKDF2WithHmacSHA256";
    private static final int ITERATIONS = 120_000;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String PASSWORD_ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    // Keys of the verified-credentials cache are peppered so that the cache never holds a plain password digest.
    private static final byte[] CACHE_PEPPER = randomBytes(16);

    private final String user;
    private final byte[] salt;
    private final int iterations;
    private final byte[] hash;
    // PBKDF2 is slow on purpose; API clients sending Basic on every request should not pay it each time.
    private final Map<String, Boolean> verified = new ConcurrentHashMap<>();
    private final AtomicLong hashed = new AtomicLong();

    private AdminCredentials(String user, byte[] salt, int iterations, byte[] hash) {
        this.user = Objects.requireNonNull(user, "user");
        this.salt = salt;
        this.iterations = iterations;
        this.hash = hash;
    }

    /** Credentials with a configured password. */
    public static AdminCredentials of(String user, String password) {
        byte[] salt = randomBytes(16);
        return new AdminCredentials(user, salt, ITERATIONS, pbkdf2(password, salt, ITERATIONS));
    }

    /**
     * The stored generated password's hash, or, at first start, a new password stored hashed under
     * {@code dataDir}. The result carries the clear password only when it was just generated, so it can be shown once.
     */
    public static Loaded loadOrGenerate(String user, Path dataDir) {
        Path file = dataDir.resolve(PASSWORD_FILE);
        try {
            if (Files.exists(file)) {
                return new Loaded(parse(user, Files.readString(file, StandardCharsets.US_ASCII).strip(), file),
                        Optional.empty(), file);
            }
            String password = generatePassword();
            byte[] salt = randomBytes(16);
            AdminCredentials creds = new AdminCredentials(user, salt, ITERATIONS, pbkdf2(password, salt, ITERATIONS));
            String line = "pbkdf2-sha256$" + ITERATIONS + "$" + Base64.getEncoder().encodeToString(salt) + "$"
                    + Base64.getEncoder().encodeToString(creds.hash) + "\n";
            try {
                Files.writeString(file, line, StandardCharsets.US_ASCII, StandardOpenOption.CREATE_NEW);
            } catch (FileAlreadyExistsException raced) {
                // Another instance sharing the data directory generated one first: use that.
                return loadOrGenerate(user, dataDir);
            }
            restrictToOwner(file);
            return new Loaded(creds, Optional.of(password), file);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read or write the admin password file " + file
                    + ". Make the data directory writable, or set contactsync.admin.password.", e);
        }
    }

    public String user() {
        return user;
    }

    /** Whether these exact credentials were verified before: no PBKDF2 hash, so no reason to throttle them. */
    public boolean verifiedBefore(String candidateUser, String candidatePassword) {
        return candidateUser != null && candidatePassword != null
                && verified.containsKey(cacheKey(candidateUser, candidatePassword));
    }

    /** How many passwords were hashed to check them (the cost a throttle saves). */
    public long passwordsHashed() {
        return hashed.get();
    }

    /** Whether the user name and password are the administrator's (constant-time comparisons). */
    public boolean matches(String candidateUser, String candidatePassword) {
        if (candidateUser == null || candidatePassword == null) {
            return false;
        }
        String key = cacheKey(candidateUser, candidatePassword);
        if (verified.containsKey(key)) {
            return true;
        }
        hashed.incrementAndGet();
        boolean userOk = MessageDigest.isEqual(user.getBytes(StandardCharsets.UTF_8),
                candidateUser.getBytes(StandardCharsets.UTF_8));
        boolean passwordOk = MessageDigest.isEqual(hash, pbkdf2(candidatePassword, salt, iterations));
        if (userOk & passwordOk) {
            if (verified.size() > 16) {
                verified.clear();
            }
            verified.put(key, Boolean.TRUE);
            return true;
        }
        return false;
    }

    @Override
    public String toString() {
        return "AdminCredentials[user=" + user + "]";
    }

    /**
     * @param generatedPassword the clear password, present only right after it was generated
     * @param file              where the hash is stored
     */
    public record Loaded(AdminCredentials credentials, Optional<String> generatedPassword, Path file) {
    }

    private static AdminCredentials parse(String user, String line, Path file) {
        String[] parts = line.split("\\$");
        try {
            if (parts.length == 4 && parts[0].equals("pbkdf2-sha256")) {
                return new AdminCredentials(user, Base64.getDecoder().decode(parts[2]), Integer.parseInt(parts[1]),
                        Base64.getDecoder().decode(parts[3]));
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new IllegalStateException("The admin password file " + file + " is damaged. Delete it and restart "
                + "to generate a new password, or set contactsync.admin.password.");
    }

    private static String cacheKey(String u, String p) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(CACHE_PEPPER);
            md.update(u.getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
            md.update(p.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(md.digest());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] pbkdf2(String password, byte[] salt, int iterations) {
        try {
            PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, 256);
            try {
                return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
            } finally {
                spec.clearPassword();
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is required by every Java platform", e);
        }
    }

    private static String generatePassword() {
        StringBuilder sb = new StringBuilder(20);
        for (int i = 0; i < 20; i++) {
            sb.append(PASSWORD_ALPHABET.charAt(RANDOM.nextInt(PASSWORD_ALPHABET.length())));
        }
        return sb.toString();
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    private static void restrictToOwner(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException e) {
            // Not a POSIX file system (Windows): the directory's own permissions protect it.
        }
    }
}
