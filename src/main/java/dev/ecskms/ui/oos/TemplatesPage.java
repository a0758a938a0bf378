package dev.ecskms.ui.oos;

import dev.ecskms.sim.common.ChangeFeed;
import dev.ecskms.ui.common.ConsolePage;
import dev.ecskms.ui.common.ConsoleSession;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import javafx.scene.Node;

/** Operation Orchestration → Public Templates: ACS-ECS-BulkyEncryptSystemDisk and its Create Execution. */
public final class TemplatesPage implements ConsolePage {
    private final ConsoleSession session;
    private final OosModel model = new OosModel();
    private final OosController controller;
    private final TemplatesView view;

    public TemplatesPage(ConsoleSession session) {
        this.session = session;
        this.controller = new OosController(session, model);
        this.view = new TemplatesView(model, controller, this::createExecution);
    }

    @Override
    public String breadcrumb() {
        return "Operation Orchestration / Public Templates";
    }

    @Override
    public Node view() {
        return view;
    }

    /** A public template changes with no one's action. */
    @Override
    public Set<ChangeFeed.Topic> changeTopics() {
        return EnumSet.noneOf(ChangeFeed.Topic.class);
    }

    @Override
    public void refresh() {
        controller.loadTemplate();
    }

    public OosModel model() {
        return model;
    }

    void createExecution() {
        new CreateExecutionDialog(session, controller, List.of(),
                started -> session.navigator().openExecution(started.executionId())).show();
    }
}
