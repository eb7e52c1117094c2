// The local console's page: draws what /console/state renders, and sends what a person does (a
// command, a click, a select, a form) to the console, which hands it to the bot as Slack would.
// Plain DOM, no framework: the HTML comes rendered from the server, this only wires it.

const $ = (selector) => document.querySelector(selector);
const view = {
  user: localStorage.getItem("tf.user") || "",
  channel: localStorage.getItem("tf.channel") || "",
  tab: "channel",
  thread: null,
};
let people = [];
let modalId = null;
// Readable from outside, for the browser tests: whom the page acts as, and where.
globalThis.tfView = view;

async function api(path, body) {
  const response = await fetch(path, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ user: view.user, channel: view.channel, ...body }),
  });
  const answer = await response
    .json()
    .catch(() => ({ error: `The console answered HTTP ${response.status}.` }));
  if (!response.ok) return notice(answer.error || `The console answered HTTP ${response.status}.`);
  // The bot's own answer, as Slack would have got it.
  if (answer.status !== 200)
    return notice(`The bot answered HTTP ${answer.status}: ${bodyText(answer.body)}`);
  notice("");
  return answer.body;
}

function bodyText(body) {
  if (typeof body === "string") return body || "(no body)";
  return JSON.stringify(body);
}

function notice(text) {
  const box = $("#notice");
  box.textContent = text;
  box.hidden = !text;
}

async function refresh() {
  const query = new URLSearchParams({ user: view.user, channel: view.channel });
  if (view.thread) query.set("thread", view.thread);
  const response = await fetch(`/console/state?${query}`);
  if (!response.ok) return notice(`The console answered HTTP ${response.status}.`);
  const state = await response.json();
  people = state.people;
  if (!view.user) view.user = people[0]?.userId ?? "";
  if (!view.channel) view.channel = state.channels.find((c) => !c.dm)?.id ?? "";
  drawPeople();
  drawChannels(state.channels);
  const messages = $("#messages");
  const atBottom = messages.scrollHeight - messages.scrollTop - messages.clientHeight < 40;
  messages.innerHTML =
    state.channelHtml || '<p class="tf-empty">No messages yet. Type a command below, e.g. /tf help.</p>';
  if (atBottom) messages.scrollTop = messages.scrollHeight;
  $("#home").innerHTML = state.homeHtml || '<p class="tf-empty">Opening the Home…</p>';
  $("#home").dataset.viewId = state.homeViewId || "";
  $("#messages").hidden = view.tab !== "channel";
  $("#composer").hidden = view.tab !== "channel";
  $("#home").hidden = view.tab !== "home";
  $("#thread").hidden = !view.thread;
  $("#thread-messages").innerHTML = state.threadHtml;
  drawModal(state.modal);
  const channel = state.channels.find((c) => c.id === view.channel);
  $("#where").textContent =
    view.tab === "home" ? "Task Force Bot — Home" : `#${channel?.name ?? view.channel}`;
}

function drawPeople() {
  const select = $("#person");
  select.replaceChildren(
    ...people.map((p) => {
      const option = document.createElement("option");
      option.value = p.userId;
      option.textContent = `${p.name} (${p.userId}${p.teamId ? ` · ${p.teamId}` : ""})`;
      option.selected = p.userId === view.user;
      return option;
    }),
  );
  const me = people.find((p) => p.userId === view.user);
  $("#role").textContent = me
    ? `${me.role ? `role: ${me.role}` : "no role"}${me.unmappedWorkspace ? " · workspace not mapped" : ""}`
    : "";
}

function drawChannels(channels) {
  const item = (c) => {
    const li = document.createElement("li");
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = c.dm ? c.name : `# ${c.name}`;
    button.className = view.tab === "channel" && c.id === view.channel ? "current" : "";
    button.addEventListener("click", () => {
      view.channel = c.id;
      view.tab = "channel";
      view.thread = null;
      localStorage.setItem("tf.channel", c.id);
      refresh();
    });
    li.append(button);
    return li;
  };
  $("#channels").replaceChildren(...channels.filter((c) => !c.dm).map(item));
  $("#dms").replaceChildren(...channels.filter((c) => c.dm).map(item));
  $("#home-tab").className = view.tab === "home" ? "current" : "";
}

function drawModal(modal) {
  modalId = modal ? modal.id : null;
  $("#modal-layer").hidden = !modal;
  if (!modal) return;
  const box = $("#modal");
  if (box.dataset.viewId === modal.id && box.dataset.html === modal.html) return;
  box.dataset.viewId = modal.id;
  box.dataset.html = modal.html;
  box.innerHTML = modal.html;
}

// ---------------------------------------------------------------- what a person does

$("#composer").addEventListener("submit", async (event) => {
  event.preventDefault();
  const input = $("#command");
  const text = input.value.trim();
  if (!text) return;
  if (!text.startsWith("/tf"))
    return notice('Only the bot\'s command works here: start with /tf, e.g. "/tf help".');
  input.value = "";
  await api("/console/command", { text });
});

$("#person").addEventListener("change", (event) => {
  view.user = event.target.value;
  localStorage.setItem("tf.user", view.user);
  if (view.tab === "home") openHome();
  else refresh();
});

$("#home-tab").addEventListener("click", openHome);

async function openHome() {
  view.tab = "home";
  view.thread = null;
  await api("/console/home", {});
  refresh();
}

$("#add-person").addEventListener("click", () => $("#person-dialog").showModal());
$("#person-form").addEventListener("submit", async (event) => {
  if (event.submitter?.value !== "add") return;
  const form = new FormData(event.target);
  const added = await api("/console/people", {
    user: String(form.get("user")),
    name: String(form.get("name")),
    team: String(form.get("team")),
  });
  if (added?.userId) {
    view.user = added.userId;
    localStorage.setItem("tf.user", view.user);
  }
  event.target.reset();
  refresh();
});

$("#close-thread").addEventListener("click", () => {
  view.thread = null;
  refresh();
});

document.addEventListener("click", async (event) => {
  const replies = event.target.closest("[data-thread]");
  if (replies) {
    view.thread = replies.dataset.thread;
    return refresh();
  }
  const close = event.target.closest('#modal [data-view-action="close"]');
  if (close && modalId) return api("/console/close", { viewId: modalId });
  const element = event.target.closest("button[data-action-id]");
  if (!element) return;
  event.preventDefault();
  if (element.dataset.confirm && !confirmed(JSON.parse(element.dataset.confirm))) return;
  await act(element, {
    type: "button",
    action_id: element.dataset.actionId,
    block_id: element.dataset.blockId,
    ...(element.dataset.value !== undefined ? { value: element.dataset.value } : {}),
  });
});

document.addEventListener("submit", async (event) => {
  const form = event.target.closest("#modal form");
  if (!form || !modalId) return;
  event.preventDefault();
  // Slack's own client refuses a form with a required field left empty; the bot never sees it.
  if (!requiredFilled(form)) return;
  await api("/console/submit", { viewId: modalId, values: stateValues(form) });
});

function requiredFilled(form) {
  for (const shown of form.querySelectorAll(".tf-required-error")) {
    shown.closest(".sk-input")?.classList.remove("sk-has-error");
    shown.remove();
  }
  let filled = true;
  for (const block of form.querySelectorAll(".sk-input")) {
    const controls = [...block.querySelectorAll("[name][data-type]")];
    if (!controls.some((c) => c.required)) continue;
    const { type } = controls[0].dataset;
    const shape = valueShape(type, controls);
    const value = Object.values(shape)[0];
    if (value !== null && value !== "" && !(Array.isArray(value) && value.length === 0)) continue;
    filled = false;
    block.classList.add("sk-has-error");
    const error = document.createElement("div");
    error.className = "sk-input-error tf-required-error";
    error.setAttribute("role", "alert");
    error.textContent = "Please complete this required field.";
    block.querySelector(".sk-input-field")?.after(error);
  }
  return filled;
}

// Selects, date and time pickers outside a form act at once, as in Slack; inside a modal they are
// read when it is submitted.
document.addEventListener("change", async (event) => {
  const element = event.target.closest("[data-action-id]");
  if (!element || element.closest("#modal form") || element.matches("button")) return;
  await act(element, elementAction(element));
});

function confirmed(dialog) {
  const text = (o) => (o && typeof o.text === "string" ? o.text : "");
  return window.confirm(`${text(dialog.title)}\n\n${text(dialog.text)}`);
}

async function act(element, action) {
  const message = element.closest("[data-key]");
  const inModal = element.closest("#modal");
  const home = element.closest("[data-view-type=home]");
  const viewId = inModal ? modalId : home ? home.dataset.viewId : undefined;
  await api("/console/action", {
    action,
    ...(message ? { messageKey: message.dataset.key } : {}),
    ...(viewId
      ? { viewId, values: inModal ? stateValues(inModal.querySelector("form") || inModal) : {} }
      : {}),
  });
}

/** One element's value as Slack's block_actions carries it. */
function elementAction(element) {
  const base = {
    type: element.dataset.type,
    action_id: element.dataset.actionId,
    block_id: element.dataset.blockId,
  };
  return { ...base, ...valueShape(element.dataset.type, [element]) };
}

/** view.state.values as Slack nests them: [block_id][action_id] → the element's value. */
function stateValues(form) {
  const groups = new Map();
  for (const control of form.querySelectorAll("[name][data-type]")) {
    const list = groups.get(control.name) || [];
    list.push(control);
    groups.set(control.name, list);
  }
  const values = {};
  for (const controls of groups.values()) {
    // The ids from their own attributes: an id may itself hold a "/".
    const { blockId, actionId, type } = controls[0].dataset;
    values[blockId] = { ...(values[blockId] || {}), [actionId]: { type, ...valueShape(type, controls) } };
  }
  return values;
}

function optionOf(value, label) {
  return { text: { type: "plain_text", text: label, emoji: true }, value };
}

function chosenOptions(controls) {
  const picked = [];
  for (const control of controls) {
    if (control.tagName === "SELECT") {
      for (const o of control.selectedOptions)
        if (o.value !== "") picked.push(optionOf(o.value, o.textContent));
    } else if (control.checked) {
      picked.push(optionOf(control.value, control.closest("label")?.textContent.trim() ?? control.value));
    }
  }
  return picked;
}

function valueShape(type, controls) {
  const first = controls[0];
  const text = first.value;
  switch (type) {
    case "plain_text_input":
    case "number_input":
    case "email_text_input":
    case "url_text_input":
      return { value: text === "" ? null : text };
    case "static_select":
    case "radio_buttons":
      return { selected_option: chosenOptions(controls)[0] ?? null };
    case "multi_static_select":
    case "checkboxes":
      return { selected_options: chosenOptions(controls) };
    case "users_select":
      return { selected_user: text === "" ? null : text };
    case "datepicker":
      return { selected_date: text === "" ? null : text };
    case "timepicker":
      return { selected_time: text === "" ? null : text };
    default:
      return { value: text };
  }
}

// ---------------------------------------------------------------- live

let pending = false;
const stream = new EventSource("/console/events");
stream.addEventListener("message", () => {
  if (pending) return;
  pending = true;
  setTimeout(() => {
    pending = false;
    refresh();
  }, 30);
});

refresh();
