/*
  Warnings:

  - A unique constraint covering the columns `[teamId,slackUserId]` on the table `Member` will be added. If there are existing duplicate values, this will fail.

*/
-- DropIndex
DROP INDEX "Member_slackUserId_key";

-- CreateIndex
CREATE UNIQUE INDEX "Member_teamId_slackUserId_key" ON "Member"("teamId", "slackUserId");
