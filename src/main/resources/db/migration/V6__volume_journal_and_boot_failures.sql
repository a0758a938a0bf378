-- Volume files follow the database: the intent to create or delete a disk's or snapshot's volume is recorded
-- before the files are touched, and the sweep at start-up finishes what a crash interrupted (LocalEcsService).
create table ecs_volume_journal (
    volume_id   varchar(32) primary key,   -- d-... (volumes/) or s-... (snapshots/)
    action      varchar(8) not null,       -- create | delete
    recorded_ms bigint not null
);

-- Why the instance's last start could not read one of its disks (null once a start reads them all):
-- the code and message of the failure, e.g. KMS Rejected.Disabled, and when (simulated epoch ms).
alter table ecs_instances add column boot_failure_code varchar(64);
alter table ecs_instances add column boot_failure_message varchar(1024);
alter table ecs_instances add column boot_failure_ms bigint;
