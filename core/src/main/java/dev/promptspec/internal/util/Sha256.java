package dev.promptspec.internal.util;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apiguardian.api.API;

/** SHA-256 of text in UTF-8: fingerprints that are the same on every machine and JVM. */
@API(status = INTERNAL, since = "0.1")
public final class Sha256 {

    private Sha256() {
    }

    public static byte[] of(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** The digest in lower-case hexadecimal. */
    public static String hex(String text) {
        return HexFormat.of().formatHex(of(text));
    }
}
