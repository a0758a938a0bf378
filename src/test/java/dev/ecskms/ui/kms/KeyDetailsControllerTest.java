package dev.ecskms.ui.kms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecskms.sim.kms.CreateKeyRequest;
import dev.ecskms.sim.kms.KeyMetadata;
import dev.ecskms.sim.kms.Tag;
import dev.ecskms.ui.ControllerTestSupport;
import dev.ecskms.ui.common.Errors;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A key's details page without a window: what it loads, and its edits with the service's refusals. */
class KeyDetailsControllerTest extends ControllerTestSupport {
    private final List<String> outcomes = new ArrayList<>();

    private KeyMetadata key() {
        KeyMetadata key = sim.kms().createKey(ctx, CreateKeyRequest.defaults("details key"));
        sim.kms().createAlias(ctx, "alias/details", key.keyId());
        sim.kms().tagResource(ctx, key.keyId(), List.of(new Tag("team", "storage")));
        return key;
    }

    @Test
    void loadFillsMetadataVersionsAliasesTagsAndResources() {
        KeyMetadata key = key();
        KeyDetailsModel model = new KeyDetailsModel(key.keyId());

        new KeyDetailsController(session, model).load();

        assertEquals(key.keyId(), model.metadataProperty().get().keyId());
        assertEquals(1, model.versions().size());
        assertEquals(List.of("alias/details"), model.aliasNames());
        assertEquals(List.of(new Tag("team", "storage")), model.tags());
        assertEquals(List.of(), model.resourcesProperty().get(), "no disk or snapshot uses it");
        assertFalse(model.loadingProperty().get());
        assertNull(model.errorProperty().get());
    }

    @Test
    void anAddedAliasIsListedAfterTheReload() {
        KeyMetadata key = key();
        KeyDetailsModel model = new KeyDetailsModel(key.keyId());
        KeyDetailsController controller = new KeyDetailsController(session, model);
        controller.load();

        controller.addAlias("alias/second", () -> outcomes.add("done"), failure -> outcomes.add("failed"));

        assertEquals(List.of("done"), outcomes);
        assertEquals(List.of("alias/details", "alias/second"), model.aliasNames().stream().sorted().toList());
    }

    @Test
    void aTakenAliasIsRefusedWithKmsOwnCodeAndNothingChanges() {
        KeyMetadata key = key();
        KeyMetadata other = sim.kms().createKey(ctx, CreateKeyRequest.defaults("other"));
        KeyDetailsModel model = new KeyDetailsModel(other.keyId());
        KeyDetailsController controller = new KeyDetailsController(session, model);
        controller.load();

        controller.addAlias("alias/details", () -> outcomes.add("done"),
                failure -> outcomes.add(Errors.apiException(failure).code()));

        assertEquals(List.of("AliasAlreadyExists"), outcomes);
        assertEquals(List.of(), model.aliasNames());
        assertEquals(List.of("alias/details"), sim.kms().listAliasesByKeyId(ctx, key.keyId(), 1, 10).items()
                .stream().map(alias -> alias.aliasName()).toList(), "the alias stays with its key");
    }

    @Test
    void aRotationIntervalUnderSevenDaysIsRefusedAndTheKeyKeepsItsPolicy() {
        KeyMetadata key = key();
        KeyDetailsModel model = new KeyDetailsModel(key.keyId());
        KeyDetailsController controller = new KeyDetailsController(session, model);
        controller.load();
        String before = model.metadataProperty().get().automaticRotation();

        controller.updateRotationPolicy(true, 3, () -> outcomes.add("done"),
                failure -> outcomes.add(Errors.apiException(failure).code()));

        assertEquals(List.of("InvalidParameter"), outcomes);
        assertEquals(before, sim.kms().describeKey(ctx, key.keyId()).automaticRotation());
    }

    @Test
    void aKeyThatDoesNotExistSaysSoWithKmsOwnCode() {
        KeyDetailsModel model = new KeyDetailsModel("0b0b0b0b-0000-4000-8000-000000000000");

        new KeyDetailsController(session, model).load();

        assertNull(model.metadataProperty().get());
        String error = model.errorProperty().get();
        assertTrue(error.startsWith("The key could not be loaded: "), error);
        assertTrue(error.contains("\nError code: "), error);
    }
}
