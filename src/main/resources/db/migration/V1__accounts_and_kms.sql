-- Times are epoch milliseconds of the simulated clock.
create table settings (
    name varchar(100) primary key,
    val  varchar(4000) not null
);

create table accounts (
    account_id   varchar(16) primary key,
    display_name varchar(100) not null,
    created_ms   bigint not null
);

-- AccessKey secrets are needed to verify signatures, so they are kept, but wrapped by the HSM root key.
create table access_keys (
    access_key_id  varchar(64) primary key,
    account_id     varchar(16) not null references accounts (account_id),
    user_name      varchar(64),
    wrapped_secret varbinary(512) not null,
    status         varchar(16) not null,
    created_ms     bigint not null
);

create table kms_keys (
    key_id              varchar(64) primary key,
    account_id          varchar(16) not null references accounts (account_id),
    region_id           varchar(32) not null,
    key_state           varchar(32) not null,
    key_spec            varchar(32) not null,
    key_usage           varchar(32) not null,
    origin              varchar(32) not null,
    protection_level    varchar(16) not null,
    description         varchar(8192) not null,
    creator             varchar(64) not null,
    creation_ms         bigint not null,
    delete_ms           bigint,
    primary_version_id  varchar(64),
    rotation_enabled    boolean not null,
    rotation_interval_s bigint,
    last_rotation_ms    bigint,
    next_rotation_ms    bigint,
    material_expire_ms  bigint,
    managed_by          varchar(32)
);
create index kms_keys_scope on kms_keys (account_id, region_id);

-- Key material is stored only wrapped by the HSM root key; null once destroyed or before import.
create table kms_key_versions (
    key_version_id   varchar(64) primary key,
    key_id           varchar(64) not null references kms_keys (key_id) on delete cascade,
    creation_ms      bigint not null,
    wrapped_material varbinary(1024)
);

create table kms_aliases (
    account_id varchar(16) not null,
    region_id  varchar(32) not null,
    alias_name varchar(255) not null,
    key_id     varchar(64) not null references kms_keys (key_id) on delete cascade,
    primary key (account_id, region_id, alias_name)
);

create table kms_tags (
    key_id    varchar(64) not null references kms_keys (key_id) on delete cascade,
    tag_key   varchar(128) not null,
    tag_value varchar(256) not null,
    primary key (key_id, tag_key)
);

create table kms_import_tokens (
    token               varchar(64) primary key,
    key_id              varchar(64) not null references kms_keys (key_id) on delete cascade,
    wrapping_algorithm  varchar(32) not null,
    wrapping_key_spec   varchar(16) not null,
    wrapped_private_key varbinary(4096) not null,
    expire_ms           bigint not null
);
