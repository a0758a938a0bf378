package dev.ecskms.startup;

import dev.ecskms.ui.StartupProbe;
import java.util.stream.IntStream;
import javafx.application.Application;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.Scene;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.stage.Stage;

/**
 * The yardstick of scripts/startup.sh: a bare JavaFX window with a table, launched from the class path like the
 * console, its first drawn frame logged by the same probe ({@code -Decskms.probe=true}).
 */
public final class BareTableWindow {
    private BareTableWindow() {
    }

    public static void main(String[] args) {
        Application.launch(Window.class, args);
    }

    public static final class Window extends Application {
        @Override
        public void start(Stage stage) {
            TableView<Integer> table = new TableView<>();
            for (String name : new String[] {"ID", "Name", "Status", "Encrypted"}) {
                TableColumn<Integer, String> column = new TableColumn<>(name);
                column.setCellValueFactory(row -> new ReadOnlyStringWrapper(name + " " + row.getValue()));
                column.setPrefWidth(200);
                table.getColumns().add(column);
            }
            table.getItems().setAll(IntStream.range(0, 20).boxed().toList());
            Scene scene = new Scene(table, 1366, 768);
            stage.setScene(scene);
            stage.setTitle("Bare table window");
            if (StartupProbe.enabled()) {
                StartupProbe.atFirstFrame(scene, "first-frame");
            }
            stage.show();
        }
    }
}
