package dev.ecskms.ui.trail;

import dev.ecskms.sim.trail.TrailEvent;
import dev.ecskms.ui.common.StatusTag;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;

/** How the console writes an audit trail event's fields; the trail page and a key's Recent use share it. */
public final class TrailText {
    private TrailText() {
    }

    /** "root", "RAM user alice", or a service role and what it acted for: "AliyunECSDiskEncryptDefaultRole (for i-…)". */
    public static String identity(TrailEvent event) {
        return switch (event.identityType()) {
            case ROOT_ACCOUNT -> "root";
            case RAM_USER -> "RAM user " + event.principalName();
            case ASSUMED_ROLE -> event.principalName() + (event.sessionName() == null ? ""
                    : " (for " + event.sessionName() + ")");
        };
    }

    /** What kind of identity, as ActionTrail's userIdentity.type reads in words. */
    public static String identityType(TrailEvent event) {
        return switch (event.identityType()) {
            case ROOT_ACCOUNT -> "Alibaba Cloud account";
            case RAM_USER -> "RAM user";
            case ASSUMED_ROLE -> "Service role";
        };
    }

    /** "Success", or the error code the call answered. */
    public static String result(TrailEvent event) {
        return event.success() ? "Success" : event.errorCode();
    }

    /** The result as a green or red pill; a failure's message is its tooltip. */
    public static Label resultTag(TrailEvent event) {
        Label tag = StatusTag.tag(result(event), event.success() ? "status-success" : "status-danger");
        tag.getStyleClass().add("trail-result");
        if (!event.success() && event.errorMessage() != null) {
            tag.setTooltip(new Tooltip(event.errorMessage()));
        }
        return tag;
    }

    /** Where the call came from: Console, API or Simulator (a service's own call, e.g. ECS starting an instance). */
    public static String source(TrailEvent event) {
        return switch (event.source()) {
            case CONSOLE -> "Console";
            case API -> "API";
            case SIMULATOR -> "Simulator";
        };
    }

    public static String readWrite(TrailEvent event) {
        return event.readOnly() ? "Read" : "Write";
    }
}
