/*
  Warnings:

  - A unique constraint covering the columns `[taskForceId,code]` on the table `Area` will be added. If there are existing duplicate values, this will fail.
  - A unique constraint covering the columns `[taskForceId,source,externalKey]` on the table `Incident` will be added. If there are existing duplicate values, this will fail.
  - A unique constraint covering the columns `[taskForceId,code]` on the table `Unit` will be added. If there are existing duplicate values, this will fail.

*/
-- DropIndex
DROP INDEX "Area_code_key";

-- DropIndex
DROP INDEX "Incident_kind_localDate_covering_idx";

-- DropIndex
DROP INDEX "Incident_source_externalKey_key";

-- DropIndex
DROP INDEX "SeizureReport_occurredOn_idx";

-- DropIndex
DROP INDEX "Unit_code_key";

-- AlterTable
ALTER TABLE "Area" ADD COLUMN     "taskForceId" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "Assignment" ADD COLUMN     "taskForceId" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN     "taskForceId" INTEGER;

-- AlterTable
ALTER TABLE "DigestChannel" ADD COLUMN     "taskForceId" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "ImportBatch" ADD COLUMN     "taskForceId" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "Incident" ADD COLUMN     "taskForceId" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "RoleGrant" ADD COLUMN     "taskForceId" INTEGER;

-- AlterTable
ALTER TABLE "SeizureReport" ADD COLUMN     "taskForceId" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "Unit" ADD COLUMN     "taskForceId" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "Workspace" ADD COLUMN     "taskForceId" INTEGER NOT NULL DEFAULT 1;

-- CreateTable
CREATE TABLE "TaskForce" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "timeZone" TEXT NOT NULL,
    "weekStart" TEXT NOT NULL DEFAULT 'monday',
    "createdBy" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TaskForce_pkey" PRIMARY KEY ("id")
);

-- The task force every record of a single-city database belongs to (the source case). Its zone and
-- week start follow TASKFORCE_TIMEZONE and TF_WEEK_START at every start (src/bootstrap.ts).
INSERT INTO "TaskForce" ("id", "code", "name", "timeZone", "weekStart")
VALUES (1, 'hartford', 'Hartford Shooting Task Force', 'America/New_York', 'monday');
SELECT setval(pg_get_serial_sequence('"TaskForce"', 'id'), 1);
UPDATE "AuditEvent" SET "taskForceId" = 1;
UPDATE "RoleGrant" SET "taskForceId" = 1;

-- CreateTable
CREATE TABLE "ChannelBinding" (
    "channelId" TEXT NOT NULL,
    "taskForceId" INTEGER NOT NULL,
    "boundBy" TEXT NOT NULL,
    "boundAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ChannelBinding_pkey" PRIMARY KEY ("channelId")
);

-- CreateIndex
CREATE UNIQUE INDEX "TaskForce_code_key" ON "TaskForce"("code");

-- CreateIndex
CREATE INDEX "ChannelBinding_taskForceId_idx" ON "ChannelBinding"("taskForceId");

-- CreateIndex
CREATE UNIQUE INDEX "Area_taskForceId_code_key" ON "Area"("taskForceId", "code");

-- CreateIndex
CREATE INDEX "Assignment_taskForceId_startDate_idx" ON "Assignment"("taskForceId", "startDate");

-- CreateIndex
CREATE INDEX "AuditEvent_taskForceId_at_idx" ON "AuditEvent"("taskForceId", "at");

-- CreateIndex
CREATE INDEX "Incident_kind_localDate_covering_idx" ON "Incident"("taskForceId", "kind", "localDate", "voidedAt", "fatalVictims", "injuredVictims");

-- CreateIndex
CREATE UNIQUE INDEX "Incident_taskForceId_source_externalKey_key" ON "Incident"("taskForceId", "source", "externalKey");

-- CreateIndex
CREATE INDEX "SeizureReport_taskForceId_occurredOn_idx" ON "SeizureReport"("taskForceId", "occurredOn");

-- CreateIndex
CREATE UNIQUE INDEX "Unit_taskForceId_code_key" ON "Unit"("taskForceId", "code");

-- AddForeignKey
ALTER TABLE "ChannelBinding" ADD CONSTRAINT "ChannelBinding_taskForceId_fkey" FOREIGN KEY ("taskForceId") REFERENCES "TaskForce"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Unit" ADD CONSTRAINT "Unit_taskForceId_fkey" FOREIGN KEY ("taskForceId") REFERENCES "TaskForce"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Area" ADD CONSTRAINT "Area_taskForceId_fkey" FOREIGN KEY ("taskForceId") REFERENCES "TaskForce"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Workspace" ADD CONSTRAINT "Workspace_taskForceId_fkey" FOREIGN KEY ("taskForceId") REFERENCES "TaskForce"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoleGrant" ADD CONSTRAINT "RoleGrant_taskForceId_fkey" FOREIGN KEY ("taskForceId") REFERENCES "TaskForce"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Assignment" ADD CONSTRAINT "Assignment_taskForceId_fkey" FOREIGN KEY ("taskForceId") REFERENCES "TaskForce"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SeizureReport" ADD CONSTRAINT "SeizureReport_taskForceId_fkey" FOREIGN KEY ("taskForceId") REFERENCES "TaskForce"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Incident" ADD CONSTRAINT "Incident_taskForceId_fkey" FOREIGN KEY ("taskForceId") REFERENCES "TaskForce"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImportBatch" ADD CONSTRAINT "ImportBatch_taskForceId_fkey" FOREIGN KEY ("taskForceId") REFERENCES "TaskForce"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_taskForceId_fkey" FOREIGN KEY ("taskForceId") REFERENCES "TaskForce"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DigestChannel" ADD CONSTRAINT "DigestChannel_taskForceId_fkey" FOREIGN KEY ("taskForceId") REFERENCES "TaskForce"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
