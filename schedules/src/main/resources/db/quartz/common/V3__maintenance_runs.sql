-- Maintenance jobs (orphan sweep, compaction) are Quartz jobs too and share the run history with
-- the pipelines: job_kind says which kind a run belongs to, and the column "pipeline" holds the
-- job's id (a pipeline id, or a maintenance job id such as 'orphan-sweep').
ALTER TABLE pipeline_run ADD COLUMN job_kind VARCHAR(16) DEFAULT 'PIPELINE' NOT NULL;
ALTER TABLE pipeline_run ADD CONSTRAINT pipeline_run_job_kind CHECK (job_kind IN ('PIPELINE', 'MAINTENANCE'));

-- A short account of what the run did, for the user ("deleted 3 orphan files"); never data values.
ALTER TABLE pipeline_run ADD COLUMN result VARCHAR(1000);

-- The claim of a maintenance job is 'maintenance:<id>' (ids never hold a colon), so a pipeline and a
-- maintenance job of the same id never block each other; that needs room for the prefix.
ALTER TABLE pipeline_run ALTER COLUMN running_claim SET DATA TYPE VARCHAR(80);

CREATE INDEX pipeline_run_by_job ON pipeline_run (job_kind, pipeline, id);
