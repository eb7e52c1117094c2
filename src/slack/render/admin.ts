import type { KnownBlock } from "@slack/types";
import { describeChange } from "../../domain/audit/change.js";
import { escapeMrkdwn } from "../../domain/text/escape.js";
import { localDateOf } from "../../domain/time/local-date.js";
import { localTimeOf } from "../../domain/time/zoned.js";
import type { AuditListing } from "../../usecases/admin/audit-log-query.js";
import { section, sectionsOf } from "./blocks.js";

/** Audit events one per line: when (local), who, what, on which record, and the outcome. */
export function auditListing(events: readonly AuditListing[], timeZone: string): [string, KnownBlock[]] {
  const text = `${events.length} audit event${events.length === 1 ? "" : "s"}, newest first.`;
  if (events.length === 0) return [text, [section("No audit events match.")]];
  const lines = events.map((e) => {
    const when = `${localDateOf(e.at, timeZone)} ${localTimeOf(e.at, timeZone)}`;
    const who =
      e.actorUserId && /^[UW][A-Z0-9]+$/.test(e.actorUserId)
        ? `<@${e.actorUserId}>`
        : (e.actorUserId ?? "system");
    const outcome = e.outcome === "ok" ? "" : ` — *${e.outcome}*`;
    const change = describeChange(e.before, e.after);
    return `• ${when} ${who} \`${escapeMrkdwn(e.action)}\`${e.targetId ? ` ${target(e.targetId)}` : ""}${outcome}${change ? ` — ${change}` : ""}`;
  });
  return [text, [section(`*${text}*`), ...sectionsOf(lines)]];
}

/** A person is the target as `T…:U…`: shown as the mention, with the workspace it is in. */
function target(targetId: string): string {
  const person = /^([TE][A-Z0-9]+):([UW][A-Z0-9]+)$/.exec(targetId);
  return person ? `<@${person[2]}> (${person[1]})` : escapeMrkdwn(targetId);
}
