-- CreateTable
CREATE TABLE "IncidentLink" (
    "id" SERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "incidentId" INTEGER NOT NULL,
    "stolenId" INTEGER NOT NULL,
    "recoveryOf" INTEGER,
    "recoveredBy" INTEGER,
    "recoveryDays" INTEGER,
    "reason" TEXT,
    "linkedById" INTEGER,
    "source" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "requestId" TEXT,

    CONSTRAINT "IncidentLink_pkey" PRIMARY KEY ("id")
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

-- AddForeignKey
ALTER TABLE "IncidentLink" ADD CONSTRAINT "IncidentLink_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentLink" ADD CONSTRAINT "IncidentLink_stolenId_fkey" FOREIGN KEY ("stolenId") REFERENCES "Incident"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentLink" ADD CONSTRAINT "IncidentLink_linkedById_fkey" FOREIGN KEY ("linkedById") REFERENCES "Member"("id") ON DELETE SET NULL ON UPDATE CASCADE;
