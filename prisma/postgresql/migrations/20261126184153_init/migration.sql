-- CreateTable
CREATE TABLE "Agency" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "retiredAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Agency_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Unit" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "retiredAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Unit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Area" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'neighborhood',
    "retiredAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Area_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Workspace" (
    "teamId" TEXT NOT NULL,
    "name" TEXT,
    "agencyId" INTEGER NOT NULL,
    "mappedBy" TEXT NOT NULL,
    "mappedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Workspace_pkey" PRIMARY KEY ("teamId")
);

-- CreateTable
CREATE TABLE "Member" (
    "id" SERIAL NOT NULL,
    "slackUserId" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "displayName" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Member_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RoleGrant" (
    "id" SERIAL NOT NULL,
    "memberId" INTEGER NOT NULL,
    "role" TEXT NOT NULL,
    "grantedBy" TEXT NOT NULL,
    "grantedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedBy" TEXT,
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "RoleGrant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Assignment" (
    "id" SERIAL NOT NULL,
    "memberId" INTEGER NOT NULL,
    "agencyId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "title" TEXT,
    "shift" TEXT,
    "startDate" TEXT NOT NULL,
    "endDate" TEXT,
    "registeredBy" TEXT NOT NULL,
    "registeredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endedBy" TEXT,
    "endedAt" TIMESTAMP(3),
    "voidedAt" TIMESTAMP(3),
    "voidedBy" TEXT,
    "voidReason" TEXT,

    CONSTRAINT "Assignment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AssignmentArea" (
    "assignmentId" INTEGER NOT NULL,
    "areaId" INTEGER NOT NULL,

    CONSTRAINT "AssignmentArea_pkey" PRIMARY KEY ("assignmentId","areaId")
);

-- CreateTable
CREATE TABLE "SeizureReport" (
    "id" SERIAL NOT NULL,
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
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "requestId" TEXT,
    "voidedAt" TIMESTAMP(3),
    "voidedBy" TEXT,
    "voidReason" TEXT,

    CONSTRAINT "SeizureReport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SeizureNarcotic" (
    "id" SERIAL NOT NULL,
    "reportId" INTEGER NOT NULL,
    "drugCode" TEXT NOT NULL,
    "drugName" TEXT NOT NULL,
    "quantity" DOUBLE PRECISION NOT NULL,
    "unit" TEXT NOT NULL,
    "massMg" BIGINT,
    "dosageUnits" INTEGER,

    CONSTRAINT "SeizureNarcotic_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Incident" (
    "id" SERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "occurredAt" TIMESTAMP(3) NOT NULL,
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
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "requestId" TEXT,
    "voidedAt" TIMESTAMP(3),
    "voidedBy" TEXT,
    "voidReason" TEXT,

    CONSTRAINT "Incident_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ImportBatch" (
    "id" SERIAL NOT NULL,
    "source" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "fileSha256" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "status" TEXT NOT NULL DEFAULT 'running',
    "inserted" INTEGER NOT NULL DEFAULT 0,
    "updated" INTEGER NOT NULL DEFAULT 0,
    "unchanged" INTEGER NOT NULL DEFAULT 0,
    "rejected" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ImportBatch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" SERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorUserId" TEXT,
    "actorTeamId" TEXT,
    "action" TEXT NOT NULL,
    "targetType" TEXT,
    "targetId" TEXT,
    "outcome" TEXT NOT NULL,
    "before" TEXT,
    "after" TEXT,
    "requestId" TEXT,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DigestChannel" (
    "id" SERIAL NOT NULL,
    "channelId" TEXT NOT NULL,
    "localTime" TEXT NOT NULL DEFAULT '07:00',
    "timeZone" TEXT NOT NULL,
    "sections" TEXT NOT NULL DEFAULT 'all',
    "threaded" BOOLEAN NOT NULL DEFAULT false,
    "narrative" BOOLEAN NOT NULL DEFAULT true,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "removedAt" TIMESTAMP(3),

    CONSTRAINT "DigestChannel_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DigestRun" (
    "id" SERIAL NOT NULL,
    "channelId" TEXT NOT NULL,
    "localDate" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "claimedBy" TEXT NOT NULL,
    "claimedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "late" BOOLEAN NOT NULL DEFAULT false,
    "messageTs" TEXT,
    "postedAt" TIMESTAMP(3),
    "lastError" TEXT,

    CONSTRAINT "DigestRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Agency_code_key" ON "Agency"("code");

-- CreateIndex
CREATE UNIQUE INDEX "Unit_code_key" ON "Unit"("code");

-- CreateIndex
CREATE UNIQUE INDEX "Area_code_key" ON "Area"("code");

-- CreateIndex
CREATE UNIQUE INDEX "Member_slackUserId_key" ON "Member"("slackUserId");

-- CreateIndex
CREATE INDEX "RoleGrant_memberId_revokedAt_idx" ON "RoleGrant"("memberId", "revokedAt");

-- CreateIndex
CREATE INDEX "Assignment_unitId_startDate_idx" ON "Assignment"("unitId", "startDate");

-- CreateIndex
CREATE INDEX "Assignment_memberId_startDate_idx" ON "Assignment"("memberId", "startDate");

-- CreateIndex
CREATE INDEX "SeizureReport_occurredOn_idx" ON "SeizureReport"("occurredOn");

-- CreateIndex
CREATE INDEX "SeizureReport_unitId_occurredOn_idx" ON "SeizureReport"("unitId", "occurredOn");

-- CreateIndex
CREATE INDEX "SeizureReport_agencyId_occurredOn_idx" ON "SeizureReport"("agencyId", "occurredOn");

-- CreateIndex
CREATE INDEX "SeizureNarcotic_reportId_idx" ON "SeizureNarcotic"("reportId");

-- CreateIndex
CREATE INDEX "SeizureNarcotic_drugCode_idx" ON "SeizureNarcotic"("drugCode");

-- CreateIndex
CREATE INDEX "Incident_kind_localDate_idx" ON "Incident"("kind", "localDate");

-- CreateIndex
CREATE INDEX "Incident_areaId_kind_localDate_idx" ON "Incident"("areaId", "kind", "localDate");

-- CreateIndex
CREATE INDEX "Incident_caseNumber_idx" ON "Incident"("caseNumber");

-- CreateIndex
CREATE UNIQUE INDEX "Incident_source_externalKey_key" ON "Incident"("source", "externalKey");

-- CreateIndex
CREATE INDEX "AuditEvent_at_idx" ON "AuditEvent"("at");

-- CreateIndex
CREATE INDEX "AuditEvent_actorUserId_at_idx" ON "AuditEvent"("actorUserId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "DigestChannel_channelId_key" ON "DigestChannel"("channelId");

-- CreateIndex
CREATE UNIQUE INDEX "DigestRun_channelId_localDate_key" ON "DigestRun"("channelId", "localDate");

-- AddForeignKey
ALTER TABLE "Workspace" ADD CONSTRAINT "Workspace_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoleGrant" ADD CONSTRAINT "RoleGrant_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Assignment" ADD CONSTRAINT "Assignment_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Assignment" ADD CONSTRAINT "Assignment_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Assignment" ADD CONSTRAINT "Assignment_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssignmentArea" ADD CONSTRAINT "AssignmentArea_assignmentId_fkey" FOREIGN KEY ("assignmentId") REFERENCES "Assignment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssignmentArea" ADD CONSTRAINT "AssignmentArea_areaId_fkey" FOREIGN KEY ("areaId") REFERENCES "Area"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SeizureReport" ADD CONSTRAINT "SeizureReport_reporterId_fkey" FOREIGN KEY ("reporterId") REFERENCES "Member"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SeizureReport" ADD CONSTRAINT "SeizureReport_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SeizureReport" ADD CONSTRAINT "SeizureReport_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SeizureReport" ADD CONSTRAINT "SeizureReport_areaId_fkey" FOREIGN KEY ("areaId") REFERENCES "Area"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SeizureNarcotic" ADD CONSTRAINT "SeizureNarcotic_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "SeizureReport"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Incident" ADD CONSTRAINT "Incident_areaId_fkey" FOREIGN KEY ("areaId") REFERENCES "Area"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Incident" ADD CONSTRAINT "Incident_importBatchId_fkey" FOREIGN KEY ("importBatchId") REFERENCES "ImportBatch"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Incident" ADD CONSTRAINT "Incident_reporterId_fkey" FOREIGN KEY ("reporterId") REFERENCES "Member"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DigestRun" ADD CONSTRAINT "DigestRun_channelId_fkey" FOREIGN KEY ("channelId") REFERENCES "DigestChannel"("channelId") ON DELETE RESTRICT ON UPDATE CASCADE;
