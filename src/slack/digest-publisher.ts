import type { webApi } from "@slack/bolt";
import { renderBarChart } from "../infra/charts/bar-chart.js";
import { renderTrendChart } from "../infra/charts/trend-chart.js";
import type { Logger } from "../infra/logger.js";
import { type DigestPublisher, DigestRefused } from "../usecases/digest/digests.js";
import { compstatChart } from "./render/compstat-chart.js";
import { digestHeadline, renderDigest } from "./render/digest.js";
import { hotspotChart } from "./render/hotspots.js";
import { slackErrorCode } from "./slack-errors.js";

/** A failure after the first message went out: its ts lets a retry continue instead of posting again. */
export class PartialPostError extends Error {
  constructor(
    message: string,
    readonly messageTs: string,
  ) {
    super(message);
  }
}

const invite = "Invite me with `/invite @Task Force Bot` in that channel, then add the schedule again.";

/** Slack's answers that mean the channel turns the bot's posts down until a person acts. */
const refusals = new Set(["not_in_channel", "channel_not_found", "is_archived"]);

/** A post's failure as the publisher reports it: a refusal as DigestRefused, anything else as it came. */
function refusalOr(error: unknown, messageTs?: string): unknown {
  const code = slackErrorCode(error);
  return code !== undefined && refusals.has(code) ? new DigestRefused(code, messageTs) : error;
}

/**
 * Why a channel's digest was not posted, for an admin: what Slack's error means and what to do about it. `error` is
 * what the run recorded: Slack's error code, or another failure's message, which is not shown (it may quote data).
 */
export function digestFailureReason(channelId: string, error: string | undefined): string {
  switch (error) {
    case "not_in_channel":
      return `I'm not in <#${channelId}>. Invite me with \`/invite @Task Force Bot\` there; the next digest will post.`;
    case "channel_not_found":
      return `I can't see <#${channelId}>: it was deleted, or it is private and I was removed. Invite me back, or remove the schedule.`;
    case "is_archived":
      return `<#${channelId}> is archived. Unarchive it, or remove the schedule.`;
    default:
      return error !== undefined && /^[a-z_]+$/.test(error)
        ? `Slack answered \`${error}\`.`
        : "The post failed; the bot's logs have the details.";
  }
}

/**
 * Posts digests with chat.postMessage. Threaded: a one-line parent, the digest as its reply.
 * The chart follows as an image; a chart that fails to upload is logged, never a reason to post
 * the digest again.
 */
export function slackDigestPublisher(client: webApi.WebClient, logger: Logger): DigestPublisher {
  return {
    async canPost(channelId) {
      try {
        const info = await client.conversations.info({ channel: channelId });
        if (info.channel?.is_archived) return { ok: false, reason: `<#${channelId}> is archived.` };
        if (info.channel?.is_member === false)
          return { ok: false, reason: `I'm not in <#${channelId}>. ${invite}` };
        return { ok: true };
      } catch (error) {
        if (slackErrorCode(error) === "channel_not_found")
          return {
            ok: false,
            reason: `I can't see <#${channelId}> (private channels must invite me first). ${invite}`,
          };
        throw error;
      }
    },

    async publish(channelId, content, options, previousTs) {
      const [text, blocks] = renderDigest(content, options.sections);
      let parentTs = previousTs;
      if (!parentTs) {
        try {
          const parent = options.threaded
            ? await client.chat.postMessage({
                channel: channelId,
                text: digestHeadline(content),
                unfurl_links: false,
              })
            : await client.chat.postMessage({ channel: channelId, text, blocks, unfurl_links: false });
          parentTs = parent.ts ?? "";
        } catch (error) {
          throw refusalOr(error);
        }
      }
      if (options.threaded) {
        try {
          await client.chat.postMessage({
            channel: channelId,
            thread_ts: parentTs,
            text,
            blocks,
            unfurl_links: false,
          });
        } catch (error) {
          const refused = refusalOr(error, parentTs);
          if (refused instanceof DigestRefused) throw refused;
          throw new PartialPostError(`the digest reply failed: ${(error as Error).message}`, parentTs);
        }
      }
      if (options.sections === "all" || options.sections.includes("chart")) {
        const { compstat, hotspots } = content;
        const charts = [
          {
            file: () => renderTrendChart(compstatChart(compstat)),
            filename: `compstat-${compstat.asOf}.png`,
            title: `CompStat 8-week trend as of ${compstat.asOf}`,
          },
          ...(hotspots.areas.length > 0
            ? [
                {
                  file: () => renderBarChart(hotspotChart(hotspots)),
                  filename: `hotspots-${hotspots.asOf}.png`,
                  title: `Hot spots, last 28 days, as of ${hotspots.asOf}`,
                },
              ]
            : []),
        ];
        for (const chart of charts) {
          try {
            await client.filesUploadV2({
              channel_id: channelId,
              thread_ts: parentTs,
              file: await chart.file(),
              filename: chart.filename,
              title: chart.title,
            });
          } catch (error) {
            logger.warn(
              { channel: channelId, chart: chart.filename, error: (error as Error).message },
              "digest chart not posted",
            );
          }
        }
      }
      return { messageTs: parentTs };
    },
  };
}
