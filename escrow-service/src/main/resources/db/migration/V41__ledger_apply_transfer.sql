-- One transfer in one statement: ledger_apply_transfer does server-side, in one round trip, what Ledger.apply used to
-- do in twelve (LedgerStore.applyOnce documents the semantics; JdbcLedgerStore calls this function).
--  1. an idempotency key already recorded                 -> RECORDED (the caller compares the movement)
--  2. a debited account (not VAULT_MIRROR or RECEIVABLE) would go below 0 -> OVERDRAWN with that account's balance, before writing
--  3. open missing accounts, lock every account of the transfer FOR UPDATE in (owner, purpose) order (one order for
--     every transfer: no deadlocks), look for the key again (a concurrent transfer with the same key held the locks
--     until it committed), check the balances again under the locks
--  4. insert the transfer, change the balances, insert the postings -> APPLIED with each account's balance after.
-- The postings arrive as parallel arrays (amounts as decimal text: numeric(78,0) does not fit any JDBC integer).
-- Only VAULT_MIRROR and RECEIVABLE may go negative, as the account_never_overdrawn check says (AccountPurpose.mayGoNegative).
create function ledger_apply_transfer(
    p_transfer_id uuid, p_idempotency_key varchar, p_kind varchar, p_job_id uuid, p_lease_id uuid,
    p_recorded_at timestamptz, p_owners text[], p_purposes text[], p_directions text[], p_amounts text[])
returns table (out_outcome text, out_transfer_id uuid, out_owner varchar, out_purpose varchar, out_balance numeric)
language plpgsql as $$
declare
    v_recorded uuid;
    v_owners   text[];
    v_purposes text[];
    v_changes  numeric[];
    v_balances numeric[];
    v_short    record;
begin
    select t.id into v_recorded from transfer t where t.idempotency_key = p_idempotency_key;
    if found then
        return query select 'RECORDED'::text, v_recorded, null::varchar, null::varchar, null::numeric;
        return;
    end if;

    select array_agg(c.owner order by c.owner, c.purpose), array_agg(c.purpose order by c.owner, c.purpose),
           array_agg(c.change order by c.owner, c.purpose)
    into v_owners, v_purposes, v_changes
    from (select p.owner, p.purpose,
                 sum(case p.direction when 'CREDIT' then p.amount::numeric else -p.amount::numeric end) as change
          from unnest(p_owners, p_purposes, p_directions, p_amounts) as p(owner, purpose, direction, amount)
          group by p.owner, p.purpose) c;

    -- Refuse what plainly cannot apply before opening any account; the decisive check comes under the locks.
    select c.owner, c.purpose, coalesce(a.balance, 0) as balance into v_short
    from unnest(v_owners, v_purposes, v_changes) as c(owner, purpose, change)
    left join account a on a.owner = c.owner and a.purpose = c.purpose
    where c.change < 0 and c.purpose not in ('VAULT_MIRROR', 'RECEIVABLE') and coalesce(a.balance, 0) + c.change < 0
    order by c.owner, c.purpose
    limit 1;
    if found then
        return query select 'OVERDRAWN'::text, null::uuid, v_short.owner::varchar, v_short.purpose::varchar,
                            v_short.balance;
        return;
    end if;

    insert into account (owner, purpose)
    select c.owner, c.purpose
    from unnest(v_owners, v_purposes) as c(owner, purpose)
    where not exists (select 1 from account a where a.owner = c.owner and a.purpose = c.purpose)
    order by c.owner, c.purpose
    on conflict on constraint account_owner_purpose_unique do nothing;

    select array_agg(l.balance order by l.owner, l.purpose) into v_balances
    from (select a.owner, a.purpose, a.balance
          from account a
          join unnest(v_owners, v_purposes) as c(owner, purpose) on a.owner = c.owner and a.purpose = c.purpose
          order by a.owner, a.purpose
          for update of a) l;

    select t.id into v_recorded from transfer t where t.idempotency_key = p_idempotency_key;
    if found then
        return query select 'RECORDED'::text, v_recorded, null::varchar, null::varchar, null::numeric;
        return;
    end if;

    for i in 1 .. array_length(v_owners, 1) loop
        if v_changes[i] < 0 and v_purposes[i] not in ('VAULT_MIRROR', 'RECEIVABLE') and v_balances[i] + v_changes[i] < 0 then
            return query select 'OVERDRAWN'::text, null::uuid, v_owners[i]::varchar, v_purposes[i]::varchar,
                                v_balances[i];
            return;
        end if;
    end loop;

    insert into transfer (id, idempotency_key, kind, job_id, lease_id, recorded_at)
    values (p_transfer_id, p_idempotency_key, p_kind, p_job_id, p_lease_id, p_recorded_at);

    return query
    with changed as (
        update account a set balance = a.balance + c.change
        from unnest(v_owners, v_purposes, v_changes) as c(owner, purpose, change)
        where a.owner = c.owner and a.purpose = c.purpose
        returning a.id, a.owner, a.purpose, a.balance),
    posted as (
        insert into posting (transfer_id, account_id, direction, amount)
        select p_transfer_id, ch.id, p.direction, p.amount::numeric
        from unnest(p_owners, p_purposes, p_directions, p_amounts) with ordinality
                 as p(owner, purpose, direction, amount, position)
        join changed ch on ch.owner = p.owner and ch.purpose = p.purpose
        order by p.position)
    select 'APPLIED'::text, p_transfer_id, ch.owner, ch.purpose, ch.balance from changed ch;
end;
$$;
