-- AlterTable
ALTER TABLE "Member" ADD COLUMN     "homeTaskForceId" INTEGER;

-- AddForeignKey
ALTER TABLE "Member" ADD CONSTRAINT "Member_homeTaskForceId_fkey" FOREIGN KEY ("homeTaskForceId") REFERENCES "TaskForce"("id") ON DELETE SET NULL ON UPDATE CASCADE;
