package dev.ecskms.sim.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store reports the tables each committed transaction changed, once, after the commit; never a rollback. */
class StoreChangesTest {
    @TempDir
    Path root;
    private DataDir dir;
    private Store store;
    private final List<Set<String>> reported = new CopyOnWriteArrayList<>();
    private final List<String> seenAtReport = new CopyOnWriteArrayList<>();

    @BeforeEach
    void open() {
        dir = DataDir.open(root);
        store = Store.open(dir);
        store.afterCommit(tables -> {
            reported.add(tables);
            // committed already: a fresh connection (another transaction) sees the write
            seenAtReport.add(store.setting("a").orElse("<none>"));
        });
    }

    @AfterEach
    void close() {
        store.close();
        dir.close();
    }

    @Test
    void aCommittedWriteIsReportedOnceAfterItsCommit() {
        store.txRun(c -> {
            Store.update(c, "merge into settings (name, val) key (name) values (?, ?)", "a", "1");
            Store.update(c, "merge into settings (name, val) key (name) values (?, ?)", "b", "2");
            assertTrue(reported.isEmpty(), "nothing is reported before the commit");
        });
        assertEquals(List.of(Set.of("settings")), reported);
        assertEquals(List.of("1"), seenAtReport);
    }

    @Test
    void aRolledBackTransactionIsNotReported() {
        assertThrows(IllegalStateException.class, () -> store.txRun(c -> {
            Store.update(c, "merge into settings (name, val) key (name) values (?, ?)", "a", "1");
            throw new IllegalStateException("changed my mind");
        }));
        assertEquals(List.of(), reported);
        assertEquals("<none>", store.setting("a").orElse("<none>"));
    }

    @Test
    void readsAndWritesThatChangeNoRowAreNotReported() {
        store.setting("a");
        store.txRun(c -> Store.update(c, "update settings set val = ? where name = ?", "x", "no such setting"));
        assertEquals(List.of(), reported);
    }

    @Test
    void aNestedTransactionIsReportedAtItsOwnCommitAndTheOuterOneAtItsOwn() {
        store.txRun(c -> {
            Store.update(c, "insert into settings (name, val) values (?, ?)", "outer", "1");
            store.putSetting("a", "inner"); // its own connection and commit
            assertEquals(List.of(Set.of("settings")), reported);
        });
        assertEquals(2, reported.size());
    }

    @Test
    void theTableOfEachKindOfWrite() {
        assertEquals("kms_keys", Store.writtenTable("update kms_keys set key_state = ? where key_id = ?"));
        assertEquals("ecs_disks", Store.writtenTable("  INSERT INTO ecs_disks (disk_id) values (?)"));
        assertEquals("kms_tags", Store.writtenTable("delete from kms_tags where key_id = ?"));
        assertEquals("settings", Store.writtenTable("merge into settings (name, val) key (name) values (?, ?)"));
        assertEquals("unknown", Store.writtenTable("call something()"));
    }
}
