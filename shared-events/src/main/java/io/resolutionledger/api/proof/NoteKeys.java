package io.resolutionledger.api.proof;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Ed25519 keys for C2SP signed notes, with the JDK's own implementation. A verifier key is the text
 * {@code name+hex(key id)+base64(0x01 || 32-byte public key)}; the key id is the first four bytes of
 * SHA-256(name || 0x0A || 0x01 || public key).
 */
public final class NoteKeys {

    public static final byte ED25519 = 0x01;
    /** DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410), before the 32 raw key bytes. */
    private static final byte[] SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");
    /** DER prefix of an Ed25519 PKCS#8 PrivateKeyInfo (RFC 8410), before the 32-byte seed. */
    private static final byte[] PKCS8_PREFIX = HexFormat.of().parseHex("302e020100300506032b657004220420");

    private NoteKeys() {
    }

    /** A verifier: the key's name, its id and the raw 32-byte public key. */
    public record VerifierKey(String name, int keyId, byte[] publicKey) {

        public static VerifierKey parse(String text) {
            String value = text.strip();
            int first = value.indexOf('+');
            int second = first < 0 ? -1 : value.indexOf('+', first + 1);
            if (first <= 0 || second < 0) {
                throw new IllegalArgumentException("a verifier key reads name+keyid+base64key");
            }
            String name = value.substring(0, first);
            String id = value.substring(first + 1, second);
            if (id.length() != 8 || !id.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                throw new IllegalArgumentException("the key id of a verifier key is 8 lower-case hex digits");
            }
            byte[] key;
            try {
                key = Base64.getDecoder().decode(value.substring(second + 1));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the key of a verifier key is not base64", e);
            }
            if (key.length != 33 || key[0] != ED25519) {
                throw new IllegalArgumentException("only Ed25519 verifier keys (0x01 and 32 bytes) are supported");
            }
            byte[] raw = Arrays.copyOfRange(key, 1, 33);
            checkName(name);
            int keyId = NoteKeys.keyId(name, raw);
            if (keyId != Integer.parseUnsignedInt(id, 16)) {
                throw new IllegalArgumentException("the verifier key's id does not match its name and key");
            }
            return new VerifierKey(name, keyId, raw);
        }

        public PublicKey javaKey() {
            try {
                byte[] spki = new byte[SPKI_PREFIX.length + 32];
                System.arraycopy(SPKI_PREFIX, 0, spki, 0, SPKI_PREFIX.length);
                System.arraycopy(publicKey, 0, spki, SPKI_PREFIX.length, 32);
                return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
            } catch (GeneralSecurityException e) {
                throw new IllegalArgumentException("not an Ed25519 public key", e);
            }
        }

        @Override
        public String toString() {
            byte[] key = new byte[33];
            key[0] = ED25519;
            System.arraycopy(publicKey, 0, key, 1, 32);
            return name + "+" + String.format("%08x", keyId) + "+" + Base64.getEncoder().encodeToString(key);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof VerifierKey other && name.equals(other.name) && keyId == other.keyId
                    && Arrays.equals(publicKey, other.publicKey);
        }

        @Override
        public int hashCode() {
            return name.hashCode() * 31 + keyId;
        }
    }

    /** A signer: the private key and the verifier key that checks its signatures. */
    public record SignerKey(PrivateKey privateKey, VerifierKey verifier) {

        public static SignerKey of(String name, PrivateKey privateKey) {
            checkName(name);
            return new SignerKey(privateKey, new VerifierKey(name, keyId(name, publicKeyOf(privateKey)),
                    publicKeyOf(privateKey)));
        }

        /** A signer from the 32-byte seed of RFC 8032 (as in Go's {@code PRIVATE+KEY+…} strings). */
        public static SignerKey fromSeed(String name, byte[] seed) {
            return of(name, privateKeyFromSeed(seed));
        }

        /** A new random key. */
        public static SignerKey generate(String name) {
            try {
                return of(name, KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate());
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("Ed25519 is in every Java 15+ runtime", e);
            }
        }

        /**
         * A PKCS#8 PEM file ({@code openssl genpkey -algorithm ed25519}) or, for a name ending in .p12/.pfx, a
         * PKCS#12 keystore opened with {@code password} whose entry {@code alias} (the first one when null) is read.
         */
        public static SignerKey load(String name, Path file, char[] password, String alias) {
            try {
                String fileName = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
                if (fileName.endsWith(".p12") || fileName.endsWith(".pfx")) {
                    KeyStore store = KeyStore.getInstance("PKCS12");
                    try (InputStream in = Files.newInputStream(file)) {
                        store.load(in, password);
                    }
                    String entry = alias != null ? alias : store.aliases().nextElement();
                    Key key = store.getKey(entry, password);
                    if (!(key instanceof PrivateKey privateKey)) {
                        throw new IllegalArgumentException("no private key under alias " + entry + " in " + file);
                    }
                    return of(name, privateKey);
                }
                String pem = Files.readString(file, StandardCharsets.US_ASCII);
                String body = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
                byte[] der = Base64.getDecoder().decode(body);
                return of(name, KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der)));
            } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
                throw new IllegalArgumentException("cannot read the Ed25519 signing key " + file + ": "
                        + e.getMessage(), e);
            }
        }

        /** The key as a PKCS#8 PEM text, for writing a new key file. */
        public String pem() {
            return "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(privateKey.getEncoded()) + "\n-----END PRIVATE KEY-----\n";
        }
    }

    public static int keyId(String name, byte[] publicKey) {
        MessageDigest digest = Merkle.sha256();
        digest.update(name.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0x0A);
        digest.update(ED25519);
        digest.update(publicKey);
        byte[] hash = digest.digest();
        return ((hash[0] & 0xff) << 24) | ((hash[1] & 0xff) << 16) | ((hash[2] & 0xff) << 8) | (hash[3] & 0xff);
    }

    static void checkName(String name) {
        if (name == null || name.isEmpty() || name.contains("+")
                || name.codePoints().anyMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c) || c < 0x20)) {
            throw new IllegalArgumentException("a key name is non-empty, without spaces or '+': " + name);
        }
    }

    public static PrivateKey privateKeyFromSeed(byte[] seed) {
        if (seed.length != 32) {
            throw new IllegalArgumentException("an Ed25519 seed has 32 bytes");
        }
        try {
            byte[] der = new byte[PKCS8_PREFIX.length + 32];
            System.arraycopy(PKCS8_PREFIX, 0, der, 0, PKCS8_PREFIX.length);
            System.arraycopy(seed, 0, der, PKCS8_PREFIX.length, 32);
            return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 seed", e);
        }
    }

    /**
     * The raw public key of an Ed25519 private key. The JDK has no call for it, but its key pair generator derives
     * the public half from 32 random bytes exactly as RFC 8032 derives it from a seed: fed the seed, it yields the pair.
     */
    public static byte[] publicKeyOf(PrivateKey privateKey) {
        if (!(privateKey instanceof EdECPrivateKey ed)) {
            throw new IllegalArgumentException("not an Ed25519 private key: " + privateKey.getAlgorithm());
        }
        Optional<byte[]> seed = ed.getBytes();
        if (seed.isEmpty()) {
            throw new IllegalArgumentException("the Ed25519 private key does not reveal its seed");
        }
        byte[] bytes = seed.get();
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
            generator.initialize(NamedParameterSpec.ED25519, new SecureRandom() {
                @Override
                public void nextBytes(byte[] out) {
                    System.arraycopy(bytes, 0, out, 0, Math.min(out.length, bytes.length));
                }
            });
            byte[] spki = generator.generateKeyPair().getPublic().getEncoded();
            return Arrays.copyOfRange(spki, spki.length - 32, spki.length);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is in every Java 15+ runtime", e);
        }
    }
}
