create table received_stake (event_id uuid primary key, provider text not null, amount numeric(78, 0) not null);
