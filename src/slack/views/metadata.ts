/** A modal's private metadata: where its command was typed, so the confirmation appears there. */
export function modalMetadata(channelId: string): string {
  return JSON.stringify({ channel: channelId });
}

export function channelOfMetadata(metadata: string): string | undefined {
  try {
    const parsed = JSON.parse(metadata) as { channel?: unknown };
    return typeof parsed.channel === "string" ? parsed.channel : undefined;
  } catch {
    return undefined;
  }
}
