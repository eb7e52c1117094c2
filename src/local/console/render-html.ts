// STUB until the renderer lands (branch console-render).
export interface RenderContext {
  userName(userId: string): string | undefined;
  channelName(channelId: string): string | undefined;
  fileUrl(fileId: string): string;
}
const esc = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
export function renderMrkdwn(text: string, _ctx: RenderContext): string {
  return esc(text);
}
export function renderMessageHtml(
  message: { text?: string; blocks?: unknown[] },
  _ctx: RenderContext,
): string {
  return `<div class="sk-text">${esc(message.blocks ? JSON.stringify(message.blocks) : (message.text ?? ""))}</div>`;
}
export function renderViewHtml(
  view: Record<string, unknown>,
  _ctx: RenderContext,
  _options?: { errors?: Record<string, string>; values?: Record<string, Record<string, unknown>> },
): string {
  return `<div class="sk-view">${esc(JSON.stringify(view))}</div>`;
}
