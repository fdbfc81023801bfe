-- Natural keys for streams: an alias ("orders:42") names one stream id, given on first use and never
-- changed, so a command that only knows the business key finds (or creates) the stream.
CREATE TABLE rf_stream_aliases (
    alias      text        PRIMARY KEY,
    stream_id  uuid        NOT NULL UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now()
);
