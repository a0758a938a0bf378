-- DescribeDisks pages through a region's disks newest first: the index gives that order without sorting them all.
create index ecs_disks_listing on ecs_disks (account_id, region_id, creation_ms desc, disk_id);
