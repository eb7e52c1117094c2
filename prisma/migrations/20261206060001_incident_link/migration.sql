-- CreateTable
CREATE TABLE "IncidentLink" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "kind" TEXT NOT NULL,
    "incidentId" INTEGER NOT NULL,
    "stolenId" INTEGER NOT NULL,
    "recoveryOf" INTEGER,
    "recoveredBy" INTEGER,
    "recoveryDays" INTEGER,
    "reason" TEXT,
    "linkedById" INTEGER,
    "source" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "requestId" TEXT,
    CONSTRAINT "IncidentLink_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "IncidentLink_stolenId_fkey" FOREIGN KEY ("stolenId") REFERENCES "Incident" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "IncidentLink_linkedById_fkey" FOREIGN KEY ("linkedById") REFERENCES "Member" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "IncidentLink_recoveryOf_key" ON "IncidentLink"("recoveryOf");

-- CreateIndex
CREATE UNIQUE INDEX "IncidentLink_recoveredBy_key" ON "IncidentLink"("recoveredBy");

-- CreateIndex
CREATE INDEX "IncidentLink_stolenId_idx" ON "IncidentLink"("stolenId");

-- CreateIndex
CREATE INDEX "IncidentLink_kind_incidentId_idx" ON "IncidentLink"("kind", "incidentId");

-- CreateIndex
CREATE UNIQUE INDEX "IncidentLink_incidentId_stolenId_key" ON "IncidentLink"("incidentId", "stolenId");
