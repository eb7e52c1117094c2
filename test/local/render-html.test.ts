// The console's Block Kit → HTML renderer, block by block and element by element, with exact HTML:
// what Slack draws for each, the hooks the page's script reads, and text that must stay text.
import { describe, expect, it } from "vitest";
import {
  type RenderContext,
  renderMessageHtml,
  renderMrkdwn,
  renderViewHtml,
} from "../../src/local/console/render-html.js";

const names: Record<string, string> = { U0ALICE001: "alice", U0HOSTILE1: '<img src=x>"' };
const channels: Record<string, string> = { C0OPS00001: "ops" };
const ctx: RenderContext = {
  userName: (id) => names[id],
  channelName: (id) => channels[id],
  fileUrl: (id) => `/files/${id}`,
};

const plain = (text: string) => ({ type: "plain_text", text });
const mrkdwn = (text: string) => ({ type: "mrkdwn", text });
const md = (text: string) => renderMrkdwn(text, ctx);
const message = (...blocks: unknown[]) => renderMessageHtml({ text: "fallback", blocks }, ctx);
/** One block of a message, without the message's wrapper. */
const block = (b: unknown) => {
  const html = message(b);
  const open = '<div class="sk-message-content">';
  expect(html.startsWith(open) && html.endsWith("</div>")).toBe(true);
  return html.slice(open.length, -"</div>".length);
};
const link = (href: string, text: string) =>
  `<a class="sk-link" href="${href}" target="_blank" rel="noopener noreferrer">${text}</a>`;

describe("renderMrkdwn", () => {
  it("bold, italic and strike, nested as typed", () => {
    expect(md("*bold* _italic_ ~strike~")).toBe("<b>bold</b> <i>italic</i> <s>strike</s>");
    expect(md("*bold _and italic_*")).toBe("<b>bold <i>and italic</i></b>");
    expect(md("_(voided)_, *R-12*:")).toBe("<i>(voided)</i>, <b>R-12</b>:");
  });

  it("leaves marks inside words, beside spaces and across lines as typed", () => {
    expect(md("snake_case_name 2*3*4 a~b~c")).toBe("snake_case_name 2*3*4 a~b~c");
    expect(md("file_name_ x*y* not~me~ end")).toBe("file_name_ x*y* not~me~ end");
    expect(md("* not bold * and _ not italic _")).toBe("* not bold * and _ not italic _");
    expect(md("*one\ntwo*")).toBe("*one<br>two*");
    expect(md("**")).toBe("**");
  });

  it("inline code: literal, escapes undone, never formatted", () => {
    expect(md('run `/tf void R-1 reason:"*x*"` now')).toBe(
      'run <code class="sk-code">/tf void R-1 reason:&quot;*x*&quot;</code> now',
    );
    expect(md("`a &lt;b&gt; &amp; <@U0ALICE001> :warning:`")).toBe(
      '<code class="sk-code">a &lt;b&gt; &amp; &lt;@U0ALICE001&gt; :warning:</code>',
    );
    expect(md("*`/tf seizure`*")).toBe('<b><code class="sk-code">/tf seizure</code></b>');
    expect(md("an ` alone")).toBe("an ` alone");
  });

  it("preformatted blocks: verbatim, without the line breaks around the fences", () => {
    expect(md("*By unit*\n```\nUnit   Guns\nVCTF  &lt;1&gt;\n```\nafter")).toBe(
      '<b>By unit</b><pre class="sk-pre">Unit   Guns\nVCTF  &lt;1&gt;</pre>after',
    );
    expect(md("```*not bold* <https://x.test>```")).toBe(
      '<pre class="sk-pre">*not bold* &lt;https://x.test&gt;</pre>',
    );
    expect(md("an unclosed ``` fence *stays*")).toBe("an unclosed ``` fence <b>stays</b>");
  });

  it("quotes: > lines, the escaped &gt; Slack stores, and >>> for the rest", () => {
    expect(md("> one\n>two\nplain\n&gt; three")).toBe(
      '<blockquote class="sk-quote">one<br>two</blockquote>plain<blockquote class="sk-quote">three</blockquote>',
    );
    expect(md("lead\n>>> all\nof *this*")).toBe(
      'lead<blockquote class="sk-quote">all<br>of <b>this</b></blockquote>',
    );
    expect(md("a > b")).toBe("a &gt; b");
  });

  it("line breaks, bullet lines and their indentation are kept", () => {
    expect(md("• `/tf help`\n    List the commands\n\n• two")).toBe(
      '• <code class="sk-code">/tf help</code><br>    List the commands<br><br>• two',
    );
  });

  it("links: labelled, bare and mailto; escapes in the URL undone, then escaped for the attribute", () => {
    expect(md("<https://example.gov/r?a=1&amp;b=2|Full &amp; final>")).toBe(
      link("https://example.gov/r?a=1&amp;b=2", "Full &amp; final"),
    );
    expect(md("<https://example.gov>")).toBe(link("https://example.gov", "https://example.gov"));
    expect(md("<mailto:ops@example.gov|Write to us>")).toBe(link("mailto:ops@example.gov", "Write to us"));
    expect(md("*see <https://a.test|here>*")).toBe(`<b>see ${link("https://a.test", "here")}</b>`);
  });

  it("links with any other scheme are text", () => {
    expect(md("<javascript:alert(1)|click me>")).toBe("click me");
    expect(md("<javascript:alert(1)>")).toBe("javascript:alert(1)");
    expect(md("<JavaScript:alert(document.cookie)|x> <data:text/html,<b>|y>")).toBe(
      "x &lt;data:text/html,&lt;b&gt;|y&gt;",
    );
    expect(md("<ftp://files.test|files>")).toBe("files");
  });

  it("mentions: @name from the context, else the label, else the id; never a real mention", () => {
    expect(md("<@U0ALICE001> <@U0ALICE001|old> <@U0BOB00001|bob> <@U0NOBODY01>")).toBe(
      '<span class="sk-mention">@alice</span> <span class="sk-mention">@alice</span> ' +
        '<span class="sk-mention">@bob</span> <span class="sk-mention">@U0NOBODY01</span>',
    );
    expect(md("<@U0HOSTILE1>")).toBe('<span class="sk-mention">@&lt;img src=x&gt;&quot;</span>');
    expect(md("<!subteam^S0LEADS01|@leadership> <!subteam^S0LEADS01>")).toBe(
      '<span class="sk-mention">@leadership</span> <span class="sk-mention">@S0LEADS01</span>',
    );
  });

  it("channels: #name from the context, else the label, else the id", () => {
    expect(md("<#C0OPS00001> <#C0LEADERS1|leadership> <#C0UNKNOWN1>")).toBe(
      '<span class="sk-channel">#ops</span> <span class="sk-channel">#leadership</span> ' +
        '<span class="sk-channel">#C0UNKNOWN1</span>',
    );
  });

  it("@channel, @here and @everyone as styled text; unknown specials as typed", () => {
    expect(md("<!channel> <!here|here> <!everyone>")).toBe(
      '<span class="sk-broadcast">@channel</span> <span class="sk-broadcast">@here</span> ' +
        '<span class="sk-broadcast">@everyone</span>',
    );
    expect(md("<!nonsense>")).toBe("&lt;!nonsense&gt;");
  });

  it("dates: the fallback, with the instant for the page", () => {
    expect(md("<!date^1392734382^{date_short} at {time}|Feb 18, 2014 6:39 AM PST>")).toBe(
      '<time class="sk-date" datetime="2014-02-18T14:39:42Z">Feb 18, 2014 6:39 AM PST</time>',
    );
    expect(md("<!date^1392734382^{date}>")).toBe(
      '<time class="sk-date" datetime="2014-02-18T14:39:42Z">2014-02-18T14:39:42Z</time>',
    );
  });

  it("Slack's escapes shown as the characters, once", () => {
    expect(md("Smith &amp; Wesson &lt;ghost&gt; &amp;lt; &quot;")).toBe(
      "Smith &amp; Wesson &lt;ghost&gt; &amp;lt; &amp;quot;",
    );
  });

  it("the bot's emoji shortcodes as emoji; unknown ones as typed", () => {
    expect(md(":white_check_mark: Recorded. :warning: :hourglass: :tada: 07:30:00")).toBe(
      "\u2705 Recorded. \u26A0\uFE0F \u231B :tada: 07:30:00",
    );
  });

  it("hostile text stays text", () => {
    expect(md("<script>alert(1)</script>")).toBe("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(md('"><img src=x onerror=alert(1)>')).toBe("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;");
    expect(md("<https://evil.test|x>")).toBe(link("https://evil.test", "x"));
    expect(md('<https://evil.test/" onmouseover="alert(1)|y>')).toBe(
      link("https://evil.test/&quot; onmouseover=&quot;alert(1)", "y"),
    );
    expect(md("<https://evil.test|<b>>")).toBe("&lt;https://evil.test|&lt;b&gt;&gt;");
    expect(md('it\'s <@U0ALICE001|x" onclick="y>')).toBe('it&#39;s <span class="sk-mention">@alice</span>');
    expect(md("<!channel>")).toBe('<span class="sk-broadcast">@channel</span>');
  });
});

describe("renderMessageHtml", () => {
  it("a message without blocks shows its text as mrkdwn", () => {
    expect(renderMessageHtml({ text: ":warning: You can't run `/tf seizure`." }, ctx)).toBe(
      '<div class="sk-message-content"><div class="sk-message-text sk-text">\u26A0\uFE0F You can&#39;t run ' +
        '<code class="sk-code">/tf seizure</code>.</div></div>',
    );
    expect(renderMessageHtml({}, ctx)).toBe('<div class="sk-message-content"></div>');
  });

  it("blocks, not the text, when there are blocks", () => {
    expect(message({ type: "divider" })).toBe(
      '<div class="sk-message-content"><hr class="sk-block sk-divider"></div>',
    );
  });

  it("header: plain text, emoji drawn, escapes undone", () => {
    expect(block({ type: "header", text: { ...plain("Roster :warning: A &amp; B <i>"), emoji: true } })).toBe(
      '<div class="sk-block sk-header">Roster \u26A0\uFE0F A &amp; B &lt;i&gt;</div>',
    );
    expect(block({ type: "header", text: { ...plain(":warning:"), emoji: false } })).toBe(
      '<div class="sk-block sk-header">:warning:</div>',
    );
  });

  it("section: mrkdwn text, plain text, and fields in two columns", () => {
    expect(block({ type: "section", block_id: "s1", text: mrkdwn("*Guns*\n3") })).toBe(
      '<div class="sk-block sk-section" data-block-id="s1"><div class="sk-section-body">' +
        '<div class="sk-section-text sk-text"><b>Guns</b><br>3</div></div></div>',
    );
    expect(block({ type: "section", text: plain("*not bold*\nnext") })).toBe(
      '<div class="sk-block sk-section"><div class="sk-section-body">' +
        '<div class="sk-section-text sk-text">*not bold*<br>next</div></div></div>',
    );
    expect(
      block({ type: "section", text: mrkdwn("Totals"), fields: [mrkdwn("*Guns*\n3"), plain("Cash $1")] }),
    ).toBe(
      '<div class="sk-block sk-section"><div class="sk-section-body">' +
        '<div class="sk-section-text sk-text">Totals</div><div class="sk-fields">' +
        '<div class="sk-field sk-text"><b>Guns</b><br>3</div><div class="sk-field sk-text">Cash $1</div>' +
        "</div></div></div>",
    );
  });

  it("section accessories: button, image, select, overflow and datepicker", () => {
    const section = (accessory: unknown) =>
      block({ type: "section", block_id: "acc", text: mrkdwn("x"), accessory });
    const body =
      '<div class="sk-block sk-section" data-block-id="acc"><div class="sk-section-body">' +
      '<div class="sk-section-text sk-text">x</div></div><div class="sk-accessory">';
    expect(section({ type: "button", text: plain("Open"), action_id: "open", value: "7" })).toBe(
      `${body}<button type="button" class="sk-button" data-type="button" data-action-id="open" ` +
        'data-block-id="acc" data-value="7">Open</button></div></div>',
    );
    expect(section({ type: "image", image_url: "https://img.test/a.png", alt_text: "A chart" })).toBe(
      `${body}<img class="sk-image-element" src="https://img.test/a.png" alt="A chart"></div></div>`,
    );
    expect(
      section({
        type: "static_select",
        action_id: "pick",
        placeholder: plain("Pick a unit"),
        options: [
          { text: plain("VCTF"), value: "vctf" },
          { text: plain("SNTF"), value: "sntf" },
        ],
        initial_option: { text: plain("SNTF"), value: "sntf" },
      }),
    ).toBe(
      `${body}<select class="sk-select" name="acc/pick" data-type="static_select" data-action-id="pick" ` +
        'data-block-id="acc"><option value="">Pick a unit</option><option value="vctf">VCTF</option>' +
        '<option value="sntf" selected>SNTF</option></select></div></div>',
    );
    expect(
      section({
        type: "overflow",
        action_id: "more",
        options: [
          { text: plain("Edit"), value: "edit" },
          { text: plain("Docs"), value: "docs", url: "https://docs.test/" },
          { text: plain("Bad"), value: "bad", url: "javascript:alert(1)" },
        ],
      }),
    ).toBe(
      `${body}<details class="sk-overflow" data-type="overflow" data-action-id="more" data-block-id="acc">` +
        '<summary class="sk-overflow-toggle" aria-label="More actions">⋯</summary><div class="sk-overflow-menu">' +
        '<button type="button" class="sk-overflow-option" data-value="edit">Edit</button>' +
        '<button type="button" class="sk-overflow-option" data-value="docs" data-url="https://docs.test/">Docs</button>' +
        '<button type="button" class="sk-overflow-option" data-value="bad">Bad</button></div></details></div></div>',
    );
    expect(section({ type: "datepicker", action_id: "day", initial_date: "2025-03-10" })).toBe(
      `${body}<input type="date" class="sk-datepicker" name="acc/day" data-type="datepicker" ` +
        'data-action-id="day" data-block-id="acc" value="2025-03-10"></div></div>',
    );
  });

  it("context: mrkdwn, plain text and images in one line", () => {
    expect(
      block({
        type: "context",
        elements: [
          mrkdwn("*3* assigned"),
          plain("page 1 of 2"),
          { type: "image", image_url: "https://img.test/i.png", alt_text: "icon" },
          { type: "image", slack_file: { id: "F0CHART001" }, alt_text: "chart" },
        ],
      }),
    ).toBe(
      '<div class="sk-block sk-context"><span class="sk-context-text sk-text"><b>3</b> assigned</span>' +
        '<span class="sk-context-text sk-text">page 1 of 2</span>' +
        '<img class="sk-context-image" src="https://img.test/i.png" alt="icon">' +
        '<img class="sk-context-image" src="/files/F0CHART001" alt="chart"></div>',
    );
  });

  it("actions: buttons with styles, a url and a confirm dialog carried as JSON", () => {
    const confirm = {
      title: plain("Void it?"),
      text: mrkdwn('Void <"R-1"> & more'),
      confirm: plain("Void"),
      deny: plain("Keep"),
      style: "danger",
    };
    expect(
      block({
        type: "actions",
        block_id: "home_commands",
        elements: [
          { type: "button", text: plain("Record"), action_id: "go", style: "primary", value: "seizure" },
          { type: "button", text: plain("Void"), action_id: "void", style: "danger", confirm },
          { type: "button", text: plain("Docs"), action_id: "docs", url: "https://docs.test/a?b=1&c=2" },
          { type: "button", text: plain("Odd"), action_id: "odd", style: "weird", url: "javascript:x" },
        ],
      }),
    ).toBe(
      '<div class="sk-block sk-actions" data-block-id="home_commands">' +
        '<button type="button" class="sk-button sk-button-primary" data-type="button" data-action-id="go" ' +
        'data-block-id="home_commands" data-value="seizure">Record</button>' +
        '<button type="button" class="sk-button sk-button-danger" data-type="button" data-action-id="void" ' +
        'data-block-id="home_commands" data-confirm="{&quot;title&quot;:{&quot;type&quot;:&quot;plain_text&quot;,' +
        "&quot;text&quot;:&quot;Void it?&quot;},&quot;text&quot;:{&quot;type&quot;:&quot;mrkdwn&quot;," +
        "&quot;text&quot;:&quot;Void &lt;\\&quot;R-1\\&quot;&gt; &amp; more&quot;},&quot;confirm&quot;:" +
        "{&quot;type&quot;:&quot;plain_text&quot;,&quot;text&quot;:&quot;Void&quot;},&quot;deny&quot;:" +
        "{&quot;type&quot;:&quot;plain_text&quot;,&quot;text&quot;:&quot;Keep&quot;},&quot;style&quot;:" +
        '&quot;danger&quot;}">Void</button>' +
        '<button type="button" class="sk-button" data-type="button" data-action-id="docs" ' +
        'data-block-id="home_commands" data-url="https://docs.test/a?b=1&amp;c=2">Docs</button>' +
        '<button type="button" class="sk-button" data-type="button" data-action-id="odd" ' +
        'data-block-id="home_commands">Odd</button></div>',
    );
  });

  it("actions: a users select, an overflow with a confirm and a datepicker; no block id is an empty hook", () => {
    const withUsers: RenderContext = {
      ...ctx,
      knownUsers: () => [
        { id: "U0ALICE001", name: "alice" },
        { id: "U0BOB00001", name: "bob" },
      ],
    };
    expect(
      renderMessageHtml(
        {
          blocks: [
            {
              type: "actions",
              elements: [
                { type: "users_select", action_id: "who", initial_user: "U0BOB00001" },
                {
                  type: "overflow",
                  action_id: "more",
                  options: [{ text: plain("Void"), value: "void" }],
                  confirm: {
                    title: plain("Sure?"),
                    text: plain("Really"),
                    confirm: plain("Yes"),
                    deny: plain("No"),
                  },
                },
                { type: "datepicker", action_id: "day", placeholder: plain("Pick a day") },
              ],
            },
          ],
        },
        withUsers,
      ),
    ).toBe(
      '<div class="sk-message-content"><div class="sk-block sk-actions">' +
        '<select class="sk-select sk-users-select" name="/who" data-type="users_select" data-action-id="who" ' +
        'data-block-id=""><option value="">Select a user</option><option value="U0ALICE001">alice</option>' +
        '<option value="U0BOB00001" selected>bob</option></select>' +
        '<details class="sk-overflow" data-type="overflow" data-action-id="more" data-block-id="" ' +
        'data-confirm="{&quot;title&quot;:{&quot;type&quot;:&quot;plain_text&quot;,&quot;text&quot;:&quot;Sure?&quot;},' +
        "&quot;text&quot;:{&quot;type&quot;:&quot;plain_text&quot;,&quot;text&quot;:&quot;Really&quot;}," +
        "&quot;confirm&quot;:{&quot;type&quot;:&quot;plain_text&quot;,&quot;text&quot;:&quot;Yes&quot;}," +
        '&quot;deny&quot;:{&quot;type&quot;:&quot;plain_text&quot;,&quot;text&quot;:&quot;No&quot;}}">' +
        '<summary class="sk-overflow-toggle" aria-label="More actions">⋯</summary><div class="sk-overflow-menu">' +
        '<button type="button" class="sk-overflow-option" data-value="void">Void</button></div></details>' +
        '<input type="date" class="sk-datepicker" name="/day" data-type="datepicker" data-action-id="day" ' +
        'data-block-id=""></div></div>',
    );
  });

  it("a users select without a directory offers the chosen user, by name", () => {
    expect(
      block({
        type: "actions",
        block_id: "a",
        elements: [{ type: "users_select", action_id: "u", initial_user: "U0ALICE001" }],
      }),
    ).toBe(
      '<div class="sk-block sk-actions" data-block-id="a"><select class="sk-select sk-users-select" name="a/u" ' +
        'data-type="users_select" data-action-id="u" data-block-id="a"><option value="">Select a user</option>' +
        '<option value="U0ALICE001" selected>alice</option></select></div>',
    );
  });

  it("image blocks: a URL, an uploaded file, a title; other sources are not loaded", () => {
    expect(
      block({
        type: "image",
        block_id: "chart",
        image_url: "https://img.test/c.png?a=1&b=2",
        alt_text: 'Trend "8 weeks"',
        title: plain("CompStat trend"),
      }),
    ).toBe(
      '<div class="sk-block sk-image" data-block-id="chart"><div class="sk-image-title sk-text">CompStat trend</div>' +
        '<img class="sk-image-img" src="https://img.test/c.png?a=1&amp;b=2" alt="Trend &quot;8 weeks&quot;"></div>',
    );
    expect(block({ type: "image", slack_file: { id: "F0CHART001" }, alt_text: "chart" })).toBe(
      '<div class="sk-block sk-image"><img class="sk-image-img" src="/files/F0CHART001" alt="chart"></div>',
    );
    expect(block({ type: "image", image_url: "javascript:alert(1)", alt_text: "x" })).toBe(
      '<div class="sk-block sk-image"><span class="sk-image-img sk-image-unavailable">[image: x]</span></div>',
    );
  });

  it("rich text: sections, styles, lists, quotes, code, mentions and links", () => {
    expect(
      block({
        type: "rich_text",
        elements: [
          {
            type: "rich_text_section",
            elements: [
              { type: "text", text: "Hi ", style: { bold: true } },
              { type: "user", user_id: "U0ALICE001" },
              { type: "text", text: " <b>&amp;\n" },
              { type: "channel", channel_id: "C0OPS00001" },
              { type: "broadcast", range: "here" },
              { type: "emoji", name: "thumbsup", unicode: "1f44d" },
              { type: "emoji", name: "warning" },
              { type: "link", url: "https://a.test", text: "a", style: { italic: true } },
              { type: "link", url: "javascript:alert(1)", text: "bad" },
            ],
          },
          {
            type: "rich_text_list",
            style: "ordered",
            indent: 1,
            offset: 2,
            elements: [
              {
                type: "rich_text_section",
                elements: [{ type: "text", text: "third", style: { code: true } }],
              },
            ],
          },
          { type: "rich_text_quote", elements: [{ type: "text", text: "quoted", style: { strike: true } }] },
          { type: "rich_text_preformatted", elements: [{ type: "text", text: "a\n  b" }] },
        ],
      }),
    ).toBe(
      '<div class="sk-block sk-rich-text sk-text"><div class="sk-rich-section"><b>Hi </b>' +
        '<span class="sk-mention">@alice</span> &lt;b&gt;&amp;amp;<br><span class="sk-channel">#ops</span>' +
        '<span class="sk-broadcast">@here</span>\u{1F44D}\u26A0\uFE0F<i>' +
        `${link("https://a.test", "a")}</i>bad</div>` +
        '<ol class="sk-rich-list sk-indent-1" start="3"><li><code class="sk-code">third</code></li></ol>' +
        '<blockquote class="sk-quote"><s>quoted</s></blockquote><pre class="sk-pre">a\n  b</pre></div>',
    );
  });

  it("a block the console does not draw says what it is", () => {
    expect(block({ type: "video", block_id: "v<1>", title: plain("x") })).toBe(
      '<div class="sk-block sk-unsupported" data-block-id="v&lt;1&gt;" data-type="video">[video]</div>',
    );
  });

  it("hostile ids and values stay inside their attributes", () => {
    expect(
      block({
        type: "actions",
        block_id: '"><script>',
        elements: [{ type: "button", text: plain("<b>x</b>"), action_id: "a' onclick='b", value: '"&<>' }],
      }),
    ).toBe(
      '<div class="sk-block sk-actions" data-block-id="&quot;&gt;&lt;script&gt;"><button type="button" ' +
        'class="sk-button" data-type="button" data-action-id="a&#39; onclick=&#39;b" ' +
        'data-block-id="&quot;&gt;&lt;script&gt;" data-value="&quot;&amp;&lt;&gt;">&lt;b&gt;x&lt;/b&gt;</button></div>',
    );
  });
});

describe("renderViewHtml", () => {
  const input = (blockId: string, label: string, element: unknown, extra: Record<string, unknown> = {}) => ({
    type: "input",
    block_id: blockId,
    label: plain(label),
    element,
    ...extra,
  });
  /** One block of a modal, without the modal's chrome. */
  const modalBlock = (b: unknown, options?: Parameters<typeof renderViewHtml>[2]) => {
    const html = renderViewHtml({ type: "modal", title: plain("T"), blocks: [b] }, ctx, options);
    const start = html.indexOf('<div class="sk-modal-body">') + '<div class="sk-modal-body">'.length;
    const end = html.indexOf('</div><div class="sk-modal-footer">');
    return html.slice(start, end);
  };

  it("modal chrome: title, close and submit buttons, and the view's ids", () => {
    expect(
      renderViewHtml(
        {
          type: "modal",
          id: "V0001",
          callback_id: "tf_seizure",
          title: plain("Record seizure"),
          submit: plain("Record"),
          close: plain("Back"),
          blocks: [{ type: "divider" }],
        },
        ctx,
      ),
    ).toBe(
      '<form class="sk-modal" data-view-type="modal" data-view-id="V0001" data-callback-id="tf_seizure" novalidate>' +
        '<div class="sk-modal-header"><h2 class="sk-modal-title">Record seizure</h2>' +
        '<button type="button" class="sk-modal-dismiss" data-view-action="close" aria-label="Close">×</button></div>' +
        '<div class="sk-modal-body"><hr class="sk-block sk-divider"></div><div class="sk-modal-footer">' +
        '<button type="button" class="sk-button sk-modal-close" data-view-action="close">Back</button>' +
        '<button type="submit" class="sk-button sk-button-primary sk-modal-submit" data-view-action="submit">Record</button>' +
        "</div></form>",
    );
  });

  it("a modal without submit has only its close button, Cancel by default", () => {
    const html = renderViewHtml({ type: "modal", title: plain("Info"), blocks: [] }, ctx);
    expect(html).toContain(
      '<div class="sk-modal-footer"><button type="button" class="sk-button sk-modal-close" ' +
        'data-view-action="close">Cancel</button></div>',
    );
    expect(html).not.toContain("sk-modal-submit");
  });

  it("the Home tab: its blocks, no chrome", () => {
    expect(
      renderViewHtml(
        { type: "home", callback_id: "home", blocks: [{ type: "header", text: plain("Task Force Bot") }] },
        ctx,
      ),
    ).toBe(
      '<div class="sk-home" data-view-type="home" data-callback-id="home">' +
        '<div class="sk-block sk-header">Task Force Bot</div></div>',
    );
  });

  it("plain_text_input, single line: label, optional mark, placeholder, lengths, initial value", () => {
    expect(
      modalBlock(
        input(
          "case",
          "Case number",
          {
            type: "plain_text_input",
            action_id: "value",
            placeholder: plain("25-0001"),
            min_length: 2,
            max_length: 40,
            initial_value: 'A&B "1"',
          },
          { optional: true, hint: plain("As on the report") },
        ),
      ),
    ).toBe(
      '<div class="sk-block sk-input" data-block-id="case"><label class="sk-input-field">' +
        '<span class="sk-input-label">Case number<span class="sk-optional"> (optional)</span></span>' +
        '<input type="text" class="sk-text-input" name="case/value" data-type="plain_text_input" ' +
        'data-action-id="value" data-block-id="case" placeholder="25-0001" minlength="2" maxlength="40" ' +
        'value="A&amp;B &quot;1&quot;"></label><div class="sk-hint sk-text">As on the report</div></div>',
    );
  });

  it("plain_text_input, multiline: a required textarea keeping its leading line break", () => {
    expect(
      modalBlock(
        input("note", "Note", {
          type: "plain_text_input",
          action_id: "value",
          multiline: true,
          max_length: 500,
          initial_value: "\nline <2>",
        }),
      ),
    ).toBe(
      '<div class="sk-block sk-input" data-block-id="note"><label class="sk-input-field">' +
        '<span class="sk-input-label">Note</span><textarea class="sk-text-input sk-textarea" name="note/value" ' +
        'data-type="plain_text_input" data-action-id="value" data-block-id="note" maxlength="500" required>' +
        "\n\nline &lt;2&gt;</textarea></label></div>",
    );
  });

  it("number_input: whole numbers or decimals, bounds, initial value", () => {
    expect(
      modalBlock(
        input(
          "guns",
          "Guns",
          {
            type: "number_input",
            action_id: "value",
            is_decimal_allowed: false,
            min_value: "0",
            initial_value: "2",
          },
          { optional: true },
        ),
      ),
    ).toBe(
      '<div class="sk-block sk-input" data-block-id="guns"><label class="sk-input-field">' +
        '<span class="sk-input-label">Guns<span class="sk-optional"> (optional)</span></span>' +
        '<input type="number" class="sk-number-input" name="guns/value" data-type="number_input" ' +
        'data-action-id="value" data-block-id="guns" step="1" min="0" value="2"></label></div>',
    );
    expect(
      modalBlock(
        input("g", "Grams", {
          type: "number_input",
          action_id: "v",
          is_decimal_allowed: true,
          max_value: "9.5",
        }),
      ),
    ).toContain('step="any" max="9.5" required>');
  });

  it("static_select with option groups and an initial option", () => {
    expect(
      modalBlock(
        input("area", "Area", {
          type: "static_select",
          action_id: "value",
          option_groups: [
            { label: plain("North & East"), options: [{ text: plain("Parkville"), value: "parkville" }] },
            { label: plain("South"), options: [{ text: plain("South End"), value: "south-end" }] },
          ],
          initial_option: { text: plain("South End"), value: "south-end" },
        }),
      ),
    ).toBe(
      '<div class="sk-block sk-input" data-block-id="area"><label class="sk-input-field">' +
        '<span class="sk-input-label">Area</span><select class="sk-select" name="area/value" ' +
        'data-type="static_select" data-action-id="value" data-block-id="area" required>' +
        '<option value="">Select an item</option><optgroup label="North &amp; East">' +
        '<option value="parkville">Parkville</option></optgroup><optgroup label="South">' +
        '<option value="south-end" selected>South End</option></optgroup></select></label></div>',
    );
  });

  it("multi_static_select with its initial options and limit", () => {
    expect(
      modalBlock(
        input(
          "area",
          "Areas",
          {
            type: "multi_static_select",
            action_id: "value",
            placeholder: plain("Pick areas"),
            max_selected_items: 2,
            options: [
              { text: plain("Downtown"), value: "downtown" },
              { text: plain("Parkville"), value: "parkville" },
              { text: plain("South End"), value: "south-end" },
            ],
            initial_options: [
              { text: plain("Downtown"), value: "downtown" },
              { text: plain("South End"), value: "south-end" },
            ],
          },
          { optional: true },
        ),
      ),
    ).toBe(
      '<div class="sk-block sk-input" data-block-id="area"><label class="sk-input-field">' +
        '<span class="sk-input-label">Areas<span class="sk-optional"> (optional)</span></span>' +
        '<select class="sk-select sk-multi-select" name="area/value" data-type="multi_static_select" ' +
        'data-action-id="value" data-block-id="area" multiple data-placeholder="Pick areas" ' +
        'data-max-selected-items="2"><option value="downtown" selected>Downtown</option>' +
        '<option value="parkville">Parkville</option><option value="south-end" selected>South End</option>' +
        "</select></label></div>",
    );
  });

  it("users_select, datepicker and timepicker with their initial values", () => {
    expect(
      modalBlock(
        input("member", "Member", { type: "users_select", action_id: "value", initial_user: "U0ALICE001" }),
      ),
    ).toBe(
      '<div class="sk-block sk-input" data-block-id="member"><label class="sk-input-field">' +
        '<span class="sk-input-label">Member</span><select class="sk-select sk-users-select" name="member/value" ' +
        'data-type="users_select" data-action-id="value" data-block-id="member" required>' +
        '<option value="">Select a user</option><option value="U0ALICE001" selected>alice</option></select>' +
        "</label></div>",
    );
    expect(
      modalBlock(input("on", "Date", { type: "datepicker", action_id: "value", initial_date: "2025-03-01" })),
    ).toBe(
      '<div class="sk-block sk-input" data-block-id="on"><label class="sk-input-field">' +
        '<span class="sk-input-label">Date</span><input type="date" class="sk-datepicker" name="on/value" ' +
        'data-type="datepicker" data-action-id="value" data-block-id="on" value="2025-03-01" required>' +
        "</label></div>",
    );
    expect(
      modalBlock(input("at", "Time", { type: "timepicker", action_id: "value", initial_time: "09:30" })),
    ).toBe(
      '<div class="sk-block sk-input" data-block-id="at"><label class="sk-input-field">' +
        '<span class="sk-input-label">Time</span><input type="time" class="sk-timepicker" name="at/value" ' +
        'data-type="timepicker" data-action-id="value" data-block-id="at" value="09:30" required>' +
        "</label></div>",
    );
  });

  it("checkboxes and radio buttons: a fieldset of real inputs, mrkdwn option text and descriptions", () => {
    const options = [
      { text: mrkdwn("*Threaded*"), value: "threaded", description: plain("Post replies in a thread") },
      { text: plain("Narrative"), value: "narrative" },
    ];
    expect(
      modalBlock(
        input(
          "opts",
          "Options",
          { type: "checkboxes", action_id: "v", options, initial_options: [options[1]] },
          { optional: true },
        ),
      ),
    ).toBe(
      '<div class="sk-block sk-input" data-block-id="opts"><fieldset class="sk-input-field">' +
        '<legend class="sk-input-label">Options<span class="sk-optional"> (optional)</span></legend>' +
        '<div class="sk-checkboxes" data-type="checkboxes" data-action-id="v" data-block-id="opts">' +
        '<label class="sk-option"><input type="checkbox" name="opts/v" data-type="checkboxes" data-action-id="v" ' +
        'data-block-id="opts" value="threaded"><span class="sk-option-text sk-text"><b>Threaded</b></span>' +
        '<span class="sk-option-description sk-text">Post replies in a thread</span></label>' +
        '<label class="sk-option"><input type="checkbox" name="opts/v" data-type="checkboxes" data-action-id="v" ' +
        'data-block-id="opts" value="narrative" checked><span class="sk-option-text sk-text">Narrative</span>' +
        "</label></div></fieldset></div>",
    );
    expect(
      modalBlock(
        input("shift", "Shift", {
          type: "radio_buttons",
          action_id: "v",
          options: [options[1]],
          initial_option: options[1],
        }),
      ),
    ).toBe(
      '<div class="sk-block sk-input" data-block-id="shift"><fieldset class="sk-input-field">' +
        '<legend class="sk-input-label">Shift</legend>' +
        '<div class="sk-radio-buttons" data-type="radio_buttons" data-action-id="v" data-block-id="shift">' +
        '<label class="sk-option"><input type="radio" name="shift/v" data-type="radio_buttons" data-action-id="v" ' +
        'data-block-id="shift" value="narrative" checked required><span class="sk-option-text sk-text">Narrative' +
        "</span></label></div></fieldset></div>",
    );
  });

  it("errors from response_action show under their input, in red, as plain text", () => {
    const html = renderViewHtml(
      {
        type: "modal",
        title: plain("Log shooting"),
        blocks: [
          input("area", "Area", { type: "plain_text_input", action_id: "value" }, { hint: plain("Where") }),
          input("time", "Time", { type: "timepicker", action_id: "value" }),
        ],
      },
      ctx,
      { errors: { time: "*2:30* on 2025-03-09 doesn't exist: <b>DST</b> &amp; all", nowhere: "dropped" } },
    );
    expect(html).toContain(
      '<div class="sk-block sk-input" data-block-id="area"><label class="sk-input-field">' +
        '<span class="sk-input-label">Area</span><input type="text" class="sk-text-input" name="area/value" ' +
        'data-type="plain_text_input" data-action-id="value" data-block-id="area" required></label>' +
        '<div class="sk-hint sk-text">Where</div></div>',
    );
    expect(html).toContain(
      '<div class="sk-block sk-input sk-has-error" data-block-id="time"><label class="sk-input-field">' +
        '<span class="sk-input-label">Time</span><input type="time" class="sk-timepicker" name="time/value" ' +
        'data-type="timepicker" data-action-id="value" data-block-id="time" required></label>' +
        '<div class="sk-input-error" role="alert">*2:30* on 2025-03-09 doesn&#39;t exist: &lt;b&gt;DST&lt;/b&gt; ' +
        "&amp; all</div></div>",
    );
    expect(html).not.toContain("dropped");
  });

  it("state values redraw what was entered, over the initial values; a cleared one stays cleared", () => {
    const select = {
      type: "static_select",
      action_id: "value",
      options: [
        { text: plain("Day"), value: "day" },
        { text: plain("Night"), value: "night" },
      ],
      initial_option: { text: plain("Day"), value: "day" },
    };
    const view = {
      type: "modal",
      title: plain("Form"),
      blocks: [
        input("shift", "Shift", select),
        input("unit", "Unit", select),
        input("areas", "Areas", { ...select, type: "multi_static_select", initial_option: undefined }),
        input("who", "Who", { type: "users_select", action_id: "value" }),
        input("on", "On", { type: "datepicker", action_id: "value", initial_date: "2025-01-01" }),
        input("at", "At", { type: "timepicker", action_id: "value" }),
        input("n", "N", { type: "number_input", action_id: "value", is_decimal_allowed: false }),
        input("note", "Note", { type: "plain_text_input", action_id: "value", multiline: true }),
        input("pick", "Pick", { type: "radio_buttons", action_id: "value", options: select.options }),
        input("flags", "Flags", { type: "checkboxes", action_id: "value", options: select.options }),
      ],
    };
    const html = renderViewHtml(view, ctx, {
      values: {
        shift: {
          value: { type: "static_select", selected_option: { text: plain("Night"), value: "night" } },
        },
        unit: { value: { type: "static_select", selected_option: null } },
        areas: {
          value: {
            type: "multi_static_select",
            selected_options: [{ text: plain("Night"), value: "night" }],
          },
        },
        who: { value: { type: "users_select", selected_user: "U0ALICE001" } },
        on: { value: { type: "datepicker", selected_date: "2025-03-09" } },
        at: { value: { type: "timepicker", selected_time: "02:30" } },
        n: { value: { type: "number_input", value: "3" } },
        note: { value: { type: "plain_text_input", value: "seen <twice>" } },
        pick: { value: { type: "radio_buttons", selected_option: { text: plain("Night"), value: "night" } } },
        flags: { value: { type: "checkboxes", selected_options: [{ text: plain("Day"), value: "day" }] } },
      },
    });
    /** The values of the options selected in one input block. */
    const selected = (blockId: string) => {
      const start = html.indexOf(`<div class="sk-block sk-input" data-block-id="${blockId}">`);
      const own = html.slice(start, html.indexOf('<div class="sk-block', start + 1));
      return [...own.matchAll(/<option value="([^"]*)" selected>/g)].map((m) => m[1]);
    };
    expect(selected("shift")).toEqual(["night"]);
    expect(selected("unit")).toEqual([]);
    expect(selected("areas")).toEqual(["night"]);
    expect(html).toContain('<option value="U0ALICE001" selected>alice</option>');
    expect(html).toContain('data-block-id="on" value="2025-03-09" required>');
    expect(html).toContain('data-block-id="at" value="02:30" required>');
    expect(html).toContain('data-block-id="n" step="1" value="3" required>');
    expect(html).toContain('data-block-id="note" required>seen &lt;twice&gt;</textarea>');
    expect(html).toContain('data-block-id="pick" value="day" required>');
    expect(html).toContain('data-block-id="pick" value="night" checked required>');
    expect(html).toContain('data-block-id="flags" value="day" checked>');
    expect(html).toContain('data-block-id="flags" value="night">');
  });
});
