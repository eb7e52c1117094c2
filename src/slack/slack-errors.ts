// Slack's refusals the bot answers for the person rather than only logging them: which error codes mean what.

/** The error code of a failed Web API call (`not_in_channel`), or undefined for any other failure. */
export function slackErrorCode(error: unknown): string | undefined {
  const code = (error as { data?: { error?: unknown } } | undefined)?.data?.error;
  return typeof code === "string" ? code : undefined;
}

/** views.open's answers when the trigger can no longer open a view: too late (3 s), already used, or not Slack's. */
const staleTriggerCodes = new Set(["expired_trigger_id", "exchanged_trigger_id", "invalid_trigger_id"]);

export function isStaleTrigger(error: unknown): boolean {
  const code = slackErrorCode(error);
  return code !== undefined && staleTriggerCodes.has(code);
}

/**
 * chat.postEphemeral's answers when the person can't be shown a message in that channel: they are not in it (any
 * more), or the bot is not.
 */
const ephemeralRefusalCodes = new Set(["user_not_in_channel", "not_in_channel", "channel_not_found"]);

export function isEphemeralRefused(error: unknown): boolean {
  const code = slackErrorCode(error);
  return code !== undefined && ephemeralRefusalCodes.has(code);
}
