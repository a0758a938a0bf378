package dev.ecskms.ui.common;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/**
 * Shares a snapshot or an image with the other accounts of this simulator: one checkbox per account, checked where it
 * is shared now; unchecking stops sharing. The page says in {@code note} what the other account gets.
 */
public final class ShareDialog extends ConsoleDialog {
    /** The other accounts and those the resource is shared with now. */
    public record State(List<String> otherAccounts, List<String> sharedWith) {
    }

    private final VBox accounts = new VBox(8);
    private final List<CheckBox> boxes = new ArrayList<>();
    private State state = new State(List.of(), List.of());

    /** @param title e.g. "Share Snapshot s-…"; {@code styleClass} names the dialog for the stylesheet */
    public ShareDialog(ModalHost host, String title, String styleClass, String note) {
        super(host, title, "OK");
        getStyleClass().add(styleClass);
        setDialogWidth(560);
        accounts.setId("shareAccounts");
        accounts.getChildren().add(new Label("Loading the accounts..."));
        Label heading = new Label("Share with account");
        heading.getStyleClass().add("section-label");
        setContent(Tables.callout("shareNote", note, "info"), heading, accounts);
        confirmButton().setDisable(true);
    }

    public void showState(State loaded) {
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

    public List<String> accountsToAdd() {
        return boxes.stream().filter(CheckBox::isSelected).map(b -> (String) b.getUserData())
                .filter(a -> !state.sharedWith().contains(a)).toList();
    }

    public List<String> accountsToRemove() {
        return boxes.stream().filter(b -> !b.isSelected()).map(b -> (String) b.getUserData())
                .filter(a -> state.sharedWith().contains(a)).toList();
    }
}
