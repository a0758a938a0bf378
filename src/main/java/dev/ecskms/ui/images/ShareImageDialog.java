package dev.ecskms.ui.images;

import dev.ecskms.sim.ecs.Image;
import dev.ecskms.ui.common.ConsoleDialog;
import dev.ecskms.ui.common.ModalHost;
import dev.ecskms.ui.common.Tables;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/**
 * Shares an image with the other accounts of this simulator: one checkbox per account, checked where it is shared
 * now; unchecking stops sharing.
 */
final class ShareImageDialog extends ConsoleDialog {
    /** The other accounts and those the image is shared with now. */
    record State(List<String> otherAccounts, List<String> sharedWith) {
    }

    private final VBox accounts = new VBox(8);
    private final List<CheckBox> boxes = new ArrayList<>();
    private State state = new State(List.of(), List.of());

    ShareImageDialog(ModalHost host, Image image) {
        super(host, "Share Image " + image.imageId(), "OK");
        getStyleClass().add("share-image-dialog");
        setDialogWidth(560);
        accounts.setId("shareAccounts");
        accounts.getChildren().add(new Label("Loading the accounts..."));
        Label title = new Label("Share with account");
        title.getStyleClass().add("section-label");
        Label note = Tables.callout("shareNote", image.encrypted()
                ? "This image is encrypted. An instance the other account creates from it gets a system disk"
                + " encrypted with that account's own service key alias/acs/ecs, unless it chooses one of its keys."
                : "The other account sees the image under Shared Images and can create instances from it. Uncheck"
                + " an account to stop sharing.", "info");
        setContent(note, title, accounts);
        confirmButton().setDisable(true);
    }

    void showState(State loaded) {
        this.state = loaded;
        boxes.clear();
        accounts.getChildren().clear();
        for (String account : loaded.otherAccounts()) {
            CheckBox box = new CheckBox("Account " + account);
            box.setId("share-" + account);
            box.setUserData(account);
            box.setSelected(loaded.sharedWith().contains(account));
            boxes.add(box);
            accounts.getChildren().add(box);
        }
        if (boxes.isEmpty()) {
            accounts.getChildren().add(new Label("There is no other account in this simulator."));
        }
        confirmButton().setDisable(false);
    }

    List<String> accountsToAdd() {
        return boxes.stream().filter(CheckBox::isSelected).map(b -> (String) b.getUserData())
                .filter(a -> !state.sharedWith().contains(a)).toList();
    }

    List<String> accountsToRemove() {
        return boxes.stream().filter(b -> !b.isSelected()).map(b -> (String) b.getUserData())
                .filter(a -> state.sharedWith().contains(a)).toList();
    }
}
