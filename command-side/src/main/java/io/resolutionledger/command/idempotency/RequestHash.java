package io.resolutionledger.command.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 over what makes two requests "the same": method, path, the {@code If-Match} precondition and the body in
 * a canonical form (the validated request re-serialized, so whitespace and field order do not count).
 */
public final class RequestHash {

    private RequestHash() {
    }

    public static String of(String method, String path, String ifMatch, byte[] canonicalBody) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(method.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(path.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update((ifMatch == null ? "" : ifMatch).getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            if (canonicalBody != null) {
                sha.update(canonicalBody);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
