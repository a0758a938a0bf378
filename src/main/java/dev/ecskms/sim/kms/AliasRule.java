package dev.ecskms.sim.kms;

import dev.ecskms.sim.common.ApiException;
import java.util.regex.Pattern;

/**
 * The one rule for a user alias name, checked by the service (CreateAlias, UpdateAlias, DeleteAlias) and by the
 * Create Key form before anything is created, so both refuse the same names with the same message.
 */
public final class AliasRule {
    private static final Pattern ALIAS = Pattern.compile("alias/[a-zA-Z0-9:/_-]{1,249}");

    private AliasRule() {
    }

    /** The alias itself when it is a valid user alias; otherwise the service's MissingParameter/InvalidParameter. */
    public static String check(String aliasName) {
        String alias = ApiException.required("AliasName", aliasName);
        if (!ALIAS.matcher(alias).matches()) {
            throw ApiException.invalid("AliasName", "an alias starts with \"alias/\" followed by 1 to 249 letters,"
                    + " digits, ':', '/', '_' or '-'.");
        }
        if (alias.startsWith("alias/acs/")) {
            throw ApiException.invalid("AliasName", "the prefix \"alias/acs/\" is reserved for Alibaba Cloud services.");
        }
        return alias;
    }
}
