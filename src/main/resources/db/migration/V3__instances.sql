create table ecs_instances (
    instance_id   varchar(32) primary key,
    account_id    varchar(16) not null references accounts (account_id),
    region_id     varchar(32) not null,
    zone_id       varchar(32) not null,
    instance_name varchar(128) not null,
    host_name     varchar(64) not null,
    instance_type varchar(64) not null,
    image_id      varchar(128) not null,
    status        varchar(16) not null,
    -- the state the current transition leads to, and when (simulated epoch ms) the next step is due
    target_status varchar(16),
    due_ms        bigint,
    private_ip    varchar(16) not null,
    creation_ms   bigint not null
);
create index ecs_instances_scope on ecs_instances (account_id, region_id);

create table ecs_invocations (
    invoke_id       varchar(32) not null,
    instance_id     varchar(32) not null,
    account_id      varchar(16) not null,
    region_id       varchar(32) not null,
    command_id      varchar(32) not null,
    command_content varchar(16384) not null,
    status          varchar(16) not null,
    exit_code       int,
    output          varchar(65536),
    error_info      varchar(1024),
    creation_ms     bigint not null,
    finished_ms     bigint,
    primary key (invoke_id, instance_id)
);
