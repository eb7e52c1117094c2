/** What a modal's private metadata carries, so its confirmation reaches the person where they typed the command. */
export interface ModalMetadata {
  /** The channel the command was typed in. */
  channel?: string;
  /**
   * The command's response_url, which reaches the person in any conversation for 30 minutes: Slack refuses the
   * bot's own chat.postEphemeral in a private channel or DM it is not in.
   */
  responseUrl?: string;
  /** The task force `tf:` named on the command that opened the form: its submission acts there too. */
  taskForce?: string;
}

export function modalMetadata(from: { channelId: string; taskForceCode?: string }): string {
  return JSON.stringify({
    channel: from.channelId,
    ...(from.taskForceCode ? { taskForce: from.taskForceCode } : {}),
  } satisfies ModalMetadata);
}

/** The metadata with the command's response_url added; the subcommand that drew the modal does not have it. */
export function withResponseUrl(metadata: string | undefined, responseUrl: string): string {
  return JSON.stringify({ ...readModalMetadata(metadata ?? ""), responseUrl } satisfies ModalMetadata);
}

export function readModalMetadata(metadata: string): ModalMetadata {
  try {
    const parsed = JSON.parse(metadata) as Record<string, unknown>;
    return {
      ...(typeof parsed.channel === "string" ? { channel: parsed.channel } : {}),
      ...(typeof parsed.responseUrl === "string" ? { responseUrl: parsed.responseUrl } : {}),
      ...(typeof parsed.taskForce === "string" ? { taskForce: parsed.taskForce } : {}),
    };
  } catch {
    return {};
  }
}
