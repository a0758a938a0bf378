package dev.ecskms.sim.storage;

/** Stores sectors as AES-256-XTS ciphertext; the tweak is the sector number. */
final class XtsSectorCodec implements SectorCodec {
    private final Xts xts;

    XtsSectorCodec(byte[] dataKey) {
        this.xts = new Xts(dataKey);
    }

    @Override
    public void encode(long sector, byte[] buf, int off, int len) {
        xts.encrypt(sector, buf, off, len, buf, off);
    }

    @Override
    public void decode(long sector, byte[] buf, int off, int len) {
        xts.decrypt(sector, buf, off, len, buf, off);
    }
}
