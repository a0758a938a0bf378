package dev.ecskms.ui.conversion;

import dev.ecskms.sim.common.ChangeFeed;
import dev.ecskms.sim.conversion.SystemDiskEncryption;
import dev.ecskms.sim.conversion.SystemDiskEncryption.Plan;
import dev.ecskms.sim.conversion.SystemDiskEncryption.Step;
import dev.ecskms.sim.conversion.SystemDiskEncryption.StepState;
import dev.ecskms.ui.common.ConsoleSession;
import dev.ecskms.ui.common.Errors;
import dev.ecskms.ui.common.KeyOption;
import dev.ecskms.ui.common.NewestAnswer;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Consumer;

/** Turns the dialog's choices into a plan and Start into a run, both in the background. */
final class EncryptSystemDiskController {
    private final ConsoleSession session;
    private final EncryptSystemDiskModel model;
    private final SystemDiskEncryption conversion;
    private final NewestAnswer plans;

    EncryptSystemDiskController(ConsoleSession session, EncryptSystemDiskModel model) {
        this.session = session;
        this.model = model;
        this.conversion = new SystemDiskEncryption(session.services().ecs(), session.services().instances(),
                session.services().kms());
        this.plans = new NewestAnswer(session.tasks());
    }

    void loadKeys(Consumer<List<KeyOption>> onLoaded) {
        session.tasks().run(() -> KeyOption.load(session.services().kms(), session.context(), session.region()),
                onLoaded, failure -> model.refused("The keys could not be loaded: " + Errors.describe(failure)));
    }

    /** Plans again for the current choices; only the latest answer is shown. */
    void plan(String kmsKeyId, String password) {
        model.planning();
        plans.run(() -> conversion.plan(session.context(), model.instance().instanceId(), kmsKeyId, password),
                model::planned, failure -> model.refused(Errors.describe(failure)));
    }

    /** Runs the plan shown; the steps report to the model as they move. */
    void start(Runnable afterRun) {
        Plan plan = model.planProperty().get();
        if (plan == null) {
            return;
        }
        model.started(plan);
        SystemDiskEncryption.Listener listener = new SystemDiskEncryption.Listener() {
            @Override
            public void step(Step step, StepState state, double progress) {
                session.tasks().onUiThread(() -> model.step(step, state, progress));
            }

            @Override
            public void log(String line) {
                session.tasks().onUiThread(() -> model.logged(line));
            }
        };
        session.tasks().run(() -> {
            try (ChangeFeedPause pause = new ChangeFeedPause(session.services().changes(), EnumSet.of(
                    ChangeFeed.Topic.INSTANCES, ChangeFeed.Topic.IMAGES, ChangeFeed.Topic.SNAPSHOTS,
                    ChangeFeed.Topic.CLOCK))) {
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
