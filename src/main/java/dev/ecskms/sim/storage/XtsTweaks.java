package dev.ecskms.sim.storage;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The tweak sequence of an XTS data unit: T, T·alpha, T·alpha^2, ... in GF(2^128) (IEEE 1619-2007 5.2), each
 * tweak a 128-bit little-endian value held as two longs (low, high).
 */
final class XtsTweaks {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    /** x^128 = x^7 + x^2 + x + 1: what a bit falling off the top folds back into the low byte. */
    private static final long GF_FEEDBACK = 0x87;
    /** FOLD4[c]: what the 4 bits c shifted off the top at once fold back into (c times 0x87, carry-less). */
    private static final long[] FOLD4 = foldTable();
    private static final int BLOCK = Xts.BLOCK_BYTES;

    private XtsTweaks() {
    }

    /**
     * Writes tweak j at {@code out[16j, 16j + 16)} for every block of a {@code len}-byte unit, starting from the
     * encrypted tweak {@code T = (lo, hi)}. Four chains step by alpha^4 side by side, so the CPU overlaps them
     * instead of waiting on one long dependency chain.
     */
    static void fill(long lo, long hi, byte[] out, int len) {
        long lo0 = lo;
        long hi0 = hi;
        long lo1 = timesAlphaLow(lo0, hi0);
        long hi1 = timesAlphaHigh(lo0, hi0);
        long lo2 = timesAlphaLow(lo1, hi1);
        long hi2 = timesAlphaHigh(lo1, hi1);
        long lo3 = timesAlphaLow(lo2, hi2);
        long hi3 = timesAlphaHigh(lo2, hi2);
        int at = 0;
        for (; at + 4 * BLOCK <= len; at += 4 * BLOCK) {
            put(out, at, lo0, hi0);
            put(out, at + BLOCK, lo1, hi1);
            put(out, at + 2 * BLOCK, lo2, hi2);
            put(out, at + 3 * BLOCK, lo3, hi3);
            long r0 = FOLD4[(int) (hi0 >>> 60)];
            hi0 = (hi0 << 4) | (lo0 >>> 60);
            lo0 = (lo0 << 4) ^ r0;
            long r1 = FOLD4[(int) (hi1 >>> 60)];
            hi1 = (hi1 << 4) | (lo1 >>> 60);
            lo1 = (lo1 << 4) ^ r1;
            long r2 = FOLD4[(int) (hi2 >>> 60)];
            hi2 = (hi2 << 4) | (lo2 >>> 60);
            lo2 = (lo2 << 4) ^ r2;
            long r3 = FOLD4[(int) (hi3 >>> 60)];
            hi3 = (hi3 << 4) | (lo3 >>> 60);
            lo3 = (lo3 << 4) ^ r3;
        }
        // a unit that is not a multiple of 64 bytes: up to three more tweaks, the chains in order
        if (at < len) {
            put(out, at, lo0, hi0);
        }
        if (at + BLOCK < len) {
            put(out, at + BLOCK, lo1, hi1);
        }
        if (at + 2 * BLOCK < len) {
            put(out, at + 2 * BLOCK, lo2, hi2);
        }
    }

    /** Low half of (lo, hi)·alpha: shift the 128-bit value left by one, fold the carry back in. */
    static long timesAlphaLow(long lo, long hi) {
        return (lo << 1) ^ ((hi >> 63) & GF_FEEDBACK);
    }

    /** High half of (lo, hi)·alpha. */
    static long timesAlphaHigh(long lo, long hi) {
        return (hi << 1) | (lo >>> 63);
    }

    private static void put(byte[] out, int at, long lo, long hi) {
        LONGS.set(out, at, lo);
        LONGS.set(out, at + 8, hi);
    }

    private static long[] foldTable() {
        long[] table = new long[16];
        for (int c = 0; c < 16; c++) {
            for (int bit = 0; bit < 4; bit++) {
                if ((c >> bit & 1) != 0) {
                    table[c] ^= GF_FEEDBACK << bit;
                }
            }
        }
        return table;
    }
}
