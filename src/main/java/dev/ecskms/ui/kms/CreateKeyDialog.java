package dev.ecskms.ui.kms;

import dev.ecskms.sim.common.ApiException;
import dev.ecskms.sim.kms.AliasRule;
import dev.ecskms.sim.kms.CreateKeyRequest;
import dev.ecskms.ui.common.ConsoleDialog;
import dev.ecskms.ui.common.Errors;
import dev.ecskms.ui.common.Forms;
import dev.ecskms.ui.common.ModalHost;
import dev.ecskms.ui.common.Spinners;
import javafx.geometry.HPos;
import javafx.geometry.Pos;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The Create Key form. It only collects input; {@link KeyActions} sends it and keeps the dialog open on errors. */
final class CreateKeyDialog extends ConsoleDialog {
    static final String ALIAS_PREFIX = "alias/";

    private final ComboBox<String> keySpec = combo("keySpecChoice", "Aliyun_AES_256", "Aliyun_SM4");
    private final ComboBox<String> origin = combo("originChoice", "Aliyun_KMS", "EXTERNAL");
    private final ComboBox<String> protectionLevel = combo("protectionLevelChoice", "SOFTWARE", "HSM");
    private final TextArea description = new TextArea();
    private final CheckBox automaticRotation = new CheckBox("Enable automatic rotation");
    private final Spinner<Integer> rotationDays = Spinners.checked(365, "rotationIntervalSpinner");
    private final Label rotationError = Forms.fieldError("rotationIntervalError");
    private final TextField aliasName = new TextField();
    private final Label aliasError = Forms.fieldError("aliasNameError");

    /** Set once CreateKey succeeded, so that a retry after a failed CreateAlias does not create a second key. */
    private String createdKeyId;

    CreateKeyDialog(ModalHost host) {
        super(host, "Create Key", "OK");
        getStyleClass().add("create-key-dialog");

        description.setId("keyDescriptionField");
        description.setPromptText("Optional: what the key protects");
        description.setPrefRowCount(3);
        description.setWrapText(true);

        automaticRotation.setId("automaticRotationCheck");
        rotationDays.disableProperty().bind(
                automaticRotation.selectedProperty().not().or(automaticRotation.disabledProperty()));
        Label intervalLabel = new Label("Interval");
        Label daysUnit = new Label("days (7 to 730)");
        daysUnit.getStyleClass().add("field-hint");
        HBox interval = new HBox(8, intervalLabel, rotationDays, daysUnit);
        interval.setAlignment(Pos.CENTER_LEFT);
        VBox rotation = new VBox(8, automaticRotation, interval, rotationError);
        automaticRotation.selectedProperty().addListener((obs, old, now) -> checkAlias());
        rotationDays.getEditor().textProperty().addListener((obs, old, text) -> checkAlias());

        aliasName.setId("aliasNameField");
        aliasName.setPromptText("Optional, e.g. my-disk-key");
        Label prefix = new Label(ALIAS_PREFIX);
        prefix.getStyleClass().add("input-prefix");
        HBox alias = new HBox(prefix, aliasName);
        alias.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(aliasName, Priority.ALWAYS);
        VBox aliasBlock = new VBox(4, alias, aliasError);
        aliasName.textProperty().addListener((obs, old, text) -> checkAlias());

        Label originHint = new Label("EXTERNAL keys start in Pending Import until you import key material.");
        originHint.getStyleClass().add("field-hint");
        originHint.setWrapText(true);

        GridPane form = new GridPane();
        form.getStyleClass().add("form-grid");
        form.setHgap(16);
        form.setVgap(12);
        ColumnConstraints labels = new ColumnConstraints(140);
        labels.setHalignment(HPos.RIGHT);
        ColumnConstraints fields = new ColumnConstraints(360);
        fields.setHgrow(Priority.ALWAYS);
        form.getColumnConstraints().addAll(labels, fields);
        int row = 0;
        form.addRow(row++, formLabel("Key Type", true), keySpec);
        form.addRow(row++, formLabel("Key Material Source", true), origin);
        form.add(originHint, 1, row++);
        form.addRow(row++, formLabel("Protection Level", true), protectionLevel);
        form.addRow(row++, formLabel("Alias", false), aliasBlock);
        form.addRow(row++, formLabel("Description", false), description);
        form.addRow(row, formLabel("Rotation", false), rotation);
        setContent(form);
        setDialogWidth(600);
    }

    private static ComboBox<String> combo(String id, String... values) {
        ComboBox<String> box = new ComboBox<>();
        box.getItems().addAll(values);
        box.getSelectionModel().selectFirst();
        box.setId(id);
        box.setMaxWidth(Double.MAX_VALUE);
        return box;
    }

    private static Label formLabel(String text, boolean required) {
        Label label = new Label(text);
        label.getStyleClass().add("form-label");
        if (required) {
            Label mark = new Label("*");
            mark.getStyleClass().add("required-mark");
            label.setGraphic(mark);
        }
        return label;
    }

    CreateKeyRequest request() {
        boolean rotate = automaticRotation.isSelected();
        return new CreateKeyRequest(keySpec.getValue(), "ENCRYPT/DECRYPT", origin.getValue(),
                protectionLevel.getValue(), description.getText(), rotate,
                rotate ? rotationDays.getValue() + "d" : null);
    }

    /** The alias to create with the key, "alias/" added when the user left it out; null when none was asked for. */
    String aliasName() {
        String text = aliasName.getText() == null ? "" : aliasName.getText().trim();
        if (text.isEmpty()) {
            return null;
        }
        return text.startsWith(ALIAS_PREFIX) ? text : ALIAS_PREFIX + text;
    }

    /**
     * Checks the alias with the service's own rule before anything is created: a refused alias is stated next to
     * the field and OK stays disabled, so a key is never created only for its alias to fail.
     *
     * @return the service's message, or null when the alias (or none) is accepted
     */
    String checkAlias() {
        String refusal = null;
        String alias = aliasName();
        if (alias != null) {
            try {
                AliasRule.check(alias);
            } catch (ApiException e) {
                refusal = Errors.describe(e);
            }
        }
        Forms.showFieldError(aliasError, refusal);
        String rotationRefusal = checkRotation();
        setInvalid(refusal != null || rotationRefusal != null);
        return refusal != null ? refusal : rotationRefusal;
    }

    /** The rotation interval checked with the service's rule while automatic rotation is on; null when accepted. */
    private String checkRotation() {
        String refusal = automaticRotation.isSelected() && !automaticRotation.isDisabled()
                ? RotationPolicyDialog.refusal(rotationDays) : null;
        Forms.showFieldError(rotationError, refusal);
        return refusal;
    }

    String createdKeyId() {
        return createdKeyId;
    }

    void setCreatedKeyId(String keyId) {
        this.createdKeyId = keyId;
        // The key exists now; only its alias can still be changed.
        keySpec.setDisable(true);
        origin.setDisable(true);
        protectionLevel.setDisable(true);
        description.setDisable(true);
        automaticRotation.setDisable(true);
    }

    @Override
    protected void onShown() {
        keySpec.requestFocus();
    }
}
