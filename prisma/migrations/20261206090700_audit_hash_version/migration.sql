-- How each audit row's hash was computed (src/domain/audit/chain.ts). Every existing row was
-- hashed at version 1 and keeps it; the bot writes version 2, which covers taskForceId.
-- A plain ADD COLUMN, not the table rebuild Prisma drafts: the column goes last either way, and an
-- audit log of millions of rows is not copied to add it.
-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN "hashVersion" INTEGER NOT NULL DEFAULT 1;
