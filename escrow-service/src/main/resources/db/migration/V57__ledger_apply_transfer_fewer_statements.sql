-- ledger_apply_transfer (V45) again: same signature, same answers, same checks and lock order, fewer statements per
-- transfer (docs/benchmarks.md, "Escrow: persisted transfers vs pgbench"); LedgerStore.applyOnce documents the
-- semantics. What changed:
-- - The net change per account is summed and sorted in PL/pgSQL (a transfer has a handful of postings) instead of
--   by a query with three ordered aggregates. The order is the same: (owner, purpose) in the database's collation,
--   the order openAndLock locks in.
-- - An account the transfer opens is inserted with the balance the transfer gives it instead of 0 and then updated:
--   no other transaction can see it before this one commits, so it needs neither a lock nor a second write. It is
--   inserted without looking for it first (ON CONFLICT does that look). Only credited accounts, or ones that may go
--   negative, are opened here (a debited account that may not go negative and does not exist was refused), so a new
--   account never starts overdrawn. If the transfer is refused after that (the money went in a race, or a
--   concurrent transfer recorded the key), the opened accounts give the credit back and stay open, empty.
-- - The second look for the key, under the locks, is the insert of the transfer itself (ON CONFLICT on the key).
-- - The answer rows are returned one by one instead of by a query over the arrays.
create or replace function ledger_apply_transfer(
    p_transfer_id uuid, p_idempotency_key varchar, p_kind varchar, p_job_id uuid, p_lease_id uuid,
    p_recorded_at timestamptz, p_owners text[], p_purposes text[], p_directions text[], p_amounts text[])
returns table (out_outcome text, out_transfer_id uuid, out_owner varchar, out_purpose varchar, out_balance numeric)
language plpgsql as $$
declare
    v_owners      text[] := '{}';
    v_purposes    text[] := '{}';
    v_changes     numeric[] := '{}';
    v_ids         bigint[];
    v_balances    numeric[];
    v_opened      bigint[] := '{}';
    v_posting_ids bigint[];
    v_count       int := 0;
    v_at          int;
    v_change      numeric;
    v_id          bigint;
    v_balance     numeric;
begin
    select t.id into out_transfer_id from transfer t where t.idempotency_key = p_idempotency_key;
    if found then
        out_outcome := 'RECORDED';
        return next;
        return;
    end if;

    -- Net change per account, kept sorted by (owner, purpose) in the database's collation as it is built (a
    -- transfer has a handful of postings): the one lock order of every transfer and of openAndLock.
    for p in 1 .. array_length(p_owners, 1) loop
        v_change := case p_directions[p] when 'CREDIT' then p_amounts[p]::numeric else -(p_amounts[p]::numeric) end;
        v_at := v_count + 1;
        for i in 1 .. v_count loop
            if v_owners[i] > p_owners[p] or (v_owners[i] = p_owners[p] and v_purposes[i] >= p_purposes[p]) then
                v_at := i;
                exit;
            end if;
        end loop;
        if v_at <= v_count and v_owners[v_at] = p_owners[p] and v_purposes[v_at] = p_purposes[p] then
            v_changes[v_at] := v_changes[v_at] + v_change;
        else
            v_owners := v_owners[1:v_at - 1] || p_owners[p] || v_owners[v_at:v_count];
            v_purposes := v_purposes[1:v_at - 1] || p_purposes[p] || v_purposes[v_at:v_count];
            v_changes := v_changes[1:v_at - 1] || v_change || v_changes[v_at:v_count];
            v_count := v_count + 1;
        end if;
    end loop;
    v_ids := array_fill(null::bigint, array[v_count]);
    v_balances := array_fill(null::numeric, array[v_count]);

    -- Refuse what plainly cannot apply before opening any account; the decisive check comes under the locks.
    -- Only VAULT_MIRROR and RECEIVABLE may go negative (account_never_overdrawn, AccountPurpose.mayGoNegative).
    for i in 1 .. v_count loop
        if v_changes[i] < 0 and v_purposes[i] not in ('VAULT_MIRROR', 'RECEIVABLE') then
            select a.id, a.balance into v_id, v_balance
            from account a where a.owner = v_owners[i] and a.purpose = v_purposes[i];
            if coalesce(v_balance, 0) + v_changes[i] < 0 then
                out_outcome := 'OVERDRAWN';
                out_owner := v_owners[i];
                out_purpose := v_purposes[i];
                out_balance := coalesce(v_balance, 0);
                return next;
                return;
            end if;
            v_ids[i] := v_id;
        end if;
    end loop;

    -- Open missing accounts, in lock order, with the balance this transfer gives them: no other transaction sees an
    -- account before this one commits, so it needs neither a lock nor a second write. Each account checked above
    -- exists, every other one is credited or may go negative: an account opened here never starts overdrawn.
    for i in 1 .. v_count loop
        if v_ids[i] is null then
            insert into account (owner, purpose, balance) values (v_owners[i], v_purposes[i], v_changes[i])
            on conflict on constraint account_owner_purpose_unique do nothing
            returning id into v_id;
            if found then
                v_ids[i] := v_id;
                v_balances[i] := v_changes[i];
                v_opened := v_opened || v_id;
            end if;
        end if;
    end loop;

    -- Lock every account this transaction did not open, in lock order, and check it again under the lock.
    for i in 1 .. v_count loop
        if v_balances[i] is null then
            select a.id, a.balance into v_id, v_balance
            from account a where a.owner = v_owners[i] and a.purpose = v_purposes[i]
            for update;
            v_ids[i] := v_id;
            v_balances[i] := v_balance;
        end if;
    end loop;
    for i in 1 .. v_count loop
        if v_changes[i] < 0 and v_purposes[i] not in ('VAULT_MIRROR', 'RECEIVABLE')
                and v_balances[i] + v_changes[i] < 0 then
            -- A concurrent transfer spent the money after the first check. The accounts opened above give back
            -- this transfer's credit and stay open, empty (LedgerStore.applyOnce allows that in a race).
            update account set balance = 0 where id = any (v_opened);
            out_outcome := 'OVERDRAWN';
            out_owner := v_owners[i];
            out_purpose := v_purposes[i];
            out_balance := v_balances[i];
            return next;
            return;
        end if;
    end loop;

    -- The key again, as part of the insert: a concurrent transfer with the same key either committed while this one
    -- waited for its locks, or is still running and the insert waits for it to end.
    insert into transfer (id, idempotency_key, kind, job_id, lease_id, recorded_at)
    values (p_transfer_id, p_idempotency_key, p_kind, p_job_id, p_lease_id, p_recorded_at)
    on conflict on constraint transfer_idempotency_key_unique do nothing;
    if not found then
        update account set balance = 0 where id = any (v_opened);
        select t.id into out_transfer_id from transfer t where t.idempotency_key = p_idempotency_key;
        out_outcome := 'RECORDED';
        return next;
        return;
    end if;

    for i in 1 .. v_count loop
        if not v_ids[i] = any (v_opened) then
            update account set balance = balance + v_changes[i] where id = v_ids[i];
            v_balances[i] := v_balances[i] + v_changes[i];
        end if;
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

    out_outcome := 'APPLIED';
    out_transfer_id := p_transfer_id;
    for i in 1 .. v_count loop
        out_owner := v_owners[i];
        out_purpose := v_purposes[i];
        out_balance := v_balances[i];
        return next;
    end loop;
end;
$$;
