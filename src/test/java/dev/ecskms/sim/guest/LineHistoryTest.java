package dev.ecskms.sim.guest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LineHistoryTest {
    @Test
    void upWalksBackAndDownForwardToTheLineBeingTyped() {
        LineHistory history = new LineHistory();
        history.add("lsblk");
        history.add("df -h");

        assertEquals(Optional.of("df -h"), history.previous("mou"));
        assertEquals(Optional.of("lsblk"), history.previous("df -h"));
        assertEquals(Optional.empty(), history.previous("lsblk"), "nothing older than the first line");
        assertEquals(Optional.of("df -h"), history.next());
        assertEquals(Optional.of("mou"), history.next(), "Down past the newest brings back the typed text");
        assertEquals(Optional.empty(), history.next());
    }

    @Test
    void blankLinesAndImmediateRepeatsAreNotKept() {
        LineHistory history = new LineHistory();
        history.add("lsblk");
        history.add("   ");
        history.add("lsblk");
        history.add("df");
        history.add("lsblk");

        assertEquals(List.of("lsblk", "df", "lsblk"), history.lines());
    }

    @Test
    void enteringALineStartsAgainFromTheNewest() {
        LineHistory history = new LineHistory();
        history.add("one");
        history.add("two");
        history.previous("");
        history.previous("");
        history.add("one");

        assertEquals(Optional.of("one"), history.previous(""));
        assertEquals(Optional.of("two"), history.previous(""));
    }

    @Test
    void anEmptyHistoryRecallsNothing() {
        LineHistory history = new LineHistory();
        assertEquals(Optional.empty(), history.previous("abc"));
        assertEquals(Optional.empty(), history.next());
    }
}
