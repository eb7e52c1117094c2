-- AlterTable
ALTER TABLE "TaskForce" ADD COLUMN     "digestTime" TEXT NOT NULL DEFAULT '07:00';
