-- Which agencies take part in which task force. An existing database had one task force (id 1, made
-- by the task_forces migration) using every agency, so each joins it as it was, a retired agency
-- retired there, before the statewide retiredAt column goes.
-- CreateTable
CREATE TABLE "TaskForceAgency" (
    "taskForceId" INTEGER NOT NULL,
    "agencyId" INTEGER NOT NULL,
    "joinedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "retiredAt" TIMESTAMP(3),

    CONSTRAINT "TaskForceAgency_pkey" PRIMARY KEY ("taskForceId","agencyId")
);

-- CreateIndex
CREATE INDEX "TaskForceAgency_agencyId_idx" ON "TaskForceAgency"("agencyId");

-- AddForeignKey
ALTER TABLE "TaskForceAgency" ADD CONSTRAINT "TaskForceAgency_taskForceId_fkey" FOREIGN KEY ("taskForceId") REFERENCES "TaskForce"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TaskForceAgency" ADD CONSTRAINT "TaskForceAgency_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

INSERT INTO "TaskForceAgency" ("taskForceId", "agencyId", "joinedAt", "retiredAt")
SELECT 1, "id", "createdAt", "retiredAt" FROM "Agency";

-- AlterTable
ALTER TABLE "Agency" DROP COLUMN "retiredAt";
