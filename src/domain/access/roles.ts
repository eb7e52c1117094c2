/** Roles in ascending order of power: each may do everything the ones before it may. */
export const roles = ["viewer", "member", "leadership", "admin"] as const;
export type Role = (typeof roles)[number];

export function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value);
}

/** True when `held` (null: no access at all) is at least `required`. */
export function roleAllows(held: Role | null, required: Role | "anyone"): boolean {
  if (required === "anyone") return true;
  if (held === null) return false;
  return roles.indexOf(held) >= roles.indexOf(required);
}

/**
 * A role above the task forces, held with no task force: reads every task force's summaries (as
 * leadership in each) and the statewide roll-up. State admins are TF_ADMINS, configured, not granted.
 */
export const stateLeadership = "state-leadership";
