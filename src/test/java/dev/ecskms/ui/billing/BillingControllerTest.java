package dev.ecskms.ui.billing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecskms.sim.ecs.BillingStatement;
import dev.ecskms.sim.ecs.Catalog;
import dev.ecskms.sim.ecs.CreateDiskRequest;
import dev.ecskms.sim.ecs.Pricing;
import dev.ecskms.sim.ecs.Region;
import dev.ecskms.sim.ecs.RunInstancesRequest;
import dev.ecskms.sim.guest.OsImage;
import dev.ecskms.ui.ControllerTestSupport;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The Billing page's controller on a real simulator: the direct task runner has loaded when the call returns. */
class BillingControllerTest extends ControllerTestSupport {
    private BillingModel model;
    private BillingController controller;

    @Override
    protected void opened() {
        super.opened();
        model = new BillingModel();
        controller = new BillingController(session, model);
    }

    @Test
    void showsWhatBillsNowAndTheAccumulatedCostOfTheSimulatedDays() {
        String encrypted = sim.ecs().createDisk(ctx, new CreateDiskRequest("cn-hangzhou-i", "cloud_essd", 100, null,
                "PL1", true, null, null, "enc", null, null));
        String plain = sim.ecs().createDisk(ctx, new CreateDiskRequest("cn-hangzhou-i", "cloud_essd", 100, null,
                "PL1", null, null, null, "plain", null, null));
        String instance = sim.instances().runInstances(ctx, new RunInstancesRequest("cn-hangzhou-i", "ecs.c7.large",
                OsImage.ALIYUN_3.imageId(), new RunInstancesRequest.SystemDisk("cloud_essd", 20, "PL0", null, null),
                List.of(), 1, "Lab-Passw0rd", "web", "web", null)).get(0);
        advance();
        sim.clock().fastForward(Duration.ofDays(2)); // 2026-11-30T00:00:20Z

        controller.load();
        assertNull(model.errorProperty().get());
        Map<String, BillingStatement.Line> lines = model.running().stream().collect(Collectors.toMap(
                BillingStatement.Line::resourceId, l -> l));
        assertEquals(4, lines.size(), "the instance, its system disk and two data disks");
        assertEquals(lines.get(plain).hourlyPrice(), lines.get(encrypted).hourlyPrice(), "encryption is free");
        assertTrue(lines.get(encrypted).encrypted());
        assertEquals(0.094, lines.get(instance).hourlyPrice(), 1e-12);
        assertEquals("ESSD PL1 · 100 GiB", BillingView.configuration(lines.get(plain)));
        double hourly = 0.094 + (2 * 100 * 0.15 + 20 * 0.08) / Pricing.HOURS_PER_MONTH;
        assertEquals(hourly, model.hourlyTotalProperty().get(), 1e-12);

        assertEquals(BillingModel.DEFAULT_WINDOW, model.days().size());
        assertEquals(LocalDate.parse("2026-11-30"), model.days().get(model.days().size() - 1).day());
        BillingStatement.Day nov28 = model.days().get(model.days().size() - 3);
        assertEquals(LocalDate.parse("2026-11-28"), nov28.day());
        assertEquals(hourly * 24 - 0.094 * 5 / 3600.0, nov28.cost(), 1e-9, "the instance from Running at 00:00:05");
        assertEquals(0, model.days().get(0).cost(), "nothing existed before");
        assertEquals(model.days().get(model.days().size() - 1).accumulated(), model.windowTotalProperty().get());
        assertEquals(model.windowTotalProperty().get(), model.monthToDateProperty().get(), 1e-9,
                "everything happened in November");

        // stopping the instance stops its line; the change shows on the next load (the page reloads on the feed)
        sim.instances().stopInstance(ctx, instance, false);
        advance();
        controller.load();
        assertEquals(3, model.running().size());
        assertTrue(model.running().stream().noneMatch(l -> l.resourceId().equals(instance)));

        controller.showWindow(30);
        assertEquals(30, model.days().size());
    }

    @Test
    void anotherRegionHasItsOwnBillAndAFailureIsShown() {
        sim.ecs().createDisk(ctx, new CreateDiskRequest("cn-hangzhou-i", "cloud_essd", 40, null, "PL0", null, null,
                null, null, null, null));
        controller.load();
        assertEquals(1, model.running().size());
        session.regionProperty().set(Catalog.findRegion("cn-shanghai").orElseThrow());
        controller.load();
        assertEquals(List.of(), List.copyOf(model.running()));
        assertEquals(0, model.hourlyTotalProperty().get());

        // a read the service refuses: the page says why and shows nothing stale
        session.regionProperty().set(new Region("xx-nowhere-1", "Nowhere", true, true, ""));
        controller.load();
        assertTrue(model.errorProperty().get().startsWith("The bill could not be computed"),
                model.errorProperty().get());
        assertTrue(model.errorProperty().get().contains("InvalidRegionId.NotFound"), model.errorProperty().get());
        assertEquals(List.of(), List.copyOf(model.days()));
    }
}
