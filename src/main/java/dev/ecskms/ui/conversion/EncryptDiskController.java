package dev.ecskms.ui.conversion;

import dev.ecskms.sim.common.ChangeFeed;
import dev.ecskms.sim.conversion.ConversionListener;
import dev.ecskms.sim.conversion.DataDiskEncryption;
import dev.ecskms.sim.conversion.EncryptionPlan;
import dev.ecskms.sim.conversion.Pause;
import dev.ecskms.ui.common.ConsoleSession;
import dev.ecskms.ui.common.Errors;
import dev.ecskms.ui.common.KeyOption;
import dev.ecskms.ui.common.NewestAnswer;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** Turns the dialog's choices into a plan and Start into a run, both in the background. */
final class EncryptDiskController {
    private final ConsoleSession session;
    private final EncryptDiskModel model;
    private final DataDiskEncryption conversion;
    private final Supplier<RunPause> pauses;
    private final NewestAnswer plans;

    EncryptDiskController(ConsoleSession session, EncryptDiskModel model) {
        this(session, model, () -> new ChangeFeedPause(session.services().changes(), EnumSet.of(
                ChangeFeed.Topic.SNAPSHOTS, ChangeFeed.Topic.DISKS, ChangeFeed.Topic.CLOCK)));
    }

    /** @param pauses what a run waits with; tests move simulated time forward instead of waiting for it */
    EncryptDiskController(ConsoleSession session, EncryptDiskModel model, Supplier<RunPause> pauses) {
        this.session = session;
        this.model = model;
        this.pauses = pauses;
        this.plans = new NewestAnswer(session.tasks());
        this.conversion = new DataDiskEncryption(session.services().ecs(), session.services().instances(),
                session.services().kms());
    }

    void loadKeys(Consumer<List<KeyOption>> onLoaded) {
        session.tasks().run(() -> KeyOption.load(session.services().kms(), session.context(), session.region()),
                onLoaded, failure -> model.refused("The keys could not be loaded: " + Errors.describe(failure)));
    }

    /** Plans again for the current choices; only the latest answer is shown. */
    void plan(String kmsKeyId, boolean releaseOldDisk, boolean keepSnapshot) {
        model.planning();
        plans.run(() -> conversion.plan(session.context(), model.disk().diskId(), kmsKeyId, releaseOldDisk,
                keepSnapshot), model::planned, failure -> model.refused(Errors.describe(failure)));
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
                session.tasks().onUiThread(() -> model.step(step, state, progress));
            }

            @Override
            public void log(String line) {
                session.tasks().onUiThread(() -> model.logged(line));
            }
        };
        session.tasks().run(() -> {
            try (RunPause pause = pauses.get()) {
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

    /** A run's pause, released when the run ends (the console's listens to the change feed). */
    interface RunPause extends Pause, AutoCloseable {
        @Override
        void close();
    }
}
