import type { Role } from "../domain/access/roles.js";

/** Who is acting, and when: passed to every use case so audit rows and "today" agree. */
export interface Actor {
  userId: string;
  teamId: string;
  role: Role | null;
  requestId: string;
  /** Read once at the edge. */
  now: Date;
}
