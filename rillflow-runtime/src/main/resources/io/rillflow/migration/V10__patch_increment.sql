-- One increment of a document patch: reads the number at the path once, adds to it, and refuses a
-- result outside the range of the member's Java type (a long member holding 2^63 would make the
-- document unreadable). A function, so that a patch with many increments stays one linear
-- expression: inlined SQL would have to repeat the document expression at each step, doubling the
-- statement (and its parameters) per increment.

CREATE FUNCTION rf_jsonb_increment(doc jsonb, path text[], amount numeric, low numeric, high numeric) RETURNS jsonb
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
    AS $$
DECLARE
    result numeric := coalesce((doc #>> path)::numeric, 0) + amount;
BEGIN
    IF result < low OR result > high THEN
        RAISE EXCEPTION 'rillflow: incrementing {%} by % gives %, outside [%, %], the range of its Java type',
            array_to_string(path, '.'), amount, result, low, high
            USING ERRCODE = '22003';
    END IF;
    RETURN jsonb_set(doc, path, to_jsonb(result), true);
END
$$;
