-- CreateTable
CREATE TABLE "SlackRemoval" (
    "teamId" TEXT NOT NULL PRIMARY KEY,
    "event" TEXT NOT NULL,
    "removedAt" DATETIME NOT NULL
);
