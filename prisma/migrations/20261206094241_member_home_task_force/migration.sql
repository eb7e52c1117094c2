-- AlterTable: a plain ADD COLUMN (SQLite allows one with a REFERENCES clause when its default is NULL),
-- rather than the drafted rebuild of Member: nobody has chosen a task force on the Home yet.
ALTER TABLE "Member" ADD COLUMN "homeTaskForceId" INTEGER CONSTRAINT "Member_homeTaskForceId_fkey" REFERENCES "TaskForce" ("id") ON DELETE SET NULL ON UPDATE CASCADE;
