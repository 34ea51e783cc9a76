package io.dropnight.learn.night;

/**
 * The viewers seen, exactly by their 64-bit key hash ({@code learn.log.ViewerHash}), each with one
 * {@code long} of state ({@link ViewerState}): an open-addressing table of two {@code long} arrays,
 * linear probing, doubled when three quarters full. A viewer costs 16 bytes a slot and the table
 * has at most 2.67 slots a viewer, so {@code n} viewers take at most {@code 43 n} bytes (24 n
 * more while it doubles); 1 M viewers 32 MB, 10 M viewers 256 MB. Not thread-safe.
 */
final class ViewerTable {
    private static final int MIN_CAPACITY = 1 << 12;
    /** 2^29 slots (8 GB): past it the heap is long gone; said as a limit rather than an overflow. */
    private static final int MAX_CAPACITY = 1 << 29;

    private long[] keys = new long[MIN_CAPACITY];
    private long[] states = new long[MIN_CAPACITY];
    private int size;

    /** Viewers held. */
    int size() {
        return size;
    }

    /** Slots allocated (for the heap's account). */
    int capacity() {
        return keys.length;
    }

    /**
     * The slot of {@code key}, added with state {@code initial} when it is new; {@link #isNew} tells
     * which. The slot stays valid until the next call.
     *
     * @param key a hash, never 0
     */
    int slot(long key, long initial) {
        if (size >= keys.length - (keys.length >>> 2)) {
            grow();
        }
        int mask = keys.length - 1;
        int i = (int) (key ^ (key >>> 32)) & mask;
        while (true) {
            long k = keys[i];
            if (k == key) {
                lastWasNew = false;
                return i;
            }
            if (k == 0) {
                keys[i] = key;
                states[i] = initial;
                size++;
                lastWasNew = true;
                return i;
            }
            i = (i + 1) & mask;
        }
    }

    private boolean lastWasNew;

    /** Whether the last {@link #slot} call added its key. */
    boolean isNew() {
        return lastWasNew;
    }

    long state(int slot) {
        return states[slot];
    }

    void state(int slot, long state) {
        states[slot] = state;
    }

    /** Calls {@code each} with every viewer's state. */
    void forEachState(java.util.function.LongConsumer each) {
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != 0) {
                each.accept(states[i]);
            }
        }
    }

    private void grow() {
        if (keys.length >= MAX_CAPACITY) {
            throw new IllegalStateException("more than " + (MAX_CAPACITY - (MAX_CAPACITY >>> 2)) + " viewers: beyond the learner's table");
        }
        long[] oldKeys = keys;
        long[] oldStates = states;
        try {
            keys = new long[oldKeys.length * 2];
            states = new long[oldKeys.length * 2];
        } catch (OutOfMemoryError e) {
            // The one allocation that grows with the log: said as a limit of the heap, in one line.
            keys = oldKeys;
            states = oldStates;
            throw new io.dropnight.learn.log.LogFileException(String.format(java.util.Locale.ROOT, "%,d viewers seen so far fill"
                    + " the heap (at most %,d MiB): doubling the table of viewers needs %,d MiB more; give java a larger -Xmx"
                    + " (each viewer takes up to 43 bytes, 67 while the table doubles: docs/LEARN.md, Cost)", size,
                    Runtime.getRuntime().maxMemory() >> 20, (oldKeys.length * 32L) >> 20));
        }
        int mask = keys.length - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            long key = oldKeys[j];
            if (key != 0) {
                int i = (int) (key ^ (key >>> 32)) & mask;
                while (keys[i] != 0) {
                    i = (i + 1) & mask;
                }
                keys[i] = key;
                states[i] = oldStates[j];
            }
        }
    }
}
