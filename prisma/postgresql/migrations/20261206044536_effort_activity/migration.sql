-- AlterTable
ALTER TABLE "SeizureReport" ADD COLUMN     "citations" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "paroleChecks" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "paroleViolations" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "trafficStops" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Unit" ADD COLUMN     "measures" TEXT;
