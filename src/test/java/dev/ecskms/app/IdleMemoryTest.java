package dev.ecskms.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** The console's JVM gives an idle heap back: the flags are set where nobody set them on the command line. */
class IdleMemoryTest {
    @Test
    void theConsoleCollectsWhenIdleAndKeepsLittleFreeHeap() {
        GuiCommand.returnIdleMemory();
        HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        assertEquals("3000", vm.getVMOption("G1PeriodicGCInterval").getValue());
        assertEquals("30", vm.getVMOption("MaxHeapFreeRatio").getValue());
        assertEquals("10", vm.getVMOption("MinHeapFreeRatio").getValue());
    }
}
