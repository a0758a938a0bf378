package dev.ecskms.ui.conversion;

import dev.ecskms.sim.conversion.ConversionListener;
import dev.ecskms.sim.conversion.DataDiskEncryption;
import dev.ecskms.sim.conversion.EncryptionPlan;
import dev.ecskms.ui.common.ConsoleSession;
import dev.ecskms.ui.common.Errors;
import dev.ecskms.ui.common.KeyOption;
import java.util.List;
import java.util.function.Consumer;
import javafx.application.Platform;

/** Turns the dialog's choices into a plan and Start into a run, both in the background. */
final class EncryptDiskController {
    private final ConsoleSession session;
    private final EncryptDiskModel model;
    private final DataDiskEncryption conversion;
    private long planGeneration;

    EncryptDiskController(ConsoleSession session, EncryptDiskModel model) {
        this.session = session;
        this.model = model;
        this.conversion = new DataDiskEncryption(session.services().ecs(), session.services().instances(),
                session.services().kms());
    }

    void loadKeys(Consumer<List<KeyOption>> onLoaded) {
        session.tasks().run(() -> KeyOption.load(session.services().kms(), session.context(), session.region()),
                onLoaded, failure -> model.refused("The keys could not be loaded: " + Errors.describe(failure)));
    }

    /** Plans again for the current choices; only the latest answer is shown. */
    void plan(String kmsKeyId, boolean releaseOldDisk, boolean keepSnapshot) {
        long generation = ++planGeneration;
        model.planning();
        session.tasks().run(() -> conversion.plan(session.context(), model.disk().diskId(), kmsKeyId, releaseOldDisk,
                keepSnapshot), plan -> {
                    if (generation == planGeneration) {
                        model.planned(plan);
                    }
                }, failure -> {
                    if (generation == planGeneration) {
                        model.refused(Errors.describe(failure));
                    }
                });
    }

    /** Runs the plan shown; the steps report to the model as they move. */
    void start(Runnable afterRun) {
        EncryptionPlan plan = model.planProperty().get();
        if (plan == null) {
            return;
        }
        model.started(plan);
        ConversionListener listener = new ConversionListener() {
            @Override
            public void step(EncryptionPlan.Step step, StepState state, double progress) {
                Platform.runLater(() -> model.step(step, state, progress));
            }

            @Override
            public void log(String line) {
                Platform.runLater(() -> model.logged(line));
            }
        };
        session.tasks().run(() -> {
            try (ChangeFeedPause pause = new ChangeFeedPause(session.services().changes())) {
                return conversion.run(session.context(), plan, listener, pause);
            }
        }, result -> {
            model.succeeded(result);
            afterRun.run();
        }, failure -> {
            model.failed(Errors.describe(failure));
            afterRun.run();
        });
    }
}
