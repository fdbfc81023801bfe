-- The tries of the event a projection is failing on, kept with its checkpoint: a node that takes
-- the projection over goes on counting instead of starting again, so a poison event reaches the
-- dead letters after maxAttempts tries in all, however often the projection changes hands. Any
-- checkpoint write clears them: the failing event is always the one after the checkpoint.
ALTER TABLE rf_projections ADD COLUMN failing_position bigint;
ALTER TABLE rf_projections ADD COLUMN failing_attempts integer NOT NULL DEFAULT 0;
