-- RAM users, groups, custom policies with their versions, and the attachments of policies to users and groups (the
-- attachments to roles are ram_role_policies, V2). A user's AccessKeys are rows of access_keys (V1) with its
-- user_name. System policies are not stored: they are the same in every account. Names are the keys, as in the API;
-- a rename (UpdateUser, UpdateGroup) follows into the membership and attachment rows by ON UPDATE CASCADE.
-- Times are epoch milliseconds of the simulated clock.
create table ram_users (
    account_id    varchar(16)  not null references accounts (account_id),
    user_name     varchar(64)  not null,
    user_id       varchar(32)  not null,
    display_name  varchar(128) not null,
    comments      varchar(128) not null,
    created_ms    bigint       not null,
    updated_ms    bigint       not null,
    last_login_ms bigint,
    primary key (account_id, user_name)
);

create table ram_groups (
    account_id varchar(16)  not null references accounts (account_id),
    group_name varchar(64)  not null,
    group_id   varchar(32)  not null,
    comments   varchar(128) not null,
    created_ms bigint       not null,
    updated_ms bigint       not null,
    primary key (account_id, group_name)
);

create table ram_group_members (
    account_id varchar(16) not null,
    group_name varchar(64) not null,
    user_name  varchar(64) not null,
    joined_ms  bigint      not null,
    primary key (account_id, group_name, user_name),
    foreign key (account_id, group_name) references ram_groups (account_id, group_name) on update cascade,
    foreign key (account_id, user_name) references ram_users (account_id, user_name) on update cascade
);
create index ram_group_members_user on ram_group_members (account_id, user_name);

-- Custom policies; default_version names one of its versions. Version ids count up (v1, v2 …) and are not reused.
create table ram_policies (
    account_id      varchar(16)   not null references accounts (account_id),
    policy_name     varchar(128)  not null,
    description     varchar(1024) not null,
    default_version varchar(16)   not null,
    next_version    int           not null,
    created_ms      bigint        not null,
    updated_ms      bigint        not null,
    primary key (account_id, policy_name)
);

create table ram_policy_versions (
    account_id  varchar(16)  not null,
    policy_name varchar(128) not null,
    version_id  varchar(16)  not null,
    document    clob         not null,
    created_ms  bigint       not null,
    primary key (account_id, policy_name, version_id),
    foreign key (account_id, policy_name) references ram_policies (account_id, policy_name) on delete cascade
);

create table ram_user_policies (
    account_id  varchar(16)  not null,
    user_name   varchar(64)  not null,
    policy_type varchar(16)  not null,
    policy_name varchar(128) not null,
    attached_ms bigint       not null,
    primary key (account_id, user_name, policy_type, policy_name),
    foreign key (account_id, user_name) references ram_users (account_id, user_name) on update cascade
);
create index ram_user_policies_policy on ram_user_policies (account_id, policy_type, policy_name);

create table ram_group_policies (
    account_id  varchar(16)  not null,
    group_name  varchar(64)  not null,
    policy_type varchar(16)  not null,
    policy_name varchar(128) not null,
    attached_ms bigint       not null,
    primary key (account_id, group_name, policy_type, policy_name),
    foreign key (account_id, group_name) references ram_groups (account_id, group_name) on update cascade
);
create index ram_group_policies_policy on ram_group_policies (account_id, policy_type, policy_name);
