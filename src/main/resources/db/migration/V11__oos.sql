-- OOS 2019-06-01 executions (CloudOps Orchestration Service). A run of ACS-ECS-BulkyEncryptSystemDisk is a parent
-- execution; each instance of its loop is a child execution (ACS::ECS::EncryptSystemDisk, parent_execution_id set)
-- with one task execution per step. Everything the engine needs to go on lives here, so an execution running when
-- the simulator stopped resumes after a restart. Times are simulated-clock milliseconds.
create table oos_executions (
    execution_id        varchar(64)   primary key,
    account_id          varchar(16)   not null references accounts (account_id),
    region_id           varchar(32)   not null,
    executed_by         varchar(256)  not null, -- the principal that started it; its steps call ECS as this identity
    ram_role            varchar(128)  not null, -- OOSAssumeRole ('' = the caller's own identity)
    template_name       varchar(200)  not null,
    template_version    varchar(16)   not null,
    parent_execution_id varchar(64),
    loop_item           varchar(64),            -- a child's item (the instance id)
    mode                varchar(16)   not null,
    description         varchar(256)  not null,
    client_token        varchar(64),
    status              varchar(16)   not null, -- Started | Queued | Running | Success | Failed | Cancelled
    status_message      varchar(2048) not null,
    parameters          clob          not null, -- JSON object
    outputs             clob          not null, -- JSON object
    state               clob          not null, -- JSON: what earlier steps produced that later ones use
    create_ms           bigint        not null,
    start_ms            bigint,
    end_ms              bigint,
    update_ms           bigint        not null
);
create index oos_executions_scope on oos_executions (account_id, region_id, create_ms);
create index oos_executions_parent on oos_executions (parent_execution_id);
create index oos_executions_status on oos_executions (status);
create unique index oos_executions_client_token on oos_executions (account_id, client_token);

create table oos_task_executions (
    task_execution_id        varchar(64)   primary key,
    execution_id             varchar(64)   not null references oos_executions (execution_id) on delete cascade,
    seq                      int           not null, -- order within its execution
    task_name                varchar(64)   not null,
    task_action              varchar(64)   not null,
    status                   varchar(16)   not null, -- Queued | Running | Success | Failed | Cancelled
    status_message           varchar(2048) not null,
    phase                    varchar(32),            -- where a multi-call step (stop, replace, start) stands
    properties               clob          not null, -- JSON object
    outputs                  clob          not null, -- JSON object
    loop_item                varchar(64),
    child_execution_id       varchar(64),
    parent_task_execution_id varchar(64),
    create_ms                bigint        not null,
    start_ms                 bigint,
    end_ms                   bigint,
    update_ms                bigint        not null
);
create index oos_task_executions_execution on oos_task_executions (execution_id, seq);
create index oos_task_executions_status on oos_task_executions (status);
