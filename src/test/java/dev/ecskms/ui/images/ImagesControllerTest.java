package dev.ecskms.ui.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecskms.sim.common.ApiException;
import dev.ecskms.sim.ecs.CopyImageRequest;
import dev.ecskms.sim.ecs.CreateImageRequest;
import dev.ecskms.sim.ecs.Image;
import dev.ecskms.sim.ecs.RunInstancesRequest;
import dev.ecskms.sim.guest.OsImage;
import dev.ecskms.sim.kms.CreateKeyRequest;
import dev.ecskms.ui.ControllerTestSupport;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The Images page's controller on a real simulator, without clicks: what it loads into the model (Creating images
 * included), and that its actions reach the services and report the services' refusals. The direct task runner
 * runs each call and its callback before the call returns.
 */
class ImagesControllerTest extends ControllerTestSupport {
    private ImagesModel model;
    private ImagesController controller;

    @Override
    protected void opened() {
        super.opened();
        model = new ImagesModel();
        controller = new ImagesController(session, model);
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> work) {
        try {
            return work.call();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private void load() {
        controller.load();
    }

    /** Runs an action; returns its failure, or null when it succeeded. */
    private Throwable act(java.util.function.BiConsumer<Runnable, java.util.function.Consumer<Throwable>> action) {
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        action.accept(() -> outcome.complete(null), outcome::complete);
        assertTrue(outcome.isDone(), "the direct runner answers before the call returns");
        return outcome.join();
    }

    private String stoppedInstance() {
        String id = sim.instances().runInstances(ctx, new RunInstancesRequest("cn-hangzhou-i", "ecs.g7.large",
                OsImage.ALIYUN_3.imageId(), new RunInstancesRequest.SystemDisk("cloud_essd", 20, "PL0", null, null),
                List.of(), 1, "Lab-Passw0rd", "img", null, null)).get(0);
        advance();
        sim.instances().stopInstance(ctx, id, null);
        advance();
        return id;
    }

    @Test
    void loadShowsCreatingImagesWithTheirProgressAndThePublicOnes() {
        String instance = stoppedInstance();
        String imageId = sim.ecs().createImage(ctx, new CreateImageRequest(instance, null, "base", null));
        load();
        List<Image> own = onFx(() -> List.copyOf(model.own()));
        assertEquals(List.of(imageId), own.stream().map(Image::imageId).toList());
        assertEquals("Creating", own.get(0).status(), "DescribeImages alone would hide it: the page asks for all");
        assertFalse(onFx(() -> model.system().isEmpty()));
        assertTrue(onFx(() -> model.shared().isEmpty()));

        sim.clock().fastForward(Duration.ofMinutes(2));
        load();
        assertEquals("Available", onFx(() -> model.own().get(0).status()));
    }

    @Test
    void anEncryptedCopyIsListedWithItsKeyAndTheNoticeNamesIt() {
        sim.ram().authorizeEcsDiskEncryption(ctx);
        String cmk = sim.kms().createKey(ctx, CreateKeyRequest.defaults("images")).keyId();
        sim.kms().createAlias(ctx, "alias/images", cmk);
        String source = sim.ecs().createImage(ctx, new CreateImageRequest(stoppedInstance(), null, "base", null));
        sim.clock().fastForward(Duration.ofMinutes(2));

        assertEquals(null, act((done, failed) -> controller.copyImage(new CopyImageRequest(source, null, "secure",
                null, true, cmk, null), done, failed)));
        load();
        Image copy = onFx(() -> model.own().stream().filter(i -> i.imageName().equals("secure")).findFirst()
                .orElseThrow());
        assertTrue(copy.encrypted());
        assertEquals(cmk, copy.kmsKeyId());
        assertEquals("alias/images", onFx(() -> model.keyName(cmk)));
        assertTrue(onFx(() -> model.noticeProperty().get()).contains(copy.imageId()));
    }

    @Test
    void refusalsComeBackWithTheServicesCodesAndChangeNothing() {
        String source = sim.ecs().createImage(ctx, new CreateImageRequest(stoppedInstance(), null, "base", null));
        sim.clock().fastForward(Duration.ofMinutes(2));
        String peer = sim.accounts().peerAccountId();
        assertEquals(null, act((done, failed) -> controller.share(source, List.of(peer), List.of(), done, failed)));
        assertEquals(List.of(peer), sim.ecs().imageSharedWith(ctx, source));

        Throwable shared = act((done, failed) -> controller.delete(source, false, done, failed));
        assertEquals("ImageUseShared", ((ApiException) shared).code());
        Throwable noSource = act((done, failed) -> controller.createImage(new CreateImageRequest(null, null, "no-source",
                null), done, failed));
        assertEquals("MissingParameter", ((ApiException) noSource).code());
        Throwable badName = act((done, failed) -> controller.copyImage(new CopyImageRequest(source, null, "1bad",
                null, null, null, null), done, failed));
        assertEquals("InvalidImageName.Malformed", ((ApiException) badName).code());

        load();
        assertEquals(List.of(source), onFx(() -> model.own().stream().map(Image::imageId).toList()));
        assertEquals("", onFx(() -> model.noticeProperty().get()), "nothing was started");

        assertEquals(null, act((done, failed) -> controller.share(source, List.of(), List.of(peer), done, failed)));
        assertEquals(null, act((done, failed) -> controller.delete(source, false, done, failed)));
        load();
        assertTrue(onFx(() -> model.own().isEmpty()));
    }
}
