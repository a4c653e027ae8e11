-- ledger_apply_transfer (V41) again, same signature, same answers, same order of checks, locks and writes
-- (LedgerStore.applyOnce documents them), but every statement that touches a table now reads or writes one row by
-- a unique key: (owner, purpose) for an account, id for its balance update, idempotency_key for a transfer.
--
-- Why: PL/pgSQL caches each statement's plan per connection and, after five calls, keeps a generic plan when it
-- looks no dearer than the custom ones. V41 joined account to unnest(<array parameter>), which a generic plan
-- estimates at 10 rows whatever the array holds; with a few thousand accounts that plan hashed a sequential scan of
-- the whole account table, on every call, and the table grows by one HELD account per hold (docs/benchmarks.md,
-- "Escrow": 49.8 million account rows read by sequential scans in about 20,000 holds). A lookup of one row by its
-- unique key is planned as that index's scan once the table holds more than a page or two; below that a sequential
-- scan of those pages is the cheaper plan anyway, and autovacuum's ANALYZE, which invalidates cached plans, comes
-- round before the table has grown by 10%.
create or replace function ledger_apply_transfer(
    p_transfer_id uuid, p_idempotency_key varchar, p_kind varchar, p_job_id uuid, p_lease_id uuid,
    p_recorded_at timestamptz, p_owners text[], p_purposes text[], p_directions text[], p_amounts text[])
returns table (out_outcome text, out_transfer_id uuid, out_owner varchar, out_purpose varchar, out_balance numeric)
language plpgsql as $$
declare
    v_recorded    uuid;
    v_owners      text[];
    v_purposes    text[];
    v_changes     numeric[];
    v_ids         bigint[];
    v_balances    numeric[];
    v_posting_ids bigint[];
    v_id          bigint;
    v_balance     numeric;
    v_count       int;
begin
    select t.id into v_recorded from transfer t where t.idempotency_key = p_idempotency_key;
    if found then
        return query select 'RECORDED'::text, v_recorded, null::varchar, null::varchar, null::numeric;
        return;
    end if;

    -- Net change per account, in (owner, purpose) order: the one lock order of every transfer and of openAndLock.
    select array_agg(c.owner order by c.owner, c.purpose), array_agg(c.purpose order by c.owner, c.purpose),
           array_agg(c.change order by c.owner, c.purpose)
    into v_owners, v_purposes, v_changes
    from (select p.owner, p.purpose,
                 sum(case p.direction when 'CREDIT' then p.amount::numeric else -p.amount::numeric end) as change
          from unnest(p_owners, p_purposes, p_directions, p_amounts) as p(owner, purpose, direction, amount)
          group by p.owner, p.purpose) c;
    v_count := array_length(v_owners, 1);
    v_ids := array_fill(null::bigint, array[v_count]);
    v_balances := array_fill(null::numeric, array[v_count]);

    -- Refuse what plainly cannot apply before opening any account; the decisive check comes under the locks.
    -- Only VAULT_MIRROR and RECEIVABLE may go negative (account_never_overdrawn, AccountPurpose.mayGoNegative).
    for i in 1 .. v_count loop
        if v_changes[i] < 0 and v_purposes[i] not in ('VAULT_MIRROR', 'RECEIVABLE') then
            select a.id, a.balance into v_id, v_balance
            from account a where a.owner = v_owners[i] and a.purpose = v_purposes[i];
            if not found then
                v_balance := 0;
            end if;
            if v_balance + v_changes[i] < 0 then
                return query select 'OVERDRAWN'::text, null::uuid, v_owners[i]::varchar, v_purposes[i]::varchar,
                                    v_balance;
                return;
            end if;
            v_ids[i] := v_id;
        end if;
    end loop;

    -- Open missing accounts, in lock order. An account this transaction inserts is invisible to every other one
    -- until commit, so it needs no lock; one a concurrent transaction inserted first is locked below.
    for i in 1 .. v_count loop
        if v_ids[i] is null then
            select a.id into v_id from account a where a.owner = v_owners[i] and a.purpose = v_purposes[i];
            if found then
                v_ids[i] := v_id;
            else
                insert into account (owner, purpose) values (v_owners[i], v_purposes[i])
                on conflict on constraint account_owner_purpose_unique do nothing
                returning id into v_id;
                if v_id is not null then
                    v_ids[i] := v_id;
                    v_balances[i] := 0;
                end if;
            end if;
        end if;
    end loop;

    -- Lock every account this transaction did not create, in lock order.
    for i in 1 .. v_count loop
        if v_balances[i] is null then
            select a.id, a.balance into v_id, v_balance
            from account a where a.owner = v_owners[i] and a.purpose = v_purposes[i]
            for update;
            v_ids[i] := v_id;
            v_balances[i] := v_balance;
        end if;
    end loop;

    select t.id into v_recorded from transfer t where t.idempotency_key = p_idempotency_key;
    if found then
        return query select 'RECORDED'::text, v_recorded, null::varchar, null::varchar, null::numeric;
        return;
    end if;

    for i in 1 .. v_count loop
        if v_changes[i] < 0 and v_purposes[i] not in ('VAULT_MIRROR', 'RECEIVABLE') and v_balances[i] + v_changes[i] < 0 then
            return query select 'OVERDRAWN'::text, null::uuid, v_owners[i]::varchar, v_purposes[i]::varchar,
                                v_balances[i];
            return;
        end if;
    end loop;

    insert into transfer (id, idempotency_key, kind, job_id, lease_id, recorded_at)
    values (p_transfer_id, p_idempotency_key, p_kind, p_job_id, p_lease_id, p_recorded_at);

    for i in 1 .. v_count loop
        update account set balance = balance + v_changes[i] where id = v_ids[i];
        v_balances[i] := v_balances[i] + v_changes[i];
    end loop;

    -- Each posting's account id, postings in the order given (their ids keep it: loadTransfer orders by id).
    v_posting_ids := array_fill(null::bigint, array[array_length(p_owners, 1)]);
    for p in 1 .. array_length(p_owners, 1) loop
        for i in 1 .. v_count loop
            if v_owners[i] = p_owners[p] and v_purposes[i] = p_purposes[p] then
                v_posting_ids[p] := v_ids[i];
            end if;
        end loop;
    end loop;
    insert into posting (transfer_id, account_id, direction, amount)
    select p_transfer_id, p.account_id, p.direction, p.amount::numeric
    from unnest(v_posting_ids, p_directions, p_amounts) with ordinality as p(account_id, direction, amount, position)
    order by p.position;

    return query
    select 'APPLIED'::text, p_transfer_id, c.owner::varchar, c.purpose::varchar, c.balance
    from unnest(v_owners, v_purposes, v_balances) as c(owner, purpose, balance);
end;
$$;
