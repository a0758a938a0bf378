package dev.ecskms.sim.kms;

import java.util.List;

/** The values KMS accepts for CreateKey's enumerated parameters. */
public final class KeySpecs {
    public static final String AES_256 = "Aliyun_AES_256";
    public static final String SM4 = "Aliyun_SM4";
    public static final List<String> KEY_SPECS = List.of(AES_256, SM4);
    public static final String ENCRYPT_DECRYPT = "ENCRYPT/DECRYPT";
    public static final String ORIGIN_KMS = "Aliyun_KMS";
    public static final String ORIGIN_EXTERNAL = "EXTERNAL";
    public static final List<String> ORIGINS = List.of(ORIGIN_KMS, ORIGIN_EXTERNAL);
    public static final List<String> PROTECTION_LEVELS = List.of("SOFTWARE", "HSM");
    public static final int MIN_ROTATION_DAYS = 7;
    public static final int MAX_ROTATION_DAYS = 730;
    public static final int MIN_PENDING_DAYS = 7;
    public static final int MAX_PENDING_DAYS = 366;

    private KeySpecs() {
    }
}
