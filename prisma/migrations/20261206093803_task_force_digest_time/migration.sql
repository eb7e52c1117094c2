-- AlterTable: a plain ADD COLUMN (SQLite allows it with a constant default), rather than the drafted
-- table rebuild: every existing task force takes 07:00, the time digests have always defaulted to.
ALTER TABLE "TaskForce" ADD COLUMN "digestTime" TEXT NOT NULL DEFAULT '07:00';
