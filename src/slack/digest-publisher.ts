import type { webApi } from "@slack/bolt";
import { renderTrendChart } from "../infra/charts/trend-chart.js";
import type { Logger } from "../infra/logger.js";
import type { DigestPublisher } from "../usecases/digest/digests.js";
import { compstatChart } from "./render/compstat-chart.js";
import { digestHeadline, renderDigest } from "./render/digest.js";

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
        const code = (error as { data?: { error?: string } }).data?.error;
        if (code === "channel_not_found")
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
        const parent = options.threaded
          ? await client.chat.postMessage({
              channel: channelId,
              text: digestHeadline(content),
              unfurl_links: false,
            })
          : await client.chat.postMessage({ channel: channelId, text, blocks, unfurl_links: false });
        parentTs = parent.ts ?? "";
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
          throw new PartialPostError(`the digest reply failed: ${(error as Error).message}`, parentTs);
        }
      }
      if (options.sections === "all" || options.sections.includes("chart")) {
        try {
          await client.filesUploadV2({
            channel_id: channelId,
            thread_ts: parentTs,
            file: await renderTrendChart(compstatChart(content.compstat)),
            filename: `compstat-${content.compstat.asOf}.png`,
            title: `CompStat 8-week trend as of ${content.compstat.asOf}`,
          });
        } catch (error) {
          logger.warn({ channel: channelId, error: (error as Error).message }, "digest chart not posted");
        }
      }
      return { messageTs: parentTs };
    },
  };
}
