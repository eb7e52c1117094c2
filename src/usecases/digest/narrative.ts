/**
 * The digest's narrative paragraph: the model's text when a model is configured and its text
 * passes the grounding check, otherwise the deterministic template. It never throws and never
 * waits longer than the model's own timeout (plus a safety deadline here), so the digest is never
 * late or missing because of the model.
 */

import { allowedNumbers, type NarrativeFacts } from "../../domain/narrative/facts.js";
import { checkNarrative } from "../../domain/narrative/grounding.js";
import { templateNarrative } from "../../domain/narrative/template.js";
import type { Logger } from "../../infra/logger.js";

/**
 * A writer of narratives from facts (infra/llm/narrative-model.ts). `write` receives only the
 * facts; it rejects on any failure with an Error whose message is safe to log: it must not hold
 * the prompt, the reply or anything else from the request.
 */
export interface NarrativeModel {
  /** The model name, for the log. */
  readonly model: string;
  write(facts: NarrativeFacts): Promise<string>;
}

export interface Narrative {
  text: string;
  source: "model" | "template";
  /** Why the template was used; absent when the model's text was used. */
  reason?: string;
}

export interface WriteNarrativeOptions {
  /**
   * A last-resort deadline in ms, for a model that ignores its own timeout (default 6000; the
   * OpenAI client times out after 4000 by default).
   */
  deadlineMs?: number;
}

class DeadlineError extends Error {}

function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineError(`timeout after ${ms} ms`)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

/** A model's text as one paragraph: runs of whitespace (line breaks included) become one space. */
function oneParagraph(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

function failureReason(error: unknown): string {
  const message = error instanceof Error ? error.message : "unknown error";
  return `model failed: ${message.replace(/\s+/g, " ").slice(0, 200)}`;
}

/**
 * The narrative for `facts`: the model's if it is configured, answers in time and is grounded;
 * otherwise the template, with the reason. Logs one info line saying which was used and why, with
 * the model name and timing, never the text or the facts.
 */
export async function writeNarrative(
  facts: NarrativeFacts,
  model: NarrativeModel | undefined,
  logger: Logger,
  options: WriteNarrativeOptions = {},
): Promise<Narrative> {
  const fallback = (reason: string, extra: Record<string, unknown> = {}): Narrative => {
    logger.info({ narrative: { source: "template", reason, ...extra } }, "digest narrative: template");
    return { text: templateNarrative(facts), source: "template", reason };
  };
  if (!model) return fallback("model not configured");

  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  let raw: string;
  try {
    raw = await withDeadline(model.write(facts), options.deadlineMs ?? 6000);
  } catch (error) {
    return fallback(failureReason(error), { model: model.model, ms: elapsed() });
  }
  const text = oneParagraph(raw);
  const check = checkNarrative(text, allowedNumbers(facts));
  if (!check.ok) {
    return fallback(`model output rejected: ${check.reason}`, { model: model.model, ms: elapsed() });
  }
  logger.info(
    { narrative: { source: "model", model: model.model, ms: elapsed(), chars: text.length } },
    "digest narrative: model",
  );
  return { text, source: "model" };
}
