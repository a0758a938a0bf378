package dev.ecskms.ui.shell;

/**
 * One entry of the identity switcher: an account acting as itself, or one of its RAM users.
 *
 * @param accountId   the 16-digit account id
 * @param accountKind "root" or "peer", as the simulator names its accounts
 * @param userName    the RAM user's name, or null for the account itself
 */
public record ConsoleIdentity(String accountId, String accountKind, String userName) {

    public boolean isUser() {
        return userName != null;
    }

    /** "Root account 1234…", "Peer account 6543…" or "alice (RAM user of 1234…)". */
    public String describe() {
        if (isUser()) {
            return userName + " (RAM user of " + accountId + ")";
        }
        return ("root".equals(accountKind) ? "Root account " : "Peer account ") + accountId;
    }

    /** The short form of a narrow top bar: "Root account", "Peer account" or the user's name. */
    public String compact() {
        return isUser() ? userName : "root".equals(accountKind) ? "Root account" : "Peer account";
    }

    /** An id for tests: "account-1234…" or "user-1234…-alice". */
    public String nodeId() {
        return isUser() ? "user-" + accountId + "-" + userName : "account-" + accountId;
    }
}
