package dev.ecskms.ui.ram;

import dev.ecskms.sim.ram.Policy;
import dev.ecskms.ui.common.ConsoleDialog;
import dev.ecskms.ui.common.Formats;
import dev.ecskms.ui.common.ModalHost;
import dev.ecskms.ui.common.PagedList;
import dev.ecskms.ui.common.Tables;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.geometry.Pos;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/**
 * Attach Policy: the System and Custom policies of the account, narrowed by type and a search of name and
 * description, with a check box per policy; the chosen ones are listed under the table. It only collects the
 * choice; {@link Attachments} attaches them.
 */
public final class AttachPolicyDialog extends ConsoleDialog {
    private final ObservableList<Policy> all = FXCollections.observableArrayList();
    private final FilteredList<Policy> shown = new FilteredList<>(all, p -> true);
    private final ComboBox<String> type = new ComboBox<>();
    private final TextField search = new TextField();
    private final Set<Policy> chosen = new LinkedHashSet<>();
    private final Label chosenText = new Label();

    /** @param principal e.g. "user alice" or "group admins": named in the title */
    public AttachPolicyDialog(ModalHost host, String principal, List<Policy> policies, Set<String> attached) {
        super(host, "Attach Policy to " + principal, "OK");
        getStyleClass().add("attach-policy-dialog");
        setDialogWidth(720);
        // what is attached already is not offered again (the service would refuse it: EntityAlreadyExists)
        policies.stream().filter(p -> !attached.contains(key(p))).forEach(all::add);
        type.setId("policyTypeFilter");
        type.getItems().setAll("All Types", "System Policy", "Custom Policy");
        type.setValue("All Types");
        search.setId("policySearchField");
        search.setPromptText("Search by policy name or description");
        HBox.setHgrow(search, Priority.ALWAYS);
        type.valueProperty().addListener((obs, old, now) -> refilter());
        search.textProperty().addListener((obs, old, now) -> refilter());
        HBox filters = new HBox(8, type, search);
        filters.setAlignment(Pos.CENTER_LEFT);

        TableView<Policy> table = new TableView<>(shown);
        table.setId("attachPolicyTable");
        table.getStyleClass().add("console-table");
        table.setPrefHeight(300);
        Tables.fitOrScroll(table);
        TableColumn<Policy, Policy> check = Tables.nodeColumn("", 40, policy -> {
            CheckBox box = new CheckBox();
            box.setId("choosePolicy-" + policy.policyName());
            box.setSelected(chosen.contains(policy));
            box.selectedProperty().addListener((obs, old, now) -> {
                if (now) {
                    chosen.add(policy);
                } else {
                    chosen.remove(policy);
                }
                showChosen();
            });
            return box;
        });
        table.getColumns().add(check);
        table.getColumns().add(Tables.textColumn("Policy Name", 230, Policy::policyName));
        table.getColumns().add(Tables.textColumn("Description", 300, Policy::description));
        table.getColumns().add(Tables.textColumn("Type", 80, Policy::policyType));
        Label empty = new Label("No policy matches.");
        table.setPlaceholder(empty);

        chosenText.setId("chosenPoliciesText");
        chosenText.setWrapText(true);
        setContent(filters, table, chosenText);
        showChosen();
    }

    static String key(Policy policy) {
        return policy.policyType() + ":" + policy.policyName();
    }

    private void refilter() {
        String kind = switch (type.getValue()) {
            case "System Policy" -> "System";
            case "Custom Policy" -> "Custom";
            default -> null;
        };
        String q = search.getText() == null ? "" : search.getText().trim().toLowerCase(Locale.ROOT);
        shown.setPredicate(p -> (kind == null || kind.equals(p.policyType()))
                && (q.isEmpty() || PagedList.contains(p.policyName(), q) || PagedList.contains(p.description(), q)));
    }

    private void showChosen() {
        chosenText.setText(chosen.isEmpty() ? "Selected: " + Formats.NONE : "Selected: " + String.join(", ",
                chosen.stream().map(Policy::policyName).toList()));
        setInvalid(chosen.isEmpty());
    }

    /** The chosen policies, in the order they were ticked. */
    public List<Policy> chosen() {
        return new ArrayList<>(chosen);
    }

    /** Ticks a policy as a click on its check box would (previews). */
    public void choose(String policyName) {
        all.stream().filter(p -> p.policyName().equals(policyName)).findFirst().ifPresent(p -> {
            chosen.add(p);
            showChosen();
        });
    }

    @Override
    protected void onShown() {
        search.requestFocus();
    }
}
