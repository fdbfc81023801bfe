-- A safe point scoped to this store's appenders (see io.rillflow.internal.events.StoreSafePoint for
-- the algorithm and why it holds). Before, global reads stopped below
-- pg_snapshot_xmin(pg_current_snapshot()), which any writing transaction on the whole server held
-- back, in any database.
--
-- Every function has this store's lock key baked in as a literal, computed here from the schema
-- Flyway migrates (its search_path): the functions never depend on the caller's search_path, and the
-- appenders and the readers of one store can never disagree on the key. Two schemas whose names
-- hash alike share a key: each then waits also for the other's appenders, never less.
DO $migration$
DECLARE
    store_key CONSTANT integer := hashtext(current_schema());
    -- 'RLFW': the advisory lock's first key, so that other advisory locks of an application
    -- (pg_advisory_xact_lock(bigint) or two other ints) are not mistaken for appenders.
    lock_class CONSTANT integer := 1380730455;
    ticket_setting CONSTANT text := 'rillflow.ticket_' || to_hex(hashtext(current_schema()));
BEGIN
    -- An appender's ordering ticket: what rf_events.tx_id holds. One per transaction (kept in a
    -- transaction-local setting), taken after the transaction holds the store's appender lock.
    EXECUTE format($f$
        CREATE FUNCTION rf_append_ticket() RETURNS xid8 LANGUAGE plpgsql VOLATILE AS $body$
        DECLARE
            ticket text := current_setting(%L, true);
            written_before boolean;
            own xid8;
        BEGIN
            IF ticket IS NOT NULL AND ticket <> '' THEN
                RETURN ticket::xid8;
            END IF;
            written_before := pg_current_xact_id_if_assigned() IS NOT NULL;
            PERFORM pg_advisory_xact_lock_shared(%s, %s);
            own := pg_current_xact_id();
            IF written_before THEN
                IF current_setting('transaction_isolation') <> 'read committed' THEN
                    RAISE EXCEPTION 'Rillflow cannot append events in a %% transaction that has already written: '
                        'append first, or in a READ COMMITTED transaction', current_setting('transaction_isolation')
                        USING ERRCODE = '55000';
                END IF;
                -- This expression runs on a snapshot taken now, after the lock.
                own := greatest(own, pg_snapshot_xmax(pg_current_snapshot()));
            END IF;
            PERFORM set_config(%L, own::text, true);
            RETURN own;
        END
        $body$
    $f$, ticket_setting, lock_class, store_key, ticket_setting);

    -- This transaction's ticket, or NULL when it has appended nothing to this store.
    EXECUTE format($f$
        CREATE FUNCTION rf_own_ticket() RETURNS xid8 LANGUAGE sql STABLE AS $body$
            SELECT nullif(current_setting(%L, true), '')::xid8
        $body$
    $f$, ticket_setting);

    -- The transactions holding this store's appender lock, with a lower bound of their tickets, and
    -- the safe point (the same on every row; one row with a NULL pid when nobody holds the lock): the
    -- holder's top-level xid as an xid8 (pg_locks shows 32-bit xids; running xids lie within 2^31
    -- of the snapshot's xmax, which gives their epoch). A holder whose xid is not assigned yet has no
    -- bound here: its ticket will be taken later, so above any xmax read before. One call of
    -- pg_locks (MATERIALIZED), so the advisory lock and the xid come from one consistent copy of the
    -- lock table. PL/pgSQL rather than SQL: a session plans the query once, not at every call (a
    -- third of a millisecond per global read, measured).
    EXECUTE format($f$
        CREATE FUNCTION rf_appenders() RETURNS TABLE (pid integer, lowest_ticket xid8, safe_point xid8)
        LANGUAGE plpgsql VOLATILE AS $body$
        #variable_conflict use_column
        BEGIN
            RETURN QUERY
            WITH horizon AS MATERIALIZED (
                SELECT pg_snapshot_xmax(pg_current_snapshot()) AS xmax8,
                       pg_snapshot_xmax(pg_current_snapshot())::text::bigint AS xmax64),
            locks AS MATERIALIZED (
                SELECT l.locktype, l.database, l.classid, l.objid, l.objsubid, l.virtualtransaction,
                       l.transactionid, l.mode, l.granted, l.pid
                FROM pg_catalog.pg_locks l),
            holders AS (
                SELECT a.pid, min(((t.transactionid::text::bigint - h.xmax64 %% 4294967296) %% 4294967296
                                   + 6442450944) %% 4294967296 - 2147483648 + h.xmax64) AS lowest
                FROM locks a
                JOIN locks t ON t.virtualtransaction = a.virtualtransaction AND t.locktype = 'transactionid'
                    AND t.mode = 'ExclusiveLock' AND t.granted
                CROSS JOIN horizon h
                WHERE a.locktype = 'advisory' AND a.granted AND a.classid::text::bigint = %s
                    AND a.objid::text::bigint = (%s::bigint + 4294967296) %% 4294967296 AND a.objsubid = 2
                    AND a.database = (SELECT d.oid FROM pg_catalog.pg_database d WHERE d.datname = current_database())
                GROUP BY a.pid)
            SELECT holders.pid, holders.lowest::text::xid8,
                   least(h.xmax8, (SELECT min(lowest) FROM holders)::text::xid8)
            FROM horizon h LEFT JOIN holders ON true;
        END
        $body$
    $f$, lock_class, store_key);

END
$migration$;

-- Every insert into rf_events takes a ticket, also one that does not go through the store's append
-- statement (which sets tx_id itself, once per statement).
ALTER TABLE rf_events ALTER COLUMN tx_id SET DEFAULT rf_append_ticket();
