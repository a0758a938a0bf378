package dev.ecskms.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyun.ecs20140526.Client;
import com.aliyun.ecs20140526.models.CreateDiskRequest;
import com.aliyun.ecs20140526.models.DescribeDisksRequest;
import com.aliyun.ecs20140526.models.DescribeDisksResponseBody.DescribeDisksResponseBodyDisksDisk;
import com.aliyun.ecs20140526.models.DescribePriceRequest;
import com.aliyun.ecs20140526.models.DescribePriceResponseBody;
import com.aliyun.tea.TeaException;
import com.aliyuncs.ecs.model.v20140526.DescribePriceResponse;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * ECS DescribePrice with both SDK generations: the response deserialises into each generation's model, the parts add
 * up, the real error codes come back, and an encrypted disk costs what a plain one of the same configuration costs.
 */
class DescribePriceSdkTest extends ApiTestBase {
    static final String ZONE = REGION + "-h";

    @Test
    void anEncryptedAndAPlainDiskCostTheSameWithTheCurrentSdk() throws Exception {
        Client ecs = new Client(currentSdkConfig());
        // the service key encrypts without any authorization
        String encrypted = ecs.createDisk(new CreateDiskRequest().setRegionId(REGION).setZoneId(ZONE)
                .setDiskCategory("cloud_essd").setPerformanceLevel("PL1").setSize(100).setEncrypted(true)).getBody()
                .getDiskId();
        String plain = ecs.createDisk(new CreateDiskRequest().setRegionId(REGION).setZoneId(ZONE)
                .setDiskCategory("cloud_essd").setPerformanceLevel("PL1").setSize(100)).getBody().getDiskId();
        Map<String, DescribeDisksResponseBodyDisksDisk> disks = ecs.describeDisks(new DescribeDisksRequest()
                .setRegionId(REGION).setDiskIds("[\"" + encrypted + "\",\"" + plain + "\"]")).getBody().getDisks()
                .getDisk().stream().collect(Collectors.toMap(d -> d.getDiskId(), d -> d));
        assertTrue(disks.get(encrypted).getEncrypted());
        assertFalse(disks.get(plain).getEncrypted());

        // each disk priced as DescribeDisks describes it: the configuration is all DescribePrice takes
        float encryptedPrice = diskPrice(ecs, disks.get(encrypted)).getPrice().getTradePrice();
        float plainPrice = diskPrice(ecs, disks.get(plain)).getPrice().getTradePrice();
        assertEquals(plainPrice, encryptedPrice, "encryption is free");
        assertEquals(0.0205f, plainPrice, 1e-6f, "100 GiB × $0.15 per GiB-month / 730 h");

        DescribePriceResponseBody.DescribePriceResponseBodyPriceInfo info = diskPrice(ecs, disks.get(plain));
        assertEquals("USD", info.getPrice().getCurrency());
        assertEquals(List.of("dataDisk"), info.getPrice().getDetailInfos().getDetailInfo().stream()
                .map(d -> d.getResource()).toList());
        assertTrue(info.getRules().getRule().isEmpty(), "no rule discounts pay-as-you-go");
    }

    private static DescribePriceResponseBody.DescribePriceResponseBodyPriceInfo diskPrice(Client ecs,
            DescribeDisksResponseBodyDisksDisk disk) throws Exception {
        return ecs.describePrice(new DescribePriceRequest().setRegionId(REGION).setResourceType("disk")
                .setDataDisk(List.of(new DescribePriceRequest.DescribePriceRequestDataDisk()
                        .setCategory(disk.getCategory()).setSize((long) disk.getSize())
                        .setPerformanceLevel(disk.getPerformanceLevel())))).getBody().getPriceInfo();
    }

    @Test
    void aYearOfAnInstanceWithItsDisksWithTheCurrentSdk() throws Exception {
        Client ecs = new Client(currentSdkConfig());
        DescribePriceResponseBody.DescribePriceResponseBodyPriceInfo info = ecs.describePrice(new DescribePriceRequest()
                .setRegionId(REGION).setResourceType("instance").setInstanceType("ecs.g7.large")
                .setSystemDisk(new DescribePriceRequest.DescribePriceRequestSystemDisk().setCategory("cloud_essd")
                        .setSize(40).setPerformanceLevel("PL0"))
                .setDataDisk(List.of(new DescribePriceRequest.DescribePriceRequestDataDisk()
                        .setCategory("cloud_essd").setSize(100L).setPerformanceLevel("PL1")))
                .setPriceUnit("Year").setPeriod(1).setAmount(2)).getBody().getPriceInfo();
        var price = info.getPrice();
        Map<String, Float> parts = price.getDetailInfos().getDetailInfo().stream().collect(Collectors.toMap(
                d -> d.getResource(), d -> d.getOriginalPrice()));
        assertEquals(Map.of("instanceType", 0.118f * 8760 * 2, "systemDisk", 40 * 0.08f * 12 * 2,
                "dataDisk", 100 * 0.15f * 12 * 2).keySet(), parts.keySet());
        assertEquals(0.118 * 8760 * 2, parts.get("instanceType"), 0.01);
        assertEquals(40 * 0.08 * 12 * 2, parts.get("systemDisk"), 0.01);
        assertEquals(100 * 0.15 * 12 * 2, parts.get("dataDisk"), 0.01);
        assertEquals(price.getOriginalPrice() * 0.85, price.getTradePrice(), 0.01, "a year is 15% off");
        assertEquals(1, info.getRules().getRule().size());
        assertEquals(1001L, info.getRules().getRule().get(0).getRuleId());
    }

    @Test
    void theCurrentSdkGetsTheRealCodes() throws Exception {
        Client ecs = new Client(currentSdkConfig());
        assertTeaError("InvalidInstanceType.ValueNotSupported", () -> ecs.describePrice(new DescribePriceRequest()
                .setRegionId(REGION).setInstanceType("ecs.nosuch.large")));
        assertTeaError("MissingParameter", () -> ecs.describePrice(new DescribePriceRequest().setRegionId(REGION)));
        assertTeaError("InvalidPriceUnit.ValueNotSupported", () -> ecs.describePrice(new DescribePriceRequest()
                .setRegionId(REGION).setResourceType("disk").setPriceUnit("Month")
                .setDataDisk(List.of(new DescribePriceRequest.DescribePriceRequestDataDisk().setCategory("cloud_essd")
                        .setSize(40L)))));
        assertTeaError("InvalidDataDiskCategory.ValueNotSupported", () -> ecs.describePrice(new DescribePriceRequest()
                .setRegionId(REGION).setResourceType("disk")
                .setDataDisk(List.of(new DescribePriceRequest.DescribePriceRequestDataDisk().setCategory("cloud_floppy")
                        .setSize(40L)))));
        assertTeaError("InvalidSystemDiskCategory.ValueNotSupported", () -> ecs.describePrice(new DescribePriceRequest()
                .setRegionId(REGION).setInstanceType("ecs.g7.large")
                .setSystemDisk(new DescribePriceRequest.DescribePriceRequestSystemDisk().setCategory("cloud_floppy"))));
    }

    private static void assertTeaError(String code, org.junit.jupiter.api.function.Executable call) {
        TeaException e = assertThrows(TeaException.class, call);
        assertEquals(code, e.getCode(), e::getMessage);
    }

    @Test
    void anEncryptedAndAPlainDiskCostTheSameWithTheOlderSdk() throws Exception {
        List<String> ids = new java.util.ArrayList<>();
        for (Boolean encrypted : new Boolean[] {true, null}) {
            com.aliyuncs.ecs.model.v20140526.CreateDiskRequest create =
                    new com.aliyuncs.ecs.model.v20140526.CreateDiskRequest();
            create.setZoneId(ZONE);
            create.setDiskCategory("cloud_essd");
            create.setPerformanceLevel("PL0");
            create.setSize(60);
            create.setEncrypted(encrypted);
            ids.add(call(create).getDiskId());
        }
        com.aliyuncs.ecs.model.v20140526.DescribeDisksRequest describe =
                new com.aliyuncs.ecs.model.v20140526.DescribeDisksRequest();
        describe.setDiskIds("[\"" + ids.get(0) + "\",\"" + ids.get(1) + "\"]");
        Map<Boolean, Float> priceByEncryption = new java.util.HashMap<>();
        for (var disk : call(describe).getDisks()) {
            com.aliyuncs.ecs.model.v20140526.DescribePriceRequest price =
                    new com.aliyuncs.ecs.model.v20140526.DescribePriceRequest();
            price.setResourceType("disk");
            price.setDataDisk1Category(disk.getCategory());
            price.setDataDisk1Size(disk.getSize());
            price.setDataDisk1PerformanceLevel(disk.getPerformanceLevel());
            priceByEncryption.put(disk.getEncrypted(), call(price).getPriceInfo().getPrice().getTradePrice());
        }
        assertEquals(2, priceByEncryption.size(), "one encrypted, one plain: " + priceByEncryption);
        assertEquals(priceByEncryption.get(false), priceByEncryption.get(true), "encryption is free");
        assertEquals(60 * 0.08f / 730, priceByEncryption.get(true), 1e-4f);
    }

    @Test
    void theOlderSdkReadsTheSameAnswer() throws Exception {
        com.aliyuncs.ecs.model.v20140526.DescribePriceRequest disk = oldDiskRequest();
        DescribePriceResponse.PriceInfo plain = call(disk).getPriceInfo();
        assertEquals(0.0205f, plain.getPrice().getTradePrice(), 1e-6f);
        assertEquals("dataDisk", plain.getPrice().getDetailInfos().get(0).getResource());

        com.aliyuncs.ecs.model.v20140526.DescribePriceRequest instance =
                new com.aliyuncs.ecs.model.v20140526.DescribePriceRequest();
        instance.setInstanceType("ecs.g7.large");
        instance.setSystemDiskCategory("cloud_essd");
        instance.setSystemDiskSize(40);
        instance.setSystemDiskPerformanceLevel("PL0");
        instance.setDataDisk1Category("cloud_essd");
        instance.setDataDisk1Size(100);
        instance.setDataDisk1PerformanceLevel("PL1");
        instance.setPriceUnit("Month");
        instance.setPeriod(3);
        DescribePriceResponse.PriceInfo info = call(instance).getPriceInfo();
        assertEquals((0.118 * 730 + 40 * 0.08 + 100 * 0.15) * 3, info.getPrice().getTradePrice(), 0.01);
        assertEquals(List.of("instanceType", "systemDisk", "dataDisk"), info.getPrice().getDetailInfos().stream()
                .map(DescribePriceResponse.PriceInfo.Price.ResourcePriceModel::getResource).toList());
        assertTrue(info.getRules().isEmpty());

        com.aliyuncs.ecs.model.v20140526.DescribePriceRequest wrong =
                new com.aliyuncs.ecs.model.v20140526.DescribePriceRequest();
        wrong.setInstanceType("ecs.nosuch.large");
        assertSdkError("InvalidInstanceType.ValueNotSupported", () -> call(wrong));
        com.aliyuncs.ecs.model.v20140526.DescribePriceRequest period = oldDiskRequest();
        period.setResourceType("instance");
        period.setInstanceType("ecs.g7.large");
        period.setPriceUnit("Hour");
        period.setPeriod(2);
        assertSdkError("InvalidPeriod", () -> call(period));
    }

    private static com.aliyuncs.ecs.model.v20140526.DescribePriceRequest oldDiskRequest() {
        com.aliyuncs.ecs.model.v20140526.DescribePriceRequest r =
                new com.aliyuncs.ecs.model.v20140526.DescribePriceRequest();
        r.setResourceType("disk");
        r.setDataDisk1Category("cloud_essd");
        r.setDataDisk1Size(100);
        r.setDataDisk1PerformanceLevel("PL1");
        return r;
    }
}
