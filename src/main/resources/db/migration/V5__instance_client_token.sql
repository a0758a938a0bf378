-- RunInstances is idempotent per ClientToken: a repeated request returns the instances of the first one.
alter table ecs_instances add column client_token varchar(64);
