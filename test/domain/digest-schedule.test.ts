import { describe, expect, it } from "vitest";
import { type DigestSchedule, dueDigests, maxDigestAttempts } from "../../src/domain/digest/schedule.js";

const ny = "America/New_York";
const schedule: DigestSchedule = {
  channelId: "C1",
  localTime: "07:00",
  timeZone: ny,
  createdAt: new Date("2025-01-01T00:00:00Z"),
};

describe("dueDigests", () => {
  it("owes nothing before today's time when yesterday's was posted", () => {
    const now = new Date("2025-03-06T11:59:00Z"); // 06:59 EST
    expect(
      dueDigests(
        now,
        [schedule],
        [{ channelId: "C1", localDate: "2025-03-05", status: "posted", attempts: 1 }],
      ),
    ).toEqual([]);
  });

  it("owes today's digest from its time, on time within 10 minutes", () => {
    const now = new Date("2025-03-06T12:00:30Z"); // 07:00:30 EST
    expect(
      dueDigests(
        now,
        [schedule],
        [{ channelId: "C1", localDate: "2025-03-05", status: "posted", attempts: 1 }],
      ),
    ).toEqual([
      {
        channelId: "C1",
        localDate: "2025-03-06",
        scheduledAt: new Date("2025-03-06T12:00:00Z"),
        late: false,
        retry: false,
      },
    ]);
  });

  it("uses the zone's offset on the day: 07:00 EDT after the spring change", () => {
    const now = new Date("2025-03-10T11:00:00Z"); // 07:00 EDT
    expect(
      dueDigests(
        now,
        [schedule],
        [{ channelId: "C1", localDate: "2025-03-09", status: "posted", attempts: 1 }],
      )[0]?.scheduledAt,
    ).toEqual(new Date("2025-03-10T11:00:00Z"));
  });

  it("after downtime owes only the latest missed day, marked late", () => {
    const now = new Date("2025-03-09T04:00:00Z"); // 23:00 EST on 8 March; nothing posted since the 1st
    expect(
      dueDigests(
        now,
        [schedule],
        [{ channelId: "C1", localDate: "2025-03-01", status: "posted", attempts: 1 }],
      ),
    ).toEqual([
      {
        channelId: "C1",
        localDate: "2025-03-08",
        scheduledAt: new Date("2025-03-08T12:00:00Z"),
        late: true,
        retry: false,
      },
    ]);
    const beforeTime = new Date("2025-03-08T11:00:00Z"); // 06:00 on the 8th: the 7th is owed
    expect(dueDigests(beforeTime, [schedule], [])[0]).toMatchObject({ localDate: "2025-03-07", late: true });
  });

  it("retries a failed run while attempts remain, and never takes over a claimed one", () => {
    const now = new Date("2025-03-06T12:05:00Z");
    const failed = { channelId: "C1", localDate: "2025-03-06", status: "failed" as const, attempts: 1 };
    expect(dueDigests(now, [schedule], [failed])[0]).toMatchObject({ retry: true, late: false });
    expect(dueDigests(now, [schedule], [{ ...failed, attempts: maxDigestAttempts }])).toEqual([]);
    expect(dueDigests(now, [schedule], [{ ...failed, status: "claimed" }])).toEqual([]);
  });

  it("owes nothing for days before the schedule was added", () => {
    const added = { ...schedule, createdAt: new Date("2025-03-06T15:00:00Z") }; // 10:00, after today's time
    expect(dueDigests(new Date("2025-03-06T15:01:00Z"), [added], [])).toEqual([]);
    expect(dueDigests(new Date("2025-03-07T12:00:00Z"), [added], [])[0]).toMatchObject({
      localDate: "2025-03-07",
    });
  });

  it("handles each channel in its own zone", () => {
    const chicago = { ...schedule, channelId: "C2", timeZone: "America/Chicago" };
    const now = new Date("2025-03-06T12:30:00Z"); // 07:30 in New York, 06:30 in Chicago
    const runs = [
      { channelId: "C1", localDate: "2025-03-05", status: "posted" as const, attempts: 1 },
      { channelId: "C2", localDate: "2025-03-05", status: "posted" as const, attempts: 1 },
    ];
    expect(dueDigests(now, [schedule, chicago], runs).map((d) => d.channelId)).toEqual(["C1"]);
  });
});
