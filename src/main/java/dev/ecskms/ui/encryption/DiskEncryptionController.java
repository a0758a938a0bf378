package dev.ecskms.ui.encryption;

import dev.ecskms.sim.common.AccessDeniedException;
import dev.ecskms.sim.common.ApiException;
import dev.ecskms.sim.common.CallContext;
import dev.ecskms.sim.ecs.DefaultEncryption;
import dev.ecskms.sim.ecs.EcsService;
import dev.ecskms.sim.ecs.Region;
import dev.ecskms.sim.kms.AliasInfo;
import dev.ecskms.sim.kms.KeyMetadata;
import dev.ecskms.ui.common.ConsoleSession;
import dev.ecskms.ui.common.Errors;
import dev.ecskms.ui.common.KeyOption;
import dev.ecskms.ui.common.PageLoader;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** Reads and changes the account's default disk encryption in the current region. */
final class DiskEncryptionController {
    /**
     * The page's state.
     *
     * @param key     the default key's metadata; null if it could not be read (e.g. deleted)
     * @param options what Modify offers
     */
    /** @param keyDenied the RAM action refused when the user may not read the key (then key is null), else null */
    record State(Region region, DefaultEncryption status, String defaultKeyId, KeyMetadata key,
            List<String> aliases, List<KeyOption> options, String keyDenied) {
        boolean serviceKeyIsDefault() {
            return status.kmsKeyId() == null;
        }

        String keyName() {
            return aliases.isEmpty() ? defaultKeyId : aliases.get(0) + " (" + defaultKeyId + ")";
        }
    }

    private final ConsoleSession session;
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(this, "state");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error");
    private final PageLoader<State> loader;

    DiskEncryptionController(ConsoleSession session) {
        this.session = session;
        this.loader = new PageLoader<>(session.tasks(), () -> {
            CallContext ctx = session.context();
            Region region = session.region();
            return () -> read(ctx, region);
        }, state::set, "Default encryption could not be read", error::set);
    }

    ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    void load() {
        loader.load();
    }

    private State read(CallContext ctx, Region region) {
        EcsService ecs = session.services().ecs();
        DefaultEncryption status = ecs.describeDiskEncryptionByDefaultStatus(ctx);
        String keyId = ecs.describeDiskDefaultKmsKeyId(ctx);
        KeyMetadata key = null;
        List<String> aliases = List.of();
        String keyDenied = null;
        try {
            key = session.services().kms().describeKey(ctx, keyId);
            aliases = session.services().kms().listAliasesByKeyId(ctx, key.keyId(), 1, 100).items().stream()
                    .map(AliasInfo::aliasName).toList();
        } catch (AccessDeniedException e) {
            keyDenied = e.authAction(); // a user without KMS rights: the key is unknown to them, not deleted
        } catch (ApiException e) {
            // A deleted default key: shown as such; Reset brings the service key back.
        }
        return new State(region, status, keyId, key, aliases,
                KeyOption.load(session.services().kms(), ctx, region), keyDenied);
    }

    void enable() {
        run(() -> session.services().ecs().enableDiskEncryptionByDefault(session.context()));
    }

    void disable() {
        run(() -> session.services().ecs().disableDiskEncryptionByDefault(session.context()));
    }

    void resetKey() {
        run(() -> session.services().ecs().resetDiskDefaultKmsKeyId(session.context()));
    }

    /** The service key option resets; a CMK becomes the default. Errors stay in the dialog. */
    void modifyKey(KeyOption option, Runnable onDone, Consumer<Throwable> onError) {
        CallContext ctx = session.context();
        EcsService ecs = session.services().ecs();
        session.tasks().runVoid(() -> {
            if (option.serviceKey()) {
                ecs.resetDiskDefaultKmsKeyId(ctx);
            } else {
                ecs.modifyDiskDefaultKmsKeyId(ctx, option.keyId());
            }
        }, () -> {
            onDone.run();
            load();
        }, onError);
    }

    void dismissError() {
        error.set(null);
    }

    private void run(Runnable call) {
        error.set(null);
        session.tasks().runVoid(call, this::load, failure -> error.set(Errors.describe(failure)));
    }
}
