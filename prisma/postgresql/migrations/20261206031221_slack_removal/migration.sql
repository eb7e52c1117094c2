-- CreateTable
CREATE TABLE "SlackRemoval" (
    "teamId" TEXT NOT NULL,
    "event" TEXT NOT NULL,
    "removedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SlackRemoval_pkey" PRIMARY KEY ("teamId")
);
