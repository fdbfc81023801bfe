-- The casts behind @Duplicated date and time columns (V2), now for every value java.time writes.
-- Java writes years beyond 9999 with a sign ("+20000-01-01T00:00:00Z") and years before 1 AD as
-- 0 and below ("-0001-..." is 2 BC); PostgreSQL reads neither ("time zone displacement out of
-- range"), though it holds 4714 BC to 294276 AD. rf_datetime_text rewrites such a year the way
-- PostgreSQL reads it ("0002-01-01T00:00:00Z BC"), and refuses a year outside the column type's range
-- with an error that says so, instead of PostgreSQL's misleading one, so nothing is written that a
-- column cannot hold. The casts name it with its schema: a generated column is computed under the
-- writer's search_path, which need not hold the store's schema.

CREATE FUNCTION rf_datetime_text(value text, type_name text, first_year bigint, last_year bigint) RETURNS text
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
    AS $$
DECLARE
    parts text[] := regexp_match(value, '^([+-]?)([0-9]{4,})(-.*)$');
    year numeric;
BEGIN
    IF parts IS NULL THEN
        RETURN value;
    END IF;
    year := parts[2]::numeric * CASE WHEN parts[1] = '-' THEN -1 ELSE 1 END;
    IF year < first_year OR year > last_year THEN
        RAISE EXCEPTION 'rillflow: % is outside what a % column holds (ISO years % to %)',
            value, type_name, first_year, last_year
            USING ERRCODE = '22008';
    END IF;
    -- lpad would cut a longer year to four digits: pad only shorter ones.
    IF year <= 0 THEN
        RETURN repeat('0', greatest(0, 4 - length((1 - year)::text))) || (1 - year)::text || parts[3] || ' BC';
    END IF;
    RETURN repeat('0', greatest(0, 4 - length(year::text))) || year::text || parts[3];
END
$$;

CREATE OR REPLACE FUNCTION rf_timestamptz(value text) RETURNS timestamptz
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT "${flyway:defaultSchema}".rf_datetime_text(value, 'timestamptz', -4713, 294276)::timestamptz $$;

CREATE OR REPLACE FUNCTION rf_timestamp(value text) RETURNS timestamp
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT "${flyway:defaultSchema}".rf_datetime_text(value, 'timestamp', -4713, 294276)::timestamp $$;

CREATE OR REPLACE FUNCTION rf_date(value text) RETURNS date
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT "${flyway:defaultSchema}".rf_datetime_text(value, 'date', -4713, 5874897)::date $$;
