-- Key material is shredded (its hsm/keys/<id>.kek destroyed) only where this table recorded it, in the same
-- transaction that deleted the key or its material; a row lives until the shred is done, so a crash in between is
-- finished at the next start. Nothing else may destroy a key-encryption key.
create table kms_shred_queue (
    key_id      varchar(64) primary key,
    recorded_ms bigint not null
);
