-- The billing ledger: one row per span of simulated time during which a resource was billed pay-as-you-go. A disk
-- bills while it exists (a resize closes its span and opens one at the new size); an instance bills from the moment
-- it is Running until it is Stopped or released (a reboot does not interrupt it). The services write a row in the
-- same transaction as the change that starts or ends the span; prices come from the catalog (Pricing) when read.
-- Times are simulated-clock milliseconds.
create table billing_usage (
    usage_id          bigint auto_increment primary key,
    account_id        varchar(16) not null,
    region_id         varchar(32) not null,
    resource_id       varchar(32) not null,
    resource_type     varchar(16) not null, -- instance | disk
    spec              varchar(64) not null, -- the instance type, or the disk category
    performance_level varchar(8),
    size_gib          int,                  -- disks
    disk_type         varchar(8),           -- disks: system | data
    encrypted         boolean     not null, -- disks; shown next to the cost, which it does not change
    start_ms          bigint      not null,
    end_ms            bigint                -- null while the span is open
);
create index billing_usage_scope on billing_usage (account_id, region_id, start_ms);
create index billing_usage_open on billing_usage (resource_id, end_ms);

-- What exists already: disks from their creation; running instances from their creation too, the closest the
-- store knows (their last start was not recorded before this ledger).
insert into billing_usage (account_id, region_id, resource_id, resource_type, spec, performance_level, size_gib,
        disk_type, encrypted, start_ms)
    select account_id, region_id, disk_id, 'disk', category, performance_level, size_gib, disk_type, encrypted,
        creation_ms from ecs_disks;
insert into billing_usage (account_id, region_id, resource_id, resource_type, spec, encrypted, start_ms)
    select account_id, region_id, instance_id, 'instance', instance_type, false, creation_ms from ecs_instances
    where status in ('Running', 'Stopping');
