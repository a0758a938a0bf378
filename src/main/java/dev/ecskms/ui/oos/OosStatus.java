package dev.ecskms.ui.oos;

import dev.ecskms.sim.oos.Execution;
import dev.ecskms.ui.common.StatusTag;
import javafx.scene.control.Label;

/** The status pill of an execution or one of its steps, colored as the OOS console colors them. */
final class OosStatus {
    private OosStatus() {
    }

    static Label tag(String status) {
        return StatusTag.tag(status == null ? "-" : status, styleClass(status));
    }

    static String styleClass(String status) {
        if (status == null) {
            return "status-neutral";
        }
        return switch (status) {
            case Execution.SUCCESS -> "status-success";
            case Execution.FAILED -> "status-danger";
            case Execution.CANCELLED -> "status-neutral";
            case Execution.RUNNING -> "status-info";
            default -> "status-warning"; // Started, Queued, Waiting
        };
    }
}
