-- The KMS key version that wrapped each encrypted volume's data key (from the volume header, kept for listings).
alter table ecs_disks add column kms_key_version_id varchar(64);
alter table ecs_snapshots add column kms_key_version_id varchar(64);
