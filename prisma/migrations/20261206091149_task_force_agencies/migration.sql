-- Which agencies take part in which task force. An existing database had one task force (id 1, made
-- by the task_forces migration) using every agency, so each joins it as it was, a retired agency
-- retired there, before the statewide retiredAt column goes.
-- CreateTable
CREATE TABLE "TaskForceAgency" (
    "taskForceId" INTEGER NOT NULL,
    "agencyId" INTEGER NOT NULL,
    "joinedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "retiredAt" DATETIME,

    PRIMARY KEY ("taskForceId", "agencyId"),
    CONSTRAINT "TaskForceAgency_taskForceId_fkey" FOREIGN KEY ("taskForceId") REFERENCES "TaskForce" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "TaskForceAgency_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

INSERT INTO "TaskForceAgency" ("taskForceId", "agencyId", "joinedAt", "retiredAt")
SELECT 1, "id", "createdAt", "retiredAt" FROM "Agency";

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Agency" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO "new_Agency" ("code", "createdAt", "id", "name") SELECT "code", "createdAt", "id", "name" FROM "Agency";
DROP TABLE "Agency";
ALTER TABLE "new_Agency" RENAME TO "Agency";
CREATE UNIQUE INDEX "Agency_code_key" ON "Agency"("code");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "TaskForceAgency_agencyId_idx" ON "TaskForceAgency"("agencyId");
