-- AlterTable
ALTER TABLE "Unit" ADD COLUMN "measures" TEXT;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_SeizureReport" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
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
    CONSTRAINT "SeizureReport_reporterId_fkey" FOREIGN KEY ("reporterId") REFERENCES "Member" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "SeizureReport_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "SeizureReport_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "SeizureReport_areaId_fkey" FOREIGN KEY ("areaId") REFERENCES "Area" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_SeizureReport" ("agencyId", "areaId", "arrests", "caseRef", "conversionDevices", "createdAt", "currencyCents", "firearms", "ghostGuns", "id", "note", "occurredOn", "reporterId", "requestId", "stolenFirearms", "unitId", "vehicles", "voidReason", "voidedAt", "voidedBy", "warrants") SELECT "agencyId", "areaId", "arrests", "caseRef", "conversionDevices", "createdAt", "currencyCents", "firearms", "ghostGuns", "id", "note", "occurredOn", "reporterId", "requestId", "stolenFirearms", "unitId", "vehicles", "voidReason", "voidedAt", "voidedBy", "warrants" FROM "SeizureReport";
DROP TABLE "SeizureReport";
ALTER TABLE "new_SeizureReport" RENAME TO "SeizureReport";
CREATE INDEX "SeizureReport_occurredOn_idx" ON "SeizureReport"("occurredOn");
CREATE INDEX "SeizureReport_unitId_occurredOn_idx" ON "SeizureReport"("unitId", "occurredOn");
CREATE INDEX "SeizureReport_agencyId_occurredOn_idx" ON "SeizureReport"("agencyId", "occurredOn");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
