-- Events leave through this table: written in the business transaction, published by the relay after commit.
create table outbox_event (
    sequence     bigserial primary key,
    event_id     uuid        not null unique,
    topic        text        not null,
    message_key  text        not null,
    event_type   text        not null,
    payload      text        not null,
    occurred_at  timestamptz not null,
    published_at timestamptz
);
create index outbox_event_unpublished on outbox_event (sequence) where published_at is null;

-- Events already handled, recorded in the same transaction as their effect so that a redelivery is a no-op.
create table processed_event (
    consumer     text        not null,
    event_id     uuid        not null,
    event_type   text        not null,
    processed_at timestamptz not null,
    primary key (consumer, event_id)
);
