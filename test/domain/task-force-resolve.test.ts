import { describe, expect, it } from "vitest";
import { chooseTaskForce, type TaskForceClues } from "../../src/domain/taskforce/resolve.js";
import type { TaskForce } from "../../src/domain/taskforce/task-force.js";

const force = (id: number, code: string, name: string): TaskForce => ({
  id,
  code,
  name,
  timeZone: "America/New_York",
  weekStart: "monday",
});
const hartford = force(1, "hartford", "Hartford Shooting Task Force");
const newHaven = force(2, "newhaven", "New Haven Shooting Task Force");
const all = [hartford, newHaven];
const clues = (c: Partial<TaskForceClues>): TaskForceClues => ({ roles: [], statewide: false, all, ...c });

describe("which task force a request acts in", () => {
  it("takes tf: first, then the channel, the workspace, the caller's only task force, the only one", () => {
    expect(chooseTaskForce(clues({ option: "newhaven", channel: hartford, roles: all }))).toEqual({
      taskForce: newHaven,
      by: "option",
    });
    expect(
      chooseTaskForce(clues({ channel: hartford, workspace: newHaven, roles: [newHaven] })),
    ).toMatchObject({
      by: "channel",
      taskForce: hartford,
    });
    expect(chooseTaskForce(clues({ workspace: newHaven, roles: all }))).toMatchObject({ by: "workspace" });
    expect(chooseTaskForce(clues({ roles: [newHaven] }))).toMatchObject({ by: "role", taskForce: newHaven });
    expect(chooseTaskForce({ roles: [], statewide: false, all: [hartford] })).toMatchObject({ by: "only" });
  });

  it("refuses a tf: the caller holds no role in, and an unknown one, listing the caller's", () => {
    expect(chooseTaskForce(clues({ option: "newhaven", roles: [hartford] }))).toEqual({
      refused: "no-role",
      message:
        "You hold no role in New Haven Shooting Task Force (`newhaven`). Say which with `tf:<code>`, e.g. `tf:hartford`. Yours: `hartford` (Hartford Shooting Task Force).",
    });
    expect(chooseTaskForce(clues({ option: "stamford", roles: [hartford] }))).toMatchObject({
      refused: "unknown",
      message:
        "There is no task force `stamford`. Say which with `tf:<code>`, e.g. `tf:hartford`. Yours: `hartford` (Hartford Shooting Task Force).",
    });
    // State roles may name any.
    expect(chooseTaskForce(clues({ option: "newhaven", statewide: true }))).toMatchObject({ by: "option" });
  });

  it("asks which when nothing decides, listing what the caller may use", () => {
    expect(chooseTaskForce(clues({ roles: all }))).toEqual({
      refused: "undetermined",
      message:
        "This channel is not bound to a task force, and you may act in more than one. Say which with `tf:<code>`, e.g. `tf:hartford`. Yours: `hartford` (Hartford Shooting Task Force), `newhaven` (New Haven Shooting Task Force).",
    });
    expect(chooseTaskForce(clues({ statewide: true, roles: [hartford] }))).toMatchObject({
      refused: "undetermined",
    });
    expect(chooseTaskForce(clues({}))).toEqual({
      refused: "undetermined",
      message: "You hold a role in no task force yet: ask a task force admin for access.",
    });
  });
});
