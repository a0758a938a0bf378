package dev.ecskms.sim.ram;

import dev.ecskms.sim.common.CallContext;
import dev.ecskms.sim.common.Ids;
import dev.ecskms.sim.kms.Hsm;
import dev.ecskms.sim.store.Store;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Accounts and their AccessKeys. Today there is one root account; RAM users and a second account add rows here
 * without changing how callers obtain a {@link CallContext}.
 */
public final class AccountService {
    private static final String ROOT_ACCOUNT_SETTING = "root.account.id";
    private static final String PEER_ACCOUNT_SETTING = "peer.account.id";
    private static final String WELCOME_DISMISSED_SETTING = "console.welcome.dismissed";
    private final Store store;
    private final Hsm hsm;
    private final Clock clock;

    public AccountService(Store store, Hsm hsm, Clock clock) {
        this.store = store;
        this.hsm = hsm;
        this.clock = clock;
    }

    /** The root account, created with a fresh 16-digit id on first start. */
    public synchronized String rootAccountId() {
        return store.setting(ROOT_ACCOUNT_SETTING).orElseGet(() -> {
            String id = Ids.accountId();
            store.txRun(c -> {
                Store.update(c, "insert into accounts (account_id, display_name, created_ms) values (?, ?, ?)", id,
                        "root", clock.millis());
                Store.update(c, "insert into settings (name, val) values (?, ?)", ROOT_ACCOUNT_SETTING, id);
            });
            return id;
        });
    }

    /**
     * A second account, so that sharing (snapshots now, images later) has someone to share with. The console's
     * identity switcher can act as it; it has its own AccessKey for scripts.
     */
    public synchronized String peerAccountId() {
        return store.setting(PEER_ACCOUNT_SETTING).orElseGet(() -> {
            String id = Ids.accountId();
            store.txRun(c -> {
                Store.update(c, "insert into accounts (account_id, display_name, created_ms) values (?, ?, ?)", id,
                        "peer", clock.millis());
                Store.update(c, "insert into settings (name, val) values (?, ?)", PEER_ACCOUNT_SETTING, id);
            });
            insert(id, null, Ids.accessKeyId(), Ids.accessKeySecret());
            return id;
        });
    }

    /** Every account of this simulator: the root account first, then the peer. */
    public List<Account> accounts() {
        return store.query("select account_id, display_name from accounts order by created_ms, account_id",
                rs -> new Account(rs.getString(1), rs.getString(2)));
    }

    /** The accounts other than this one: whom a snapshot or an image can be shared with. */
    public List<String> otherAccountIds(String accountId) {
        return accounts().stream().map(Account::accountId).filter(id -> !id.equals(accountId)).toList();
    }

    public record Account(String accountId, String displayName) {
    }

    /**
     * Makes sure the root account has an AccessKey: the given pair if both are set (so a script can know it),
     * otherwise the existing one, otherwise a newly generated one. Returns it and whether it was just created.
     */
    public synchronized Provisioned ensureRootAccessKey(String accessKeyId, String accessKeySecret) {
        String account = rootAccountId();
        if (accessKeyId != null && accessKeySecret != null) {
            Optional<AccessKey> existing = findAccessKey(accessKeyId);
            if (existing.isPresent()) {
                if (!existing.get().accessKeySecret().equals(accessKeySecret)
                        || !existing.get().accountId().equals(account)) {
                    throw new IllegalArgumentException("The AccessKey " + accessKeyId
                            + " already exists in this data dir with another secret or owner.");
                }
                return new Provisioned(existing.get(), false);
            }
            return new Provisioned(insert(account, null, accessKeyId, accessKeySecret), true);
        }
        List<AccessKey> keys = accessKeysOf(account, null);
        if (!keys.isEmpty()) {
            return new Provisioned(keys.get(0), false);
        }
        return new Provisioned(insert(account, null, Ids.accessKeyId(), Ids.accessKeySecret()), true);
    }

    public Optional<AccessKey> findAccessKey(String accessKeyId) {
        return store.queryOne("select access_key_id, wrapped_secret, account_id, user_name, status, created_ms"
                + " from access_keys where access_key_id = ?", this::accessKey, accessKeyId);
    }

    public List<AccessKey> accessKeysOf(String accountId, String userName) {
        return store.query("select access_key_id, wrapped_secret, account_id, user_name, status, created_ms"
                + " from access_keys where account_id = ? and "
                + (userName == null ? "user_name is null and ? is null" : "user_name = ?")
                + " order by created_ms", this::accessKey, accountId, userName);
    }

    private AccessKey accessKey(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new AccessKey(rs.getString(1), unwrapSecret(rs.getString(1), rs.getBytes(2)), rs.getString(3),
                rs.getString(4), rs.getString(5), java.time.Instant.ofEpochMilli(rs.getLong(6)));
    }

    /** The context of a call signed with this AccessKey (a call to the API endpoint). */
    public CallContext contextFor(AccessKey key, String regionId, String requestId) {
        return new CallContext(key.accountId(), key.userName() == null ? CallContext.ROOT : key.userName(), regionId,
                requestId, CallContext.Source.API);
    }

    /**
     * A new Active AccessKey of a RAM user, its secret wrapped by the HSM like the root key's. The caller (RAM)
     * checks that the user exists and is under its limit of keys.
     */
    public AccessKey createUserAccessKey(String accountId, String userName) {
        if (userName == null) {
            throw new IllegalArgumentException("a RAM user's key needs the user's name");
        }
        return insert(accountId, userName, Ids.accessKeyId(), Ids.accessKeySecret());
    }

    /** The user's AccessKeys as ListAccessKeys shows them, oldest first: no secret is unwrapped. */
    public List<AccessKeyInfo> accessKeyInfos(String accountId, String userName) {
        return store.query("select access_key_id, status, created_ms from access_keys where account_id = ? and "
                + (userName == null ? "user_name is null and ? is null" : "user_name = ?")
                + " order by created_ms, access_key_id", rs -> new AccessKeyInfo(rs.getString(1), rs.getString(2),
                        java.time.Instant.ofEpochMilli(rs.getLong(3))), accountId, userName);
    }

    /** Sets a RAM user's key Active or Inactive; false if the user has no such key. */
    public boolean setAccessKeyStatus(String accountId, String userName, String accessKeyId, String status) {
        return store.tx(c -> Store.update(c, "update access_keys set status = ? where access_key_id = ? and"
                + " account_id = ? and user_name = ?", status, accessKeyId, accountId, userName) == 1);
    }

    /** Deletes a RAM user's key (its wrapped secret with it); false if the user has no such key. */
    public boolean deleteUserAccessKey(String accountId, String userName, String accessKeyId) {
        return store.tx(c -> Store.update(c, "delete from access_keys where access_key_id = ? and account_id = ?"
                + " and user_name = ?", accessKeyId, accountId, userName) == 1);
    }

    private AccessKey insert(String account, String userName, String id, String secret) {
        long now = clock.millis();
        store.txRun(c -> Store.update(c, "insert into access_keys (access_key_id, account_id, user_name,"
                + " wrapped_secret, status, created_ms) values (?, ?, ?, ?, 'Active', ?)", id, account, userName,
                hsm.wrap(label(id), secret.getBytes(StandardCharsets.UTF_8)), now));
        return new AccessKey(id, secret, account, userName, "Active", java.time.Instant.ofEpochMilli(now));
    }

    private String unwrapSecret(String id, byte[] wrapped) {
        return new String(hsm.unwrap(label(id), wrapped), StandardCharsets.UTF_8);
    }

    private static String label(String accessKeyId) {
        return "accesskey/" + accessKeyId;
    }

    public record Provisioned(AccessKey key, boolean created) {
    }

    /**
     * Whether the console's first-run welcome (the data dir, the endpoint, the root AccessKey) was dismissed on this
     * data dir: it is shown until then, and never again after.
     */
    public boolean welcomeDismissed() {
        return store.setting(WELCOME_DISMISSED_SETTING).isPresent();
    }

    /** Records that the welcome was dismissed (when, for whoever reads the settings), so that it does not return. */
    public void dismissWelcome() {
        store.putSetting(WELCOME_DISMISSED_SETTING, java.time.Instant.ofEpochMilli(clock.millis()).toString());
    }
}
