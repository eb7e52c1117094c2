-- How each audit row's hash was computed (src/domain/audit/chain.ts). Every existing row was
-- hashed at version 1 and keeps it; the bot writes version 2, which covers taskForceId.
-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN     "hashVersion" INTEGER NOT NULL DEFAULT 1;
