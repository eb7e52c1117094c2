import { describe, expect, it } from "vitest";
import { mrkdwnToPlain, renderMessage, renderView } from "../../src/emulator/render-text.js";

const plain = (text: string) => ({ type: "plain_text", text });
const mrkdwn = (text: string) => ({ type: "mrkdwn", text });
const button = (text: string, action_id: string) => ({ type: "button", text: plain(text), action_id });

describe("renderMessage", () => {
  it("renders a Block Kit message as terminal text", () => {
    const message = {
      text: "CompStat for 2024-10-19",
      blocks: [
        { type: "header", text: plain("CompStat — week to date") },
        {
          type: "section",
          text: mrkdwn(
            "As of *2024-10-19* for <@U0CHIEF01|chief> &amp; <#C0LEAD0001|leadership>. " +
              "<https://example.gov/report?a=1&amp;b=2|Full report>",
          ),
        },
        {
          type: "section",
          fields: [mrkdwn("*Shootings*\n4 (−2)"), mrkdwn("*Guns seized*\n7")],
          accessory: button("Details", "details"),
        },
        { type: "divider" },
        { type: "section", text: mrkdwn("```\nRow        WTD  Prior\nShootings    4      6\n```") },
        {
          type: "rich_text",
          elements: [
            {
              type: "rich_text_list",
              style: "bullet",
              elements: [
                { type: "rich_text_section", elements: [{ type: "text", text: "Frog Hollow: 2" }] },
                {
                  type: "rich_text_section",
                  elements: [
                    { type: "text", text: "South End: 1 " },
                    { type: "user", user_id: "U0DETECT01" },
                  ],
                },
              ],
            },
          ],
        },
        { type: "image", image_url: "https://example.gov/trend.png", alt_text: "8-week trend" },
        { type: "context", elements: [mrkdwn("Figures are preliminary &lt;subject to change&gt;")] },
        { type: "actions", elements: [button("Refresh", "refresh"), button("By area", "by_area")] },
      ],
    };

    expect(renderMessage(message)).toBe(
      [
        "CompStat — week to date",
        "=======================",
        "As of *2024-10-19* for @chief & #leadership. Full report (https://example.gov/report?a=1&b=2)",
        "*Shootings*",
        "4 (−2)",
        "*Guns seized*",
        "7",
        "[Details]",
        "---",
        "Row        WTD  Prior",
        "Shootings    4      6",
        "• Frog Hollow: 2",
        "• South End: 1 @U0DETECT01",
        "[image: 8-week trend]",
        "Figures are preliminary <subject to change>",
        "[Refresh] [By area]",
      ].join("\n"),
    );
  });

  it("falls back to text when there are no blocks, and accepts blocks as the JSON string of a form body", () => {
    expect(renderMessage({ text: "Saved &amp; audited. <!here>" })).toBe("Saved & audited. @here");
    expect(
      renderMessage({
        text: "fallback",
        blocks: JSON.stringify([{ type: "section", text: plain("a < b") }]),
      }),
    ).toBe("a < b");
  });
});

describe("mrkdwnToPlain", () => {
  it("puts code blocks on their own lines, verbatim, and leaves an unclosed fence alone", () => {
    expect(mrkdwnToPlain("Totals:```a &lt; b\n  <x>```done")).toBe("Totals:\na < b\n  <x>\ndone");
    expect(mrkdwnToPlain("one ``` fence")).toBe("one ``` fence");
  });

  it("shows links, mentions and dates by their labels", () => {
    expect(
      mrkdwnToPlain(
        "<https://a.gov> <mailto:x@a.gov|x@a.gov> <@U1> <!subteam^S1|@leads> <!date^1700000000^{date}|Nov 14>",
      ),
    ).toBe("https://a.gov x@a.gov @U1 @leads Nov 14");
  });
});

describe("renderView", () => {
  it("renders a modal's title, inputs with their labels, and its buttons", () => {
    const view = {
      type: "modal",
      title: plain("Report a seizure"),
      submit: plain("Save"),
      blocks: [
        {
          type: "input",
          label: plain("Guns"),
          element: { type: "plain_text_input", placeholder: plain("e.g. 3") },
        },
        {
          type: "input",
          optional: true,
          label: plain("Area"),
          element: { type: "static_select", placeholder: plain("Choose an area"), options: [] },
        },
        { type: "input", label: plain("Date"), element: { type: "datepicker", initial_date: "2024-10-19" } },
      ],
    };

    expect(renderView(view)).toBe(
      [
        "Report a seizure",
        "================",
        "Guns: [e.g. 3]",
        "Area (optional): [Choose an area ▾]",
        "Date: [2024-10-19]",
        "[Cancel] [Save]",
      ].join("\n"),
    );
  });

  it("renders a Home tab as its blocks", () => {
    expect(
      renderView({ type: "home", blocks: [{ type: "section", text: mrkdwn("*Your assignments*") }] }),
    ).toBe("*Your assignments*");
  });
});
