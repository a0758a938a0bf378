package dev.ecskms.sim.kms;

/** One entry of ListAliases / ListAliasesByKeyId. */
public record AliasInfo(String aliasName, String aliasArn, String keyId) {
}
