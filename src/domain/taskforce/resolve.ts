/**
 * Which task force a request acts in, from what the request carries. Pure: the caller has looked
 * up the channel's binding, the workspace's mapping and the task forces the caller holds a role in.
 *
 * In order: `tf:<code>` on the command; the channel's binding; the caller's workspace, when an
 * admin mapped it to a task force; the caller's only task force; the deployment's only task force.
 * A `tf:` names a task force the caller must hold a role in (state admins and state leadership
 * hold one in every task force); anything else that cannot decide is answered with the list of
 * task forces the caller may use.
 */
import type { TaskForce } from "./task-force.js";

export interface TaskForceClues {
  /** From `tf:<code>`, already parsed. */
  option?: string;
  /** The task force the request's channel is bound to. */
  channel?: TaskForce | null;
  /** The task force the caller's workspace is mapped to. */
  workspace?: TaskForce | null;
  /** Task forces the caller holds a role in (a grant or a running assignment). */
  roles: readonly TaskForce[];
  /** A state admin or state leadership: every task force is theirs. */
  statewide: boolean;
  /** Every task force of the deployment. */
  all: readonly TaskForce[];
}

export type TaskForceChoice =
  | { taskForce: TaskForce; by: "option" | "channel" | "workspace" | "role" | "only" }
  | { refused: "unknown" | "no-role" | "undetermined"; message: string };

/** The task forces the caller may act in: every one for a state role, else those they hold a role in. */
export function usableTaskForces(
  clues: Pick<TaskForceClues, "roles" | "statewide" | "all">,
): readonly TaskForce[] {
  return clues.statewide ? clues.all : clues.roles;
}

function listing(forces: readonly TaskForce[]): string {
  if (forces.length === 0) return "You hold a role in no task force yet: ask a task force admin for access.";
  return `Say which with \`tf:<code>\`, e.g. \`tf:${forces[0]?.code}\`. Yours: ${forces.map((t) => `\`${t.code}\` (${t.name})`).join(", ")}.`;
}

export function chooseTaskForce(clues: TaskForceClues): TaskForceChoice {
  const usable = usableTaskForces(clues);
  if (clues.option !== undefined) {
    const named = clues.all.find((t) => t.code === clues.option);
    if (!named) {
      return {
        refused: "unknown",
        message: `There is no task force \`${clues.option}\`. ${listing(usable)}`,
      };
    }
    if (!usable.some((t) => t.id === named.id)) {
      return {
        refused: "no-role",
        message: `You hold no role in ${named.name} (\`${named.code}\`). ${listing(usable)}`,
      };
    }
    return { taskForce: named, by: "option" };
  }
  if (clues.channel) return { taskForce: clues.channel, by: "channel" };
  if (clues.workspace) return { taskForce: clues.workspace, by: "workspace" };
  const [onlyRole] = clues.roles;
  if (clues.roles.length === 1 && onlyRole && !clues.statewide) return { taskForce: onlyRole, by: "role" };
  const [only] = clues.all;
  if (clues.all.length === 1 && only) return { taskForce: only, by: "only" };
  return {
    refused: "undetermined",
    message:
      usable.length === 0
        ? listing(usable)
        : `This channel is not bound to a task force, and you may act in more than one. ${listing(usable)}`,
  };
}
