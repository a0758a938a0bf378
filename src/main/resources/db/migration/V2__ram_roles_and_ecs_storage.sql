-- RAM roles (the ECS disk-encryption service role among them) and the policies attached to them.
create table ram_roles (
    account_id          varchar(16) not null references accounts (account_id),
    role_name           varchar(64) not null,
    role_id             varchar(32) not null,
    assume_role_policy  varchar(4096) not null,
    description         varchar(1024) not null,
    created_ms          bigint not null,
    primary key (account_id, role_name)
);

create table ram_role_policies (
    account_id  varchar(16) not null,
    role_name   varchar(64) not null,
    policy_type varchar(16) not null,
    policy_name varchar(128) not null,
    attached_ms bigint not null,
    primary key (account_id, role_name, policy_type, policy_name),
    foreign key (account_id, role_name) references ram_roles (account_id, role_name) on delete cascade
);

create table ecs_disks (
    disk_id              varchar(32) primary key,
    account_id           varchar(16) not null references accounts (account_id),
    region_id            varchar(32) not null,
    zone_id              varchar(32) not null,
    disk_name            varchar(128) not null,
    description          varchar(256) not null,
    category             varchar(32) not null,
    performance_level    varchar(8),
    size_gib             int not null,
    disk_type            varchar(8) not null,
    status               varchar(16) not null,
    encrypted            boolean not null,
    kms_key_id           varchar(64),
    source_snapshot_id   varchar(32),
    instance_id          varchar(32),
    delete_with_instance boolean not null,
    creation_ms          bigint not null,
    ready_ms             bigint not null,
    client_token         varchar(64)
);
create index ecs_disks_scope on ecs_disks (account_id, region_id);
create unique index ecs_disks_token on ecs_disks (account_id, client_token);

create table ecs_snapshots (
    snapshot_id      varchar(32) primary key,
    account_id       varchar(16) not null references accounts (account_id),
    region_id        varchar(32) not null,
    source_disk_id   varchar(32) not null,
    source_disk_size int not null,
    source_disk_type varchar(8) not null,
    source_category  varchar(32) not null,
    snapshot_name    varchar(128) not null,
    description      varchar(256) not null,
    encrypted        boolean not null,
    kms_key_id       varchar(64),
    creation_ms      bigint not null,
    ready_ms         bigint not null
);
create index ecs_snapshots_scope on ecs_snapshots (account_id, region_id);

-- Accounts an owner has shared a snapshot with.
create table ecs_snapshot_shares (
    snapshot_id       varchar(32) not null references ecs_snapshots (snapshot_id) on delete cascade,
    target_account_id varchar(16) not null references accounts (account_id),
    primary key (snapshot_id, target_account_id)
);

-- Account-level default encryption per region; kms_key_id null means the region's service key.
create table ecs_default_encryption (
    account_id varchar(16) not null references accounts (account_id),
    region_id  varchar(32) not null,
    enabled    boolean not null,
    kms_key_id varchar(64),
    primary key (account_id, region_id)
);
