-- DropIndex
DROP INDEX "Incident_kind_localDate_idx";

-- CreateIndex
CREATE INDEX "Incident_kind_localDate_covering_idx" ON "Incident"("kind", "localDate", "voidedAt", "fatalVictims", "injuredVictims");
