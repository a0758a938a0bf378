package dev.ecskms.ui.labs;

import dev.ecskms.sim.labs.Lab;
import dev.ecskms.sim.labs.LabProgress;
import dev.ecskms.sim.labs.LabService;
import java.time.Instant;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The Labs page's state: the lab files, the chosen one, its steps as the simulator lights them, and errors. */
public final class LabsModel {
    private final ObservableList<LabService.LabEntry> labs = FXCollections.observableArrayList();
    private final StringProperty selectedId = new SimpleStringProperty(this, "selectedId");
    /** The chosen lab when its file parsed; null otherwise. */
    private final ObjectProperty<Lab> lab = new SimpleObjectProperty<>(this, "lab");
    /** What is wrong with the chosen lab's file (file, line and problem); null when it parsed. */
    private final StringProperty fileError = new SimpleStringProperty(this, "fileError");
    private final ObjectProperty<LabProgress> progress = new SimpleObjectProperty<>(this, "progress");
    /** When the chosen lab was started or reset (simulated time); null when never. */
    private final ObjectProperty<Instant> started = new SimpleObjectProperty<>(this, "started");
    private final StringProperty error = new SimpleStringProperty(this, "error");

    public ObservableList<LabService.LabEntry> labs() {
        return labs;
    }

    public StringProperty selectedIdProperty() {
        return selectedId;
    }

    public ObjectProperty<Lab> labProperty() {
        return lab;
    }

    public StringProperty fileErrorProperty() {
        return fileError;
    }

    public ObjectProperty<LabProgress> progressProperty() {
        return progress;
    }

    public ObjectProperty<Instant> startedProperty() {
        return started;
    }

    public StringProperty errorProperty() {
        return error;
    }

    /** "2 of 6 steps done", or what to do first. */
    public String progressText() {
        Lab l = lab.get();
        LabProgress p = progress.get();
        if (l == null) {
            return "";
        }
        if (started.get() == null || p == null) {
            return "Not started: 0 of " + l.steps().size() + " steps done";
        }
        return p.complete() ? "Complete: all " + l.steps().size() + " steps done"
                : p.litCount() + " of " + l.steps().size() + " steps done";
    }
}
