import { describe, expect, it } from "vitest";
import type { IncidentKind } from "../../src/domain/incidents/kinds.js";
import { type LinkableIncident, planLink } from "../../src/domain/incidents/links.js";

const incident = (
  id: number,
  kind: IncidentKind,
  localDate: string,
  localTime: string | null = null,
  voided = false,
): LinkableIncident => ({ id, recordId: `I-${id}`, kind, localDate, localTime, voided });

const allowed =
  "A shooting links to the stolen vehicle used in it, and a recovered vehicle to the theft it closes.";

describe("which incidents may be linked", () => {
  it("links a shooting to a stolen vehicle in either order", () => {
    const shooting = incident(1, "shooting", "2025-03-01");
    const theft = incident(2, "stolen_vehicle", "2025-02-27");
    for (const plan of [planLink(shooting, theft), planLink(theft, shooting)]) {
      expect(plan).toEqual({ kind: "vehicle_used", incident: shooting, stolen: theft, recoveryDays: null });
    }
  });

  it("counts days to recovery in local dates, across a clock change and a year end", () => {
    // 23:30 on 8 March to 23:00 on 9 March 2025 in New York is 23½ hours, yet the next date.
    const theft = incident(2, "stolen_vehicle", "2025-03-08", "23:30");
    expect(planLink(incident(3, "recovered_vehicle", "2025-03-09", "23:00"), theft)).toMatchObject({
      kind: "recovery",
      recoveryDays: 1,
    });
    expect(
      planLink(incident(4, "stolen_vehicle", "2024-12-30"), incident(5, "recovered_vehicle", "2025-03-01")),
    ).toMatchObject({ recoveryDays: 61 });
    // Same day: later the same day, or with a time unknown, is not before the theft.
    expect(planLink(incident(6, "recovered_vehicle", "2025-03-08"), theft)).toMatchObject({
      recoveryDays: 0,
    });
    expect(planLink(incident(7, "recovered_vehicle", "2025-03-08", "23:45"), theft)).toMatchObject({
      recoveryDays: 0,
    });
  });

  it("refuses a recovery dated before its theft, by date and then by time", () => {
    const theft = incident(2, "stolen_vehicle", "2025-03-08", "23:30");
    expect(planLink(incident(3, "recovered_vehicle", "2025-03-07", "10:00"), theft)).toEqual({
      refused:
        "I-3 (recovered 2025-03-07 10:00) is dated before the theft I-2 (stolen 2025-03-08 23:30): a vehicle is recovered after it is stolen. Check the dates, or link the right theft.",
      field: "first",
    });
    expect(planLink(theft, incident(4, "recovered_vehicle", "2025-03-08", "22:00"))).toMatchObject({
      field: "second",
    });
  });

  it("refuses pairs that tell no story together, a record with itself, and a voided record", () => {
    const shooting = incident(1, "shooting", "2025-03-01");
    expect(planLink(shooting, incident(2, "shooting", "2025-03-01"))).toEqual({
      refused: `I-1 (a shooting) and I-2 (a shooting) cannot be linked. ${allowed}`,
      field: "second",
    });
    expect(
      planLink(incident(3, "stolen_vehicle", "2025-03-01"), incident(4, "stolen_vehicle", "2025-03-02")),
    ).toMatchObject({
      refused: `I-3 (a stolen vehicle) and I-4 (a stolen vehicle) cannot be linked. ${allowed}`,
    });
    expect(planLink(shooting, incident(5, "recovered_vehicle", "2025-03-02"))).toMatchObject({
      refused: `I-1 (a shooting) and I-5 (a recovered vehicle) cannot be linked. ${allowed}`,
    });
    expect(planLink(shooting, shooting)).toEqual({
      refused: "I-1 cannot be linked to itself: give two different records.",
      field: "second",
    });
    expect(planLink(shooting, incident(6, "stolen_vehicle", "2025-02-01", null, true))).toEqual({
      refused: "I-6 is voided, so it counts nowhere and cannot be linked. Link the record that replaced it.",
      field: "second",
    });
  });
});
