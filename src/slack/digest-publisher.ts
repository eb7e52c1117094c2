import type { webApi } from "@slack/bolt";
import type { KnownBlock } from "@slack/types";
import { renderBarChart } from "../infra/charts/bar-chart.js";
import { renderTrendChart } from "../infra/charts/trend-chart.js";
import type { Logger } from "../infra/logger.js";
import type { DigestContent } from "../usecases/digest/content.js";
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

/** Slack's most blocks in one message. */
const MAX_BLOCKS = 50;

/** A chart uploaded to Slack, shown in digests by its file id; its PNG is kept for a channel that cannot show it so. */
interface UploadedChart {
  id: string;
  title: string;
  filename: string;
  png: Buffer;
}

/**
 * Posts digests with chat.postMessage. Threaded: a one-line parent, the digest as its reply.
 *
 * The charts are uploaded once per digest content, not once per channel, and shown as image blocks
 * in the digest itself: the files methods allow 100 calls a minute per workspace (tier 4), so two
 * charts uploaded into each of 200 channels due at 07:00 would take four minutes and be answered
 * 429 meanwhile, while the digests of one task force all share the same figures. A chart that
 * fails to upload is logged and left out, never a reason to post the digest again.
 *
 * Slack may refuse to show a bot's unshared upload in a message (`invalid_blocks`, as it does while a
 * file is still being processed): the digest then posts without the images, and its charts follow as
 * files shared into the channel (into the thread when threaded), so no digest is lost to its charts.
 *
 * Slack allows 1 message per second per channel: a digest's messages in one channel (the threaded
 * parent and its reply) go at least `messageGapMs` apart, each timed from the answer to the one
 * before. The wait is this channel's own; other channels post meanwhile.
 */
export function slackDigestPublisher(
  client: webApi.WebClient,
  logger: Logger,
  options: { messageGapMs?: number } = {},
): DigestPublisher {
  const gapMs = options.messageGapMs ?? 1000;
  // Keyed by the content object: the digest use cases hand every channel of a tick with the same
  // figures the same object, and a later day's content is a new one (this holds nothing alive).
  const uploads = new WeakMap<DigestContent, Promise<UploadedChart[]>>();

  async function upload(content: DigestContent): Promise<UploadedChart[]> {
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
    const uploaded: UploadedChart[] = [];
    for (const chart of charts) {
      try {
        // No channel: the file is the bot's own until a message shows it.
        const png = await chart.file();
        const result = await client.filesUploadV2({
          file: png,
          filename: chart.filename,
          title: chart.title,
        });
        const id = result.files[0]?.files?.[0]?.id;
        if (!id) throw new Error("Slack returned no file id");
        uploaded.push({ id, title: chart.title, filename: chart.filename, png });
      } catch (error) {
        logger.warn({ chart: chart.filename, error: (error as Error).message }, "digest chart not uploaded");
      }
    }
    return uploaded;
  }

  function chartsOf(content: DigestContent): Promise<UploadedChart[]> {
    let charts = uploads.get(content);
    if (!charts) {
      charts = upload(content);
      uploads.set(content, charts);
    }
    return charts;
  }

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
      const [text, digestBlocks] = renderDigest(content, options.sections);
      const charts =
        options.sections === "all" || options.sections.includes("chart") ? await chartsOf(content) : [];
      const blocks: KnownBlock[] = [
        ...digestBlocks,
        ...charts.slice(0, Math.max(0, MAX_BLOCKS - digestBlocks.length)).map(
          (chart): KnownBlock => ({
            type: "image",
            slack_file: { id: chart.id },
            alt_text: chart.title,
            title: { type: "plain_text", text: chart.title },
          }),
        ),
      ];
      let lastSent: number | undefined;
      const paced = async <T>(send: () => Promise<T>): Promise<T> => {
        const wait = lastSent === undefined ? 0 : lastSent + gapMs - Date.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        try {
          return await send();
        } finally {
          lastSent = Date.now();
        }
      };
      let chartsAsFiles = false;
      /** The digest itself, with its charts as images, or without them where Slack will not show them. */
      const postDigest = async (threadTs?: string) => {
        const args = {
          channel: channelId,
          text,
          unfurl_links: false,
          ...(threadTs ? { thread_ts: threadTs } : {}),
        };
        try {
          return await paced(() => client.chat.postMessage({ ...args, blocks }));
        } catch (error) {
          if (blocks.length === digestBlocks.length || slackErrorCode(error) !== "invalid_blocks")
            throw error;
          logger.warn({ channel: channelId }, "digest charts refused as images: posting them as files");
          chartsAsFiles = true;
          return await paced(() => client.chat.postMessage({ ...args, blocks: digestBlocks }));
        }
      };
      let parentTs = previousTs;
      if (!parentTs) {
        try {
          const parent = options.threaded
            ? await paced(() =>
                client.chat.postMessage({
                  channel: channelId,
                  text: digestHeadline(content),
                  unfurl_links: false,
                }),
              )
            : await postDigest();
          parentTs = parent.ts ?? "";
        } catch (error) {
          throw refusalOr(error);
        }
      }
      if (options.threaded) {
        // A continued attempt posted its parent a moment ago, in an earlier tick at the latest: no wait is owed.
        try {
          await postDigest(parentTs);
        } catch (error) {
          const refused = refusalOr(error, parentTs);
          if (refused instanceof DigestRefused) throw refused;
          throw new PartialPostError(`the digest reply failed: ${(error as Error).message}`, parentTs);
        }
      }
      if (chartsAsFiles) {
        for (const chart of charts) {
          try {
            const file = { file: chart.png, filename: chart.filename, title: chart.title };
            await client.filesUploadV2(
              options.threaded && parentTs
                ? { ...file, channel_id: channelId, thread_ts: parentTs }
                : { ...file, channel_id: channelId },
            );
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
