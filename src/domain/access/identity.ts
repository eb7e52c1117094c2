/**
 * Who someone is on Slack: a user id is unique only within its workspace, or within an Enterprise
 * Grid org (where one person keeps one id across the org's workspaces). So a person is the pair
 * (namespace, user), where the namespace is the Grid org's id (E…) for members of a Grid org and
 * the workspace's id (T…) otherwise. The same U… in two namespaces is two people.
 */
export interface SlackIdentity {
  /** The workspace (T…) or Grid org (E…) the user id belongs to. */
  teamId: string;
  userId: string;
}

export function sameIdentity(a: SlackIdentity, b: SlackIdentity): boolean {
  return a.teamId === b.teamId && a.userId === b.userId;
}

/** How an identity is written in configuration, logs and audit targets: `T012AB:U034CD`. */
export function formatIdentity(identity: SlackIdentity): string {
  return `${identity.teamId}:${identity.userId}`;
}

export interface Workspace {
  teamId: string;
  /** Its Enterprise Grid org, when it is in one. */
  enterpriseId?: string | undefined;
}

/** The namespace a workspace's users belong to: its Grid org when it is in one. */
export function namespaceOf(workspace: Workspace): string {
  return workspace.enterpriseId || workspace.teamId;
}

/**
 * The person behind a Slack user id seen in `workspace`. Members of the bot's own Grid org are
 * keyed by the org, since their id is the same in every workspace of it; anyone else by their own
 * workspace, the only namespace Slack tells us for a Slack Connect partner.
 */
export function personOf(userId: string, workspace: Workspace, home: Workspace): SlackIdentity {
  const inHomeOrg = home.enterpriseId !== undefined && workspace.enterpriseId === home.enterpriseId;
  return { teamId: inHomeOrg ? (home.enterpriseId as string) : workspace.teamId, userId };
}

/** A `TF_ADMINS` entry: `T…:U…` / `E…:U…`, or a bare `U…` for the bot's own workspace. */
export interface ConfiguredAdmin {
  teamId?: string;
  userId: string;
}

const userIdPattern = /^[UW][A-Z0-9]{2,}$/;
const namespacePattern = /^[TE][A-Z0-9]{2,}$/;

/** Undefined when `entry` is neither form. */
export function parseConfiguredAdmin(entry: string): ConfiguredAdmin | undefined {
  const [first, second, ...rest] = entry.split(":");
  if (rest.length > 0 || first === undefined) return undefined;
  if (second === undefined) return userIdPattern.test(first) ? { userId: first } : undefined;
  return namespacePattern.test(first) && userIdPattern.test(second)
    ? { teamId: first, userId: second }
    : undefined;
}

/**
 * A bare entry means that user in the bot's own namespace; an entry naming the bot's own workspace
 * means the same when that workspace is in a Grid org (whose id is then the namespace).
 */
export function resolveConfiguredAdmins(
  admins: readonly ConfiguredAdmin[],
  home: Workspace,
): SlackIdentity[] {
  return admins.map((admin) => ({
    teamId: admin.teamId === undefined || admin.teamId === home.teamId ? namespaceOf(home) : admin.teamId,
    userId: admin.userId,
  }));
}
