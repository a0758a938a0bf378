package dev.ecskms.ui.oos;

import dev.ecskms.sim.common.ChangeFeed;
import dev.ecskms.ui.common.ConsolePage;
import dev.ecskms.ui.common.ConsoleSession;
import dev.ecskms.ui.common.ErrorBanner;
import dev.ecskms.ui.common.ListDetails;
import dev.ecskms.ui.common.ListPageLayout;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import javafx.scene.Node;
import javafx.scene.layout.VBox;

/**
 * Operation Orchestration → Executions: the executions of ACS-ECS-BulkyEncryptSystemDisk in the selected region, and
 * each execution's details with its instances' progress, which open in place of the list.
 */
public final class ExecutionsPage implements ConsolePage {
    private final ConsoleSession session;
    private final OosModel model = new OosModel();
    private final OosController controller;
    private final ListDetails content;
    private final ExecutionDetailsView details;

    public ExecutionsPage(ConsoleSession session) {
        this.session = session;
        this.controller = new OosController(session, model);
        ErrorBanner banner = new ErrorBanner("executionsError", model.errorProperty(), controller::dismissError);
        ExecutionListView list = new ExecutionListView(model, controller, this::createExecution, this::showExecution);
        VBox listView = ListPageLayout.page("Executions", "Runs of Operation Orchestration templates. An execution of"
                + " ACS-ECS-BulkyEncryptSystemDisk encrypts the system disks of the instances it was given, one child"
                + " execution per instance; open one to follow each instance's steps.", list, banner);
        content = new ListDetails(listView, controller::loadExecutions);
        content.view().setId("executionsPage");
        details = new ExecutionDetailsView(session, model, controller, content::showList);
    }

    @Override
    public String breadcrumb() {
        return "Operation Orchestration / Executions";
    }

    @Override
    public Node view() {
        return content.view();
    }

    /** Every step of every execution is published there: the progress bars move with it. */
    @Override
    public Set<ChangeFeed.Topic> changeTopics() {
        return EnumSet.of(ChangeFeed.Topic.OOS_EXECUTIONS);
    }

    @Override
    public void refresh() {
        content.refresh();
    }

    @Override
    public void open() {
        content.showList();
    }

    @Override
    public void regionChanged() {
        content.showList();
    }

    public OosModel model() {
        return model;
    }

    /** Opens an execution's details, e.g. the one just started. */
    public void showExecution(String executionId) {
        content.showDetails(details, () -> controller.showExecution(executionId));
    }

    void createExecution() {
        new CreateExecutionDialog(session, controller, List.of(), started -> showExecution(started.executionId()))
                .show();
    }
}
