-- rf_appenders() also says when its safe point is held back by nothing but a ticket taken above every
-- finished transaction (see io.rillflow.internal.events.StoreSafePoint, "Liveness"): an appender that
-- had written before it appended takes greatest(own xid, xmax after its lock) as its ticket, and when
-- that xmax is above its own xid and no transaction with a newer id ends afterwards, xmax stays at the
-- ticket and the event stays below no safe point. The reader that sees the flag completes a
-- transaction id of its own, which moves xmax past the ticket, and reads the safe point again.
--
-- It also closes a window V12 left open: a holder whose xid the server has just assigned but whose
-- transactionid lock is not in pg_locks yet counted as one without an xid, whose ticket would come
-- later; now any holder without a transactionid lock bounds the safe point by the snapshot's xmin.
--
-- Same arguments and columns as V12's plus the flag at the end, so that a version from before this
-- migration, still running during a rolling deploy, reads this function as it read V12's.
DO $migration$
DECLARE
    store_key CONSTANT integer := hashtext(current_schema());
    lock_class CONSTANT integer := 1380730455;
BEGIN
    DROP FUNCTION rf_appenders();
    EXECUTE format($f$
        CREATE FUNCTION rf_appenders()
        RETURNS TABLE (pid integer, lowest_ticket xid8, safe_point xid8, ticket_at_safe_point boolean)
        LANGUAGE plpgsql VOLATILE AS $body$
        #variable_conflict use_column
        BEGIN
            RETURN QUERY
            WITH horizon AS MATERIALIZED (
                SELECT pg_snapshot_xmax(s.snapshot) AS xmax8, pg_snapshot_xmin(s.snapshot) AS xmin8,
                       pg_snapshot_xmax(s.snapshot)::text::bigint AS xmax64
                FROM (SELECT pg_current_snapshot() AS snapshot) s),
            locks AS MATERIALIZED (
                SELECT l.locktype, l.database, l.classid, l.objid, l.objsubid, l.virtualtransaction,
                       l.transactionid, l.mode, l.granted, l.pid
                FROM pg_catalog.pg_locks l),
            -- Each holder of this store's appender lock with its transactionid lock, NULL when the copy
            -- shows none: it has no xid yet, or the server has just given it one and has not yet
            -- entered its transactionid lock (it assigns the xid, then takes that lock). Such an xid may
            -- be below xmax; it is then running in the horizon's snapshot, so at least its xmin.
            holder_xids AS (
                SELECT a.pid, t.transactionid
                FROM locks a
                LEFT JOIN locks t ON t.virtualtransaction = a.virtualtransaction AND t.locktype = 'transactionid'
                    AND t.mode = 'ExclusiveLock' AND t.granted
                WHERE a.locktype = 'advisory' AND a.granted AND a.classid::text::bigint = %s
                    AND a.objid::text::bigint = (%s::bigint + 4294967296) %% 4294967296 AND a.objsubid = 2
                    AND a.database = (SELECT d.oid FROM pg_catalog.pg_database d WHERE d.datname = current_database())),
            holders AS (
                SELECT x.pid, min(((x.transactionid::text::bigint - h.xmax64 %% 4294967296) %% 4294967296
                                   + 6442450944) %% 4294967296 - 2147483648 + h.xmax64) AS lowest
                FROM holder_xids x CROSS JOIN horizon h
                WHERE x.transactionid IS NOT NULL
                GROUP BY x.pid),
            point AS (
                SELECT least(h.xmax8, (SELECT min(lowest) FROM holders)::text::xid8,
                             CASE WHEN EXISTS (SELECT 1 FROM holder_xids WHERE transactionid IS NULL) THEN h.xmin8 END) AS safe_point, h.xmax8
                FROM horizon h)
            SELECT holders.pid, holders.lowest::text::xid8, p.safe_point,
                   -- Only xmax holds it back, and a committed event has a ticket at (never above) it.
                   p.safe_point = p.xmax8 AND EXISTS (SELECT 1 FROM %I.rf_events e WHERE e.tx_id >= p.xmax8)
            FROM point p LEFT JOIN holders ON true;
        END
        $body$
    $f$, lock_class, store_key, current_schema());
END
$migration$;
