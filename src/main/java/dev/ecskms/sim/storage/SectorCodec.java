package dev.ecskms.sim.storage;

/** How a sector's bytes are stored: as is, or transformed (encrypted). Called under the device's lock. */
interface SectorCodec {
    SectorCodec PLAIN = new SectorCodec() {
        @Override
        public void encode(long sector, byte[] buf, int off, int len) {
        }

        @Override
        public void decode(long sector, byte[] buf, int off, int len) {
        }
    };

    /** Turns plaintext into stored bytes, in place. */
    void encode(long sector, byte[] buf, int off, int len);

    /** Turns stored bytes (never all-zero: those are unwritten sectors) back into plaintext, in place. */
    void decode(long sector, byte[] buf, int off, int len);
}
