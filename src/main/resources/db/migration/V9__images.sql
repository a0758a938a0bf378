-- Which public image's operating system a volume holds: the guest boots it. An instance keeps it even when it was
-- started from a custom image (image_id) that is deleted later; a system disk and its snapshots carry it on.
alter table ecs_instances add column os_image_id varchar(128);
update ecs_instances set os_image_id = image_id;
alter table ecs_instances alter column os_image_id set not null;
alter table ecs_disks add column os_image_id varchar(128);
update ecs_disks d set os_image_id = (select i.image_id from ecs_instances i where i.instance_id = d.instance_id)
    where d.disk_type = 'system';
alter table ecs_snapshots add column os_image_id varchar(128);
update ecs_snapshots s set os_image_id = (select d.os_image_id from ecs_disks d where d.disk_id = s.source_disk_id)
    where s.source_disk_type = 'system';

-- Custom images: each is backed by a snapshot of a system disk (its volume file holds the guest's file system).
-- Status and progress are computed from creation_ms and ready_ms on the simulated clock, as for snapshots.
create table ecs_images (
    image_id           varchar(32) primary key,
    account_id         varchar(16) not null references accounts (account_id),
    region_id          varchar(32) not null,
    image_name         varchar(128) not null,
    description        varchar(256) not null,
    os_image_id        varchar(128) not null,
    snapshot_id        varchar(32) not null references ecs_snapshots (snapshot_id),
    size_gib           int not null,
    encrypted          boolean not null,
    kms_key_id         varchar(64),
    source_instance_id varchar(32),
    -- a copy names the image and region it was copied from
    source_image_id    varchar(32),
    source_region_id   varchar(32),
    creation_ms        bigint not null,
    ready_ms           bigint not null
);
create index ecs_images_scope on ecs_images (account_id, region_id);

-- Accounts an owner has shared an image with.
create table ecs_image_shares (
    image_id          varchar(32) not null references ecs_images (image_id) on delete cascade,
    target_account_id varchar(16) not null references accounts (account_id),
    shared_ms         bigint not null,
    primary key (image_id, target_account_id)
);
