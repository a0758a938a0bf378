package dev.ecskms.ui.trail;

import dev.ecskms.sim.trail.TrailEvent;
import dev.ecskms.ui.common.ConsoleDialog;
import dev.ecskms.ui.common.Formats;
import dev.ecskms.ui.common.InfoGrid;
import dev.ecskms.ui.common.ModalHost;
import dev.ecskms.ui.common.Tables;
import java.util.ArrayList;
import java.util.List;

/** One event's full record, as ActionTrail's event details show it. */
final class EventDetailsDialog extends ConsoleDialog {

    EventDetailsDialog(ModalHost host, TrailEvent event) {
        super(host, "Event Details: " + event.eventName(), "Close");
        getStyleClass().add("event-details-dialog");
        setDialogWidth(760);
        cancelButton().setVisible(false);
        cancelButton().setManaged(false);

        InfoGrid grid = new InfoGrid();
        List<String[]> fields = new ArrayList<>(List.of(
                new String[] {"Event Time", Formats.dateTimeUtc(event.eventTime()), "eventDetailTime"},
                new String[] {"Event Name", event.eventName(), "eventDetailName"},
                new String[] {"Identity", TrailText.identity(event), "eventDetailIdentity"},
                new String[] {"Identity Type", TrailText.identityType(event) + " (" + event.identityType().wire()
                        + ")", "eventDetailIdentityType"},
                new String[] {"Service", event.serviceName(), "eventDetailService"},
                new String[] {"Read/Write", TrailText.readWrite(event), "eventDetailReadWrite"},
                new String[] {"Resource Type", event.resourceType(), "eventDetailResourceType"},
                new String[] {"Resource", event.resourceName(), "eventDetailResource"},
                new String[] {"Key ID", event.kmsKeyId(), "eventDetailKeyId"},
                new String[] {"Key Version", event.kmsKeyVersionId(), "eventDetailKeyVersion"},
                new String[] {"Result", TrailText.result(event), "eventDetailResult"},
                new String[] {"Error Message", event.errorMessage(), "eventDetailErrorMessage"},
                new String[] {"Source", TrailText.source(event), "eventDetailSource"},
                new String[] {"Region", event.regionId(), "eventDetailRegion"},
                new String[] {"Account", event.accountId(), "eventDetailAccount"},
                new String[] {"Request ID", event.requestId(), "eventDetailRequestId"},
                new String[] {"Event ID", event.eventId(), "eventDetailEventId"}));
        grid.setFields(fields);
        String why = explanation(event);
        if (why == null) {
            setContent(grid);
        } else {
            setContent(Tables.callout("eventDetailExplanation", why, event.success() ? "info" : "danger"), grid);
        }
        setOnConfirm(ConsoleDialog::close);
    }

    /**
     * What a service role's data key call means in the two-tier scheme, read from the event itself: ECS holds each
     * disk's data key only wrapped by the KMS key and asks KMS to unwrap it when it starts the instance.
     */
    static String explanation(TrailEvent event) {
        if (event.identityType() != TrailEvent.IdentityType.ASSUMED_ROLE || !"Kms".equals(event.serviceName())) {
            return null;
        }
        String actingFor = event.sessionName() == null ? "" : " for " + event.sessionName();
        return switch (event.eventName()) {
            case "Decrypt" -> event.success()
                    ? "ECS, acting" + actingFor + " through its service role, had KMS decrypt a disk's data key with"
                    + " key " + event.kmsKeyId() + ". A disk stores its data key only encrypted by the KMS key;"
                    + " the plaintext data key is kept in memory while the instance runs."
                    : "ECS, acting" + actingFor + " through its service role, could not have KMS decrypt a disk's"
                    + " data key (" + event.errorCode() + "): without it the disk cannot be read.";
            case "GenerateDataKey" -> "ECS, acting" + actingFor + " through its service role, had KMS generate a new"
                    + " disk's data key under key " + Formats.orNone(event.kmsKeyId()) + "; the disk keeps only the"
                    + " encrypted copy.";
            default -> null;
        };
    }
}
