package dev.promptspec.config;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.promptspec.internal.util.Sha256;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * One of {@code count} deterministic shares of a suite ({@value Keys#SHARD}): a test belongs to the share its unique id
 * hashes to, so adding or removing a case elsewhere never moves another case to another shard.
 *
 * @param index from 1 to {@code count}
 * @param count how many shards the suite is split into
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record Shard(int index, int count) {

    private static final Pattern FORM = Pattern.compile("\\s*(\\d{1,9})\\s*/\\s*(\\d{1,9})\\s*");

    public Shard {
        if (count < 1 || index < 1 || index > count) {
            throw new IllegalArgumentException("a shard is k/n with 1 <= k <= n, was " + index + "/" + count);
        }
    }

    /** {@code k/n}, if the text is one with {@code 1 <= k <= n}. */
    static Optional<Shard> parse(String text) {
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        int k = Integer.parseInt(m.group(1));
        int n = Integer.parseInt(m.group(2));
        return k >= 1 && k <= n ? Optional.of(new Shard(k, n)) : Optional.empty();
    }

    /** Whether the test with this unique id is in this shard: the first 8 bytes of its SHA-256, unsigned, modulo count. */
    public boolean contains(String uniqueId) {
        return Long.remainderUnsigned(hash(uniqueId), count) == index - 1;
    }

    /** The first shard: the one that also reports what belongs to no case (files that cannot load, removed cases). */
    public boolean isFirst() {
        return index == 1;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }

    private static long hash(String uniqueId) {
        return ByteBuffer.wrap(Sha256.of(uniqueId), 0, Long.BYTES).getLong();
    }
}
