-- Casts from JSON text that PostgreSQL marks STABLE (their result could depend on DateStyle or the
-- time zone setting) but that are immutable for the ISO-8601 text Rillflow writes. Stored generated
-- columns (@Duplicated) and expression indexes accept only immutable expressions.

CREATE FUNCTION rf_timestamptz(value text) RETURNS timestamptz
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT value::timestamptz $$;

CREATE FUNCTION rf_timestamp(value text) RETURNS timestamp
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT value::timestamp $$;

CREATE FUNCTION rf_date(value text) RETURNS date
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT value::date $$;
