package dev.ecskms.ui.ram.groups;

import dev.ecskms.sim.ram.User;
import dev.ecskms.ui.common.ConsoleDialog;
import dev.ecskms.ui.common.ModalHost;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.VBox;

/** Add Group Members: a check box per user of the account not yet in the group. */
final class AddMembersDialog extends ConsoleDialog {
    private final List<CheckBox> boxes = new ArrayList<>();

    AddMembersDialog(ModalHost host, String groupName, List<User> candidates) {
        super(host, "Add Members to " + groupName, "OK");
        setDialogWidth(480);
        VBox list = new VBox(6);
        for (User user : candidates) {
            CheckBox box = new CheckBox(user.displayName() == null || user.displayName().equals(user.userName())
                    ? user.userName() : user.userName() + " (" + user.displayName() + ")");
            box.setId("chooseMember-" + user.userName());
            box.setUserData(user.userName());
            box.selectedProperty().addListener((obs, old, now) -> setInvalid(chosen().isEmpty()));
            boxes.add(box);
            list.getChildren().add(box);
        }
        if (candidates.isEmpty()) {
            list.getChildren().add(new Label("Every user of this account is in the group already."));
        }
        ScrollPane scroll = new ScrollPane(list);
        scroll.setFitToWidth(true);
        scroll.setPrefHeight(220);
        setContent(scroll);
        setInvalid(true);
    }

    List<String> chosen() {
        return boxes.stream().filter(CheckBox::isSelected).map(b -> (String) b.getUserData()).toList();
    }
}
