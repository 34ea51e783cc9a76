package io.dropnight.learn.log;

/**
 * A viewer key as a 64-bit hash (FNV-1a over its characters, then MurmurHash3's finaliser), so that
 * the set of viewers seen costs 8 bytes a key whatever the key's length. Two viewers merge only when
 * their hashes collide: about {@code n² / 2⁶⁵} pairs among {@code n} viewers, 2.7 × 10⁻⁶ expected for
 * ten million. Never 0 (the viewer table's empty slot). Stateless.
 */
public final class ViewerHash {
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private ViewerHash() {
    }

    /** The hash of {@code text.subSequence(from, to)}. */
    public static long of(CharSequence text, int from, int to) {
        return finish(add(FNV_OFFSET, text, from, to));
    }

    /** The hash of two keys taken together (an address and a user agent). */
    public static long of(CharSequence a, int aFrom, int aTo, CharSequence b, int bFrom, int bTo) {
        long h = add(FNV_OFFSET, a, aFrom, aTo);
        h = (h ^ 0x1f) * FNV_PRIME; // a separator no key contains: "ab"+"c" is not "a"+"bc"
        return finish(add(h, b, bFrom, bTo));
    }

    private static long add(long h, CharSequence text, int from, int to) {
        for (int i = from; i < to; i++) {
            h = (h ^ text.charAt(i)) * FNV_PRIME;
        }
        return h;
    }

    private static long finish(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h == 0 ? 1 : h;
    }
}
