-- AlterTable
ALTER TABLE "Area" ADD COLUMN     "population" INTEGER NOT NULL DEFAULT 0;
