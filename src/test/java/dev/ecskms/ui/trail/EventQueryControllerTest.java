package dev.ecskms.ui.trail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecskms.sim.common.ApiException;
import dev.ecskms.sim.ecs.RunInstancesRequest;
import dev.ecskms.sim.guest.OsImage;
import dev.ecskms.sim.kms.CreateKeyRequest;
import dev.ecskms.sim.ram.RamService;
import dev.ecskms.sim.trail.TrailEvent;
import dev.ecskms.sim.trail.TrailFilter;
import dev.ecskms.ui.ControllerTestSupport;
import dev.ecskms.ui.trail.EventQueryModel.ReadWrite;
import dev.ecskms.ui.trail.EventQueryModel.TimeRange;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Event Query page's controller on a real simulator, without a screen: the direct task runner has done each
 * lookup when the call returns.
 */
class EventQueryControllerTest extends ControllerTestSupport {
    private EventQueryModel model;
    private EventQueryController controller;

    @Override
    protected void opened() {
        super.opened();
        model = new EventQueryModel();
        controller = new EventQueryController(session, model);
    }

    /** A reload (the change feed's, or Refresh): the applied filters again. */
    private List<TrailEvent> lookUp() {
        controller.load();
        return List.copyOf(model.events());
    }

    /** Search: the filters as set, applied. */
    private List<TrailEvent> search() {
        controller.search();
        assertNull(model.rangeErrorProperty().get());
        return List.copyOf(model.events());
    }

    private String runInstanceWithCmkDisks(String keyId) {
        String id = sim.instances().runInstances(ctx, new RunInstancesRequest("cn-hangzhou-i", "ecs.g7.large",
                OsImage.ALIYUN_3.imageId(), new RunInstancesRequest.SystemDisk("cloud_essd", 20, "PL0", true, keyId),
                List.of(new RunInstancesRequest.DataDisk("cloud_essd", 20, null, "PL0", true, keyId, true)), 1,
                "Lab-Passw0rd", "trail", "trail-host", null)).get(0);
        advance(); // the instance starts: ECS decrypts each disk's data key
        return id;
    }

    @Test
    void anInstanceStartShowsAsTheEcsRoleDecryptingEachDisksDataKey() {
        sim.ram().authorizeEcsDiskEncryption(ctx);
        String key = sim.kms().createKey(ctx, CreateKeyRequest.defaults("trail page")).keyId();
        String instance = runInstanceWithCmkDisks(key);

        model.eventNameProperty().set("Decrypt");
        model.identityProperty().set(instance);
        List<TrailEvent> decrypts = search();
        // the start (the newest request; an earlier Decrypt is RunInstances' own) decrypted
        // the data key of each of the two disks
        String start = decrypts.get(0).requestId();
        assertEquals(2, decrypts.stream().filter(e -> e.requestId().equals(start)).count(), decrypts.toString());
        for (TrailEvent e : decrypts) {
            assertEquals(RamService.ECS_DISK_ENCRYPTION_ROLE + " (for " + instance + ")", TrailText.identity(e));
            assertEquals(key, e.kmsKeyId());
            assertEquals("Success", TrailText.result(e));
            assertEquals("Simulator", TrailText.source(e));
            assertTrue(EventDetailsDialog.explanation(e).contains("decrypt a disk's data key"));
        }
        assertEquals(decrypts.size(), model.totalProperty().get(), "the timeline counts what the table lists");
        assertTrue(model.narrowedProperty().get());
    }

    @Test
    void filtersNarrowTheEventsAndErrorsOnlyShowsTheRefusals() {
        String key = sim.kms().createKey(ctx, CreateKeyRequest.defaults("filters")).keyId();
        sim.kms().describeKey(ctx, key);
        sim.kms().disableKey(ctx, key);
        assertThrows(ApiException.class, () -> sim.kms().encrypt(ctx, key, new byte[] {1}, null));
        sim.kms().listKeys(ctx, null, null);

        List<TrailEvent> all = search();
        assertEquals(5, all.size(), all.toString());
        assertFalse(model.narrowedProperty().get());
        assertEquals("ListKeys", all.get(0).eventName(), "newest first");

        model.errorsOnlyProperty().set(true);
        List<TrailEvent> errors = search();
        assertEquals(1, errors.size());
        assertEquals("Encrypt", errors.get(0).eventName());
        assertEquals("Rejected.Disabled", TrailText.result(errors.get(0)));
        assertEquals(1, model.totalProperty().get());
        assertEquals(1, model.timeline().stream().mapToInt(b -> b.failures()).sum());

        model.errorsOnlyProperty().set(false);
        model.readWriteProperty().set(ReadWrite.READ);
        assertEquals(List.of("ListKeys", "DescribeKey"), search().stream().map(TrailEvent::eventName).toList());

        model.readWriteProperty().set(ReadWrite.ALL);
        model.resourceIdProperty().set(key);
        assertEquals(4, search().size(), "every call that named the key; ListKeys names none");

        controller.reset();
        assertEquals(5, model.events().size());
        assertEquals("", model.resourceIdProperty().get());
    }

    @Test
    void theTimeRangeIsOfSimulatedTime() {
        sim.kms().listKeys(ctx, null, null);
        sim.clock().fastForward(Duration.ofHours(2));
        sim.kms().listAliases(ctx, null, null);

        model.timeRangeProperty().set(TimeRange.LAST_HOUR);
        assertEquals(List.of("ListAliases"), search().stream().map(TrailEvent::eventName).toList());
        assertEquals(12, model.timeline().size(), "five-minute bars");
        model.timeRangeProperty().set(TimeRange.LAST_DAY);
        assertEquals(2, search().size());
        assertEquals(24, model.timeline().size());

        // the preset moves with the clock: a day later the last day holds nothing of these
        sim.clock().fastForward(Duration.ofDays(2));
        assertTrue(lookUp().isEmpty());
        model.timeRangeProperty().set(TimeRange.LAST_7_DAYS);
        assertEquals(2, search().size());
    }

    @Test
    void aCustomRangeMustBeTwoTimesInOrder() {
        sim.kms().listKeys(ctx, null, null);
        search();
        model.timeRangeProperty().set(TimeRange.CUSTOM);
        controller.customRangeChosen(); // starts from the range shown
        assertEquals("2026-11-27 00:00:00", model.customStartProperty().get());
        assertEquals("2026-11-28 00:00:00", model.customEndProperty().get());

        model.customStartProperty().set("yesterday");
        controller.search();
        assertTrue(model.rangeErrorProperty().get().contains("2026-11-30 08:00:00"));
        model.customStartProperty().set("2026-11-28 00:00:01");
        controller.search();
        assertTrue(model.rangeErrorProperty().get().contains("before its end"));

        model.customStartProperty().set("2026-11-27 23:00:00");
        assertEquals(1, search().size());
        assertNull(model.rangeErrorProperty().get());
        model.customEndProperty().set("2026-11-27 23:30:00");
        assertTrue(search().isEmpty());
    }

    @Test
    void pagesThroughTwentyAtATime() {
        for (int i = 0; i < 45; i++) {
            sim.kms().listKeys(ctx, null, null);
        }
        List<TrailEvent> first = search();
        assertEquals(20, first.size());
        assertEquals(45, model.totalProperty().get());
        assertEquals(3, model.pageCountProperty().get());
        assertTrue(model.hasNextPageProperty().get());

        controller.nextPage();
        List<TrailEvent> second = List.copyOf(model.events());
        assertEquals(20, second.size());
        assertTrue(second.get(0).seq() < first.get(19).seq());
        controller.nextPage();
        assertEquals(5, model.events().size());
        assertFalse(model.hasNextPageProperty().get());
        controller.nextPage(); // there is none
        assertEquals(2, model.pageIndexProperty().get());

        controller.previousPage();
        assertEquals(second, model.events(), "the page before is the same page");
        assertEquals(second, lookUp(), "a reload stays on the page");
        assertEquals(first, search());
        assertEquals(0, model.pageIndexProperty().get());
    }

    @Test
    void aKeysLinkOpensItsEvents() {
        String key = sim.kms().createKey(ctx, CreateKeyRequest.defaults("link")).keyId();
        sim.kms().listKeys(ctx, null, null);
        controller.open(TrailFilter.all().key(key));
        assertEquals(key, model.keyIdProperty().get());
        assertEquals(TimeRange.LAST_7_DAYS, model.timeRangeProperty().get());
        assertEquals(List.of("CreateKey"), lookUp().stream().map(TrailEvent::eventName).toList());
        assertTrue(model.narrowedProperty().get());
    }
}
