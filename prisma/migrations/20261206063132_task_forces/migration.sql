-- CreateTable
CREATE TABLE "TaskForce" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "timeZone" TEXT NOT NULL,
    "weekStart" TEXT NOT NULL DEFAULT 'monday',
    "createdBy" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- The task force every record of a single-city database belongs to (the source case). Its zone and
-- week start follow TASKFORCE_TIMEZONE and TF_WEEK_START at every start (src/bootstrap.ts).
INSERT INTO "TaskForce" ("id", "code", "name", "timeZone", "weekStart")
VALUES (1, 'hartford', 'Hartford Shooting Task Force', 'America/New_York', 'monday');

-- CreateTable
CREATE TABLE "ChannelBinding" (
    "channelId" TEXT NOT NULL PRIMARY KEY,
    "taskForceId" INTEGER NOT NULL,
    "boundBy" TEXT NOT NULL,
    "boundAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ChannelBinding_taskForceId_fkey" FOREIGN KEY ("taskForceId") REFERENCES "TaskForce" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Area" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "taskForceId" INTEGER NOT NULL DEFAULT 1,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'neighborhood',
    "population" INTEGER NOT NULL DEFAULT 0,
    "retiredAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Area_taskForceId_fkey" FOREIGN KEY ("taskForceId") REFERENCES "TaskForce" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Area" ("code", "createdAt", "id", "kind", "name", "population", "retiredAt") SELECT "code", "createdAt", "id", "kind", "name", "population", "retiredAt" FROM "Area";
DROP TABLE "Area";
ALTER TABLE "new_Area" RENAME TO "Area";
CREATE UNIQUE INDEX "Area_taskForceId_code_key" ON "Area"("taskForceId", "code");
CREATE TABLE "new_Assignment" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "taskForceId" INTEGER NOT NULL DEFAULT 1,
    "memberId" INTEGER NOT NULL,
    "agencyId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "title" TEXT,
    "shift" TEXT,
    "startDate" TEXT NOT NULL,
    "endDate" TEXT,
    "registeredBy" TEXT NOT NULL,
    "registeredAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endedBy" TEXT,
    "endedAt" DATETIME,
    "voidedAt" DATETIME,
    "voidedBy" TEXT,
    "voidReason" TEXT,
    CONSTRAINT "Assignment_taskForceId_fkey" FOREIGN KEY ("taskForceId") REFERENCES "TaskForce" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Assignment_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Assignment_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Assignment_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Assignment" ("agencyId", "endDate", "endedAt", "endedBy", "id", "memberId", "registeredAt", "registeredBy", "shift", "startDate", "title", "unitId", "voidReason", "voidedAt", "voidedBy") SELECT "agencyId", "endDate", "endedAt", "endedBy", "id", "memberId", "registeredAt", "registeredBy", "shift", "startDate", "title", "unitId", "voidReason", "voidedAt", "voidedBy" FROM "Assignment";
DROP TABLE "Assignment";
ALTER TABLE "new_Assignment" RENAME TO "Assignment";
CREATE INDEX "Assignment_unitId_startDate_idx" ON "Assignment"("unitId", "startDate");
CREATE INDEX "Assignment_memberId_startDate_idx" ON "Assignment"("memberId", "startDate");
CREATE INDEX "Assignment_taskForceId_startDate_idx" ON "Assignment"("taskForceId", "startDate");
CREATE TABLE "new_AuditEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "taskForceId" INTEGER,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorUserId" TEXT,
    "actorTeamId" TEXT,
    "action" TEXT NOT NULL,
    "targetType" TEXT,
    "targetId" TEXT,
    "outcome" TEXT NOT NULL,
    "before" TEXT,
    "after" TEXT,
    "requestId" TEXT,
    "seq" INTEGER,
    "prevHash" TEXT,
    "hash" TEXT,
    CONSTRAINT "AuditEvent_taskForceId_fkey" FOREIGN KEY ("taskForceId") REFERENCES "TaskForce" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_AuditEvent" ("action", "actorTeamId", "actorUserId", "after", "at", "before", "hash", "id", "outcome", "prevHash", "requestId", "seq", "targetId", "targetType") SELECT "action", "actorTeamId", "actorUserId", "after", "at", "before", "hash", "id", "outcome", "prevHash", "requestId", "seq", "targetId", "targetType" FROM "AuditEvent";
DROP TABLE "AuditEvent";
ALTER TABLE "new_AuditEvent" RENAME TO "AuditEvent";
CREATE UNIQUE INDEX "AuditEvent_seq_key" ON "AuditEvent"("seq");
CREATE INDEX "AuditEvent_at_idx" ON "AuditEvent"("at");
CREATE INDEX "AuditEvent_actorUserId_at_idx" ON "AuditEvent"("actorUserId", "at");
CREATE INDEX "AuditEvent_taskForceId_at_idx" ON "AuditEvent"("taskForceId", "at");
CREATE TABLE "new_DigestChannel" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "taskForceId" INTEGER NOT NULL DEFAULT 1,
    "channelId" TEXT NOT NULL,
    "localTime" TEXT NOT NULL DEFAULT '07:00',
    "timeZone" TEXT NOT NULL,
    "sections" TEXT NOT NULL DEFAULT 'all',
    "threaded" BOOLEAN NOT NULL DEFAULT false,
    "narrative" BOOLEAN NOT NULL DEFAULT true,
    "createdBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "removedAt" DATETIME,
    CONSTRAINT "DigestChannel_taskForceId_fkey" FOREIGN KEY ("taskForceId") REFERENCES "TaskForce" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_DigestChannel" ("channelId", "createdAt", "createdBy", "id", "localTime", "narrative", "removedAt", "sections", "threaded", "timeZone") SELECT "channelId", "createdAt", "createdBy", "id", "localTime", "narrative", "removedAt", "sections", "threaded", "timeZone" FROM "DigestChannel";
DROP TABLE "DigestChannel";
ALTER TABLE "new_DigestChannel" RENAME TO "DigestChannel";
CREATE UNIQUE INDEX "DigestChannel_channelId_key" ON "DigestChannel"("channelId");
CREATE TABLE "new_ImportBatch" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "taskForceId" INTEGER NOT NULL DEFAULT 1,
    "source" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "fileSha256" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME,
    "status" TEXT NOT NULL DEFAULT 'running',
    "inserted" INTEGER NOT NULL DEFAULT 0,
    "updated" INTEGER NOT NULL DEFAULT 0,
    "unchanged" INTEGER NOT NULL DEFAULT 0,
    "rejected" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "ImportBatch_taskForceId_fkey" FOREIGN KEY ("taskForceId") REFERENCES "TaskForce" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_ImportBatch" ("fileName", "fileSha256", "finishedAt", "id", "inserted", "rejected", "source", "startedAt", "status", "unchanged", "updated") SELECT "fileName", "fileSha256", "finishedAt", "id", "inserted", "rejected", "source", "startedAt", "status", "unchanged", "updated" FROM "ImportBatch";
DROP TABLE "ImportBatch";
ALTER TABLE "new_ImportBatch" RENAME TO "ImportBatch";
CREATE TABLE "new_Incident" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "taskForceId" INTEGER NOT NULL DEFAULT 1,
    "kind" TEXT NOT NULL,
    "occurredAt" DATETIME NOT NULL,
    "localDate" TEXT NOT NULL,
    "localTime" TEXT,
    "areaId" INTEGER,
    "areaLabel" TEXT,
    "caseNumber" TEXT,
    "fatalVictims" INTEGER NOT NULL DEFAULT 0,
    "injuredVictims" INTEGER NOT NULL DEFAULT 0,
    "source" TEXT NOT NULL,
    "sourceFile" TEXT,
    "externalKey" TEXT,
    "importBatchId" INTEGER,
    "reporterId" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "requestId" TEXT,
    "voidedAt" DATETIME,
    "voidedBy" TEXT,
    "voidReason" TEXT,
    CONSTRAINT "Incident_taskForceId_fkey" FOREIGN KEY ("taskForceId") REFERENCES "TaskForce" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Incident_areaId_fkey" FOREIGN KEY ("areaId") REFERENCES "Area" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Incident_importBatchId_fkey" FOREIGN KEY ("importBatchId") REFERENCES "ImportBatch" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Incident_reporterId_fkey" FOREIGN KEY ("reporterId") REFERENCES "Member" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Incident" ("areaId", "areaLabel", "caseNumber", "createdAt", "externalKey", "fatalVictims", "id", "importBatchId", "injuredVictims", "kind", "localDate", "localTime", "occurredAt", "reporterId", "requestId", "source", "sourceFile", "updatedAt", "voidReason", "voidedAt", "voidedBy") SELECT "areaId", "areaLabel", "caseNumber", "createdAt", "externalKey", "fatalVictims", "id", "importBatchId", "injuredVictims", "kind", "localDate", "localTime", "occurredAt", "reporterId", "requestId", "source", "sourceFile", "updatedAt", "voidReason", "voidedAt", "voidedBy" FROM "Incident";
DROP TABLE "Incident";
ALTER TABLE "new_Incident" RENAME TO "Incident";
CREATE INDEX "Incident_kind_localDate_covering_idx" ON "Incident"("taskForceId", "kind", "localDate", "voidedAt", "fatalVictims", "injuredVictims");
CREATE INDEX "Incident_areaId_kind_localDate_idx" ON "Incident"("areaId", "kind", "localDate");
CREATE INDEX "Incident_caseNumber_idx" ON "Incident"("caseNumber");
CREATE UNIQUE INDEX "Incident_taskForceId_source_externalKey_key" ON "Incident"("taskForceId", "source", "externalKey");
CREATE TABLE "new_RoleGrant" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "taskForceId" INTEGER,
    "memberId" INTEGER NOT NULL,
    "role" TEXT NOT NULL,
    "grantedBy" TEXT NOT NULL,
    "grantedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedBy" TEXT,
    "revokedAt" DATETIME,
    CONSTRAINT "RoleGrant_taskForceId_fkey" FOREIGN KEY ("taskForceId") REFERENCES "TaskForce" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "RoleGrant_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_RoleGrant" ("grantedAt", "grantedBy", "id", "memberId", "revokedAt", "revokedBy", "role") SELECT "grantedAt", "grantedBy", "id", "memberId", "revokedAt", "revokedBy", "role" FROM "RoleGrant";
DROP TABLE "RoleGrant";
ALTER TABLE "new_RoleGrant" RENAME TO "RoleGrant";
CREATE INDEX "RoleGrant_memberId_revokedAt_idx" ON "RoleGrant"("memberId", "revokedAt");
CREATE TABLE "new_SeizureReport" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "taskForceId" INTEGER NOT NULL DEFAULT 1,
    "occurredOn" TEXT NOT NULL,
    "reporterId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "agencyId" INTEGER NOT NULL,
    "areaId" INTEGER,
    "caseRef" TEXT,
    "note" TEXT,
    "firearms" INTEGER NOT NULL DEFAULT 0,
    "stolenFirearms" INTEGER NOT NULL DEFAULT 0,
    "ghostGuns" INTEGER NOT NULL DEFAULT 0,
    "conversionDevices" INTEGER NOT NULL DEFAULT 0,
    "currencyCents" BIGINT NOT NULL DEFAULT 0,
    "vehicles" INTEGER NOT NULL DEFAULT 0,
    "arrests" INTEGER NOT NULL DEFAULT 0,
    "warrants" INTEGER NOT NULL DEFAULT 0,
    "trafficStops" INTEGER NOT NULL DEFAULT 0,
    "citations" INTEGER NOT NULL DEFAULT 0,
    "paroleChecks" INTEGER NOT NULL DEFAULT 0,
    "paroleViolations" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "requestId" TEXT,
    "voidedAt" DATETIME,
    "voidedBy" TEXT,
    "voidReason" TEXT,
    CONSTRAINT "SeizureReport_taskForceId_fkey" FOREIGN KEY ("taskForceId") REFERENCES "TaskForce" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "SeizureReport_reporterId_fkey" FOREIGN KEY ("reporterId") REFERENCES "Member" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "SeizureReport_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "SeizureReport_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "SeizureReport_areaId_fkey" FOREIGN KEY ("areaId") REFERENCES "Area" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_SeizureReport" ("agencyId", "areaId", "arrests", "caseRef", "citations", "conversionDevices", "createdAt", "currencyCents", "firearms", "ghostGuns", "id", "note", "occurredOn", "paroleChecks", "paroleViolations", "reporterId", "requestId", "stolenFirearms", "trafficStops", "unitId", "vehicles", "voidReason", "voidedAt", "voidedBy", "warrants") SELECT "agencyId", "areaId", "arrests", "caseRef", "citations", "conversionDevices", "createdAt", "currencyCents", "firearms", "ghostGuns", "id", "note", "occurredOn", "paroleChecks", "paroleViolations", "reporterId", "requestId", "stolenFirearms", "trafficStops", "unitId", "vehicles", "voidReason", "voidedAt", "voidedBy", "warrants" FROM "SeizureReport";
DROP TABLE "SeizureReport";
ALTER TABLE "new_SeizureReport" RENAME TO "SeizureReport";
CREATE INDEX "SeizureReport_taskForceId_occurredOn_idx" ON "SeizureReport"("taskForceId", "occurredOn");
CREATE INDEX "SeizureReport_unitId_occurredOn_idx" ON "SeizureReport"("unitId", "occurredOn");
CREATE INDEX "SeizureReport_agencyId_occurredOn_idx" ON "SeizureReport"("agencyId", "occurredOn");
CREATE TABLE "new_Unit" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "taskForceId" INTEGER NOT NULL DEFAULT 1,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "measures" TEXT,
    "retiredAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Unit_taskForceId_fkey" FOREIGN KEY ("taskForceId") REFERENCES "TaskForce" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Unit" ("code", "createdAt", "id", "measures", "name", "retiredAt") SELECT "code", "createdAt", "id", "measures", "name", "retiredAt" FROM "Unit";
DROP TABLE "Unit";
ALTER TABLE "new_Unit" RENAME TO "Unit";
CREATE UNIQUE INDEX "Unit_taskForceId_code_key" ON "Unit"("taskForceId", "code");
CREATE TABLE "new_Workspace" (
    "teamId" TEXT NOT NULL PRIMARY KEY,
    "taskForceId" INTEGER NOT NULL DEFAULT 1,
    "name" TEXT,
    "agencyId" INTEGER NOT NULL,
    "mappedBy" TEXT NOT NULL,
    "mappedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Workspace_taskForceId_fkey" FOREIGN KEY ("taskForceId") REFERENCES "TaskForce" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Workspace_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Workspace" ("agencyId", "mappedAt", "mappedBy", "name", "teamId") SELECT "agencyId", "mappedAt", "mappedBy", "name", "teamId" FROM "Workspace";
DROP TABLE "Workspace";
ALTER TABLE "new_Workspace" RENAME TO "Workspace";
UPDATE "AuditEvent" SET "taskForceId" = 1;
UPDATE "RoleGrant" SET "taskForceId" = 1;
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "TaskForce_code_key" ON "TaskForce"("code");

-- CreateIndex
CREATE INDEX "ChannelBinding_taskForceId_idx" ON "ChannelBinding"("taskForceId");
