package dev.ecskms.sim.oos;

import dev.ecskms.sim.common.ApiException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The public templates the simulator runs. Their names, parameters, tasks and outputs follow Alibaba Cloud's public
 * OOS templates as published in github.com/aliyun/oos-templates (PublicTemplates/YAML/ACS-ECS-BulkyEncryptSystemDisk.yml
 * and CloudProductActions/ECS/YAML/ACS::ECS::EncryptSystemDisk.yml, looked up 2026-11-30); the content below is the
 * simulator's own shorter write-up of them, not a copy.
 */
public final class Templates {
    public static final String BULKY_ENCRYPT_SYSTEM_DISK = "ACS-ECS-BulkyEncryptSystemDisk";
    /** The action each loop item runs: a child execution per instance. */
    public static final String ENCRYPT_SYSTEM_DISK = "ACS::ECS::EncryptSystemDisk";
    static final String VERSION = "v1";
    private static final Instant PUBLISHED = Instant.parse("2024-09-23T06:35:27Z");

    static final String BULKY_CONTENT = """
            FormatVersion: OOS-2019-06-01
            Description:
              en: Encrypts the system disks of ECS instances with a KMS key
              name-en: ACS-ECS-BulkyEncryptSystemDisk
              categories:
                - security
            Parameters:
              regionId:
                Type: String
                Default: '{{ ACS::RegionId }}'
              targets:
                Type: Json
                Description: 'The instances: {"Type": "ResourceIds", "ResourceIds": ["i-..."]}'
                AssociationProperty: Targets
                AssociationPropertyMetadata:
                  ResourceType: ALIYUN::ECS::Instance
                  RegionId: regionId
              KMSKeyId:
                Type: String
                Description: The KMS key that encrypts the copied image, and so the new system disk
              rateControl:
                Type: Json
                AssociationProperty: RateControl
                Default:
                  Mode: Concurrency
                  MaxErrors: 0
                  Concurrency: 10
              OOSAssumeRole:
                Type: String
                Default: ''
            RamRole: '{{ OOSAssumeRole }}'
            Tasks:
              - Name: getInstance
                Action: ACS::SelectTargets
                Properties:
                  ResourceType: ALIYUN::ECS::Instance
                  RegionId: '{{ regionId }}'
                  Filters:
                    - '{{ targets }}'
                Outputs:
                  instanceIds:
                    Type: List
                    ValueSelector: Instances.Instance[].InstanceId
              - Name: encryptSystemDisk
                Action: ACS::ECS::EncryptSystemDisk
                Properties:
                  regionId: '{{ regionId }}'
                  instanceId: '{{ ACS::TaskLoopItem }}'
                  KMSKeyId: '{{ KMSKeyId }}'
                Outputs:
                  systemDiskEncryptedInstance:
                    Type: String
                    ValueSelector: .systemDiskEncryptedInstance
                Loop:
                  RateControl: '{{ rateControl }}'
                  Items: '{{ getInstance.instanceIds }}'
                  Outputs:
                    systemDiskEncryptedInstances:
                      AggregateType: Fn::ListJoin
                      AggregateField: systemDiskEncryptedInstance
            Outputs:
              systemDiskEncryptedInstances:
                Type: Json
                Value: '{{ encryptSystemDisk.systemDiskEncryptedInstances }}'
            """;

    static final String ENCRYPT_CONTENT = """
            FormatVersion: OOS-2019-06-01
            Description:
              en: Encrypts the system disk of one ECS instance through an encrypted copy of its image
              name-en: ACS::ECS::EncryptSystemDisk
            Parameters:
              regionId:
                Type: String
                Default: '{{ ACS::RegionId }}'
              instanceId:
                Type: String
              KMSKeyId:
                Type: String
            Tasks:
              - Name: waitInstanceReady        # ACS::WaitFor DescribeInstances: Running or Stopped
                Action: ACS::WaitFor
              - Name: describeDisk             # DescribeDisks InstanceId, DiskType=system
                Action: ACS::ExecuteAPI
              - Name: whetherToEncrypt         # already encrypted: ACS::END
                Action: ACS::Choice
              - Name: createSnapshot           # CreateSnapshot 'Snapshot-{{ ACS::ExecutionId }}', until accomplished
                Action: ACS::ECS::CreateSnapshot
              - Name: createImage              # CreateImage from the snapshot, 'CreateImage-{{ ACS::ExecutionId }}'
                Action: ACS::ExecuteAPI
              - Name: untilImageReady          # DescribeImages until Available
                Action: ACS::WaitFor
              - Name: copyImage                # CopyImage to the same region, Encrypted=true, KMSKeyId
                Action: ACS::ExecuteAPI
              - Name: untilCopyImageReady      # DescribeImages until Available
                Action: ACS::WaitFor
              - Name: replaceSystemDisk        # stop, ReplaceSystemDisk with the copy (PasswordInherit=false), start
                Action: ACS::ECS::ReplaceSystemDisk
                OnError: ACS::NEXT
              - Name: deleteImage              # DeleteImage Force=true, both images
                Action: ACS::ExecuteAPI
              - Name: deleteSnapshot           # DeleteSnapshot
                Action: ACS::ExecuteAPI
            Outputs:
              systemDiskEncryptedInstance:
                Type: List
                Value: the instance id when describeDisk found its system disk encrypted already, else null
            """;

    private static final List<Template> ALL = List.of(
            template(BULKY_ENCRYPT_SYSTEM_DISK, "Encrypts the system disks of ECS instances with a KMS key",
                    "Automation", BULKY_CONTENT),
            template(ENCRYPT_SYSTEM_DISK, "Encrypts the system disk of one ECS instance", "Action",
                    ENCRYPT_CONTENT));

    private Templates() {
    }

    private static Template template(String name, String description, String type, String content) {
        return new Template("t-" + sha256(name).substring(0, 14), name, VERSION, description, "security", "Public",
                "YAML", type, "ACS", PUBLISHED, sha256(content), content);
    }

    /** The templates ListTemplates shows (the public automation templates; actions only by name). */
    static List<Template> listed() {
        return ALL.stream().filter(t -> t.templateType().equals("Automation")).toList();
    }

    static Optional<Template> find(String name) {
        return ALL.stream().filter(t -> t.templateName().equals(name)).findFirst();
    }

    static Template require(String name, String version) {
        String wanted = ApiException.required("TemplateName", name);
        Template t = find(wanted.strip()).orElseThrow(() -> OosErrors.templateNotFound(wanted));
        if (version != null && !version.isBlank() && !version.strip().equals(t.templateVersion())) {
            throw new ApiException("EntityNotExists.TemplateVersion", 404, "Template " + t.templateName()
                    + " has no version " + version.strip() + "; its only version is " + t.templateVersion()
                    + ". Leave TemplateVersion out to use the latest.");
        }
        return t;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
