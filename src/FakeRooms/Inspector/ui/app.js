// FakeRooms inspector: plain JavaScript, no framework, no build step, no CDN.
// Every piece of data reaches the page as text (textContent / text nodes, never innerHTML): a room named
// "<img src=x onerror=alert(1)>" shows those characters. The page's Content-Security-Policy forbids inline script too.
"use strict";

(function () {
  // The control API lives beside this page: /__fakerooms/ui -> /__fakerooms/...
  const BASE = location.pathname.replace(/\/ui\/?$/, "");
  // When the fake asks for a control token (a server listening beyond loopback), open the page as .../ui?token=...:
  // every request of the page then carries it.
  const TOKEN = new URLSearchParams(location.search).get("token");
  const TOKEN_HEADER = "X-FakeRooms-Token";
  const POLL_MS = 1000;
  const KEEP = 500;          // calls and callbacks kept in the page
  const SHOWN = 200;         // rows shown in a table

  const state = {
    rooms: null, roomsKey: "", now: null, manual: false, defaultAccount: null,
    calls: [], lastCall: 0, callsTotal: 0, newCalls: new Set(),
    callbacks: [], lastCallback: 0, callbacksTotal: 0, callbacksPending: 0,
    room: null, roomKey: "", call: null,
    filter: { text: "", kind: "all" }, expanded: new Set(),
    ticks: 0, timer: null, busy: false,
  };

  // ------------------------------------------------------------------ DOM helpers (text only)

  function h(tag, props, ...children) {
    const el = document.createElement(tag);
    if (props) {
      for (const [key, value] of Object.entries(props)) {
        if (value === null || value === undefined || value === false) continue;
        if (key === "class") el.className = value;
        else if (key === "text") el.textContent = String(value);
        else if (key.startsWith("on")) el.addEventListener(key.slice(2), value);
        else if (key === "href") el.setAttribute("href", safeHref(value));
        else el.setAttribute(key, value === true ? "" : String(value));
      }
    }
    for (const child of children.flat(Infinity)) {
      if (child === null || child === undefined || child === false) continue;
      el.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return el;
  }

  // Links go to this page's own views or to Twilio's error pages, nowhere else (no javascript: URLs from data).
  function safeHref(value) {
    const text = String(value);
    if (text.startsWith("#/")) return text;
    if (/^https:\/\/www\.twilio\.com\/docs\/errors\/\d+$/.test(text)) return text;
    return "#/";
  }

  const $ = (id) => document.getElementById(id);

  function badge(text, color, title) { return h("span", { class: "badge " + (color || ""), title }, text); }

  function roomStatusBadge(status) {
    return badge(status, status === "in-progress" ? "green" : status === "failed" ? "red" : "");
  }

  function httpBadge(status) {
    const color = status >= 500 || status === 0 ? "red" : status >= 400 ? "amber" : status >= 300 ? "blue" : "green";
    return badge(status === 0 ? "dropped" : String(status), color);
  }

  // ------------------------------------------------------------------ time, on the fake's clock

  function parse(iso) { return iso ? new Date(iso) : null; }
  function pad(n) { return String(n).padStart(2, "0"); }
  function dateOf(d) { return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`; }
  function timeOf(d) { return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`; }
  function full(iso) { const d = parse(iso); return d ? `${dateOf(d)} ${timeOf(d)} UTC` : ""; }

  // "10:04:05" on the clock's day, "12-06 10:04:05" on another.
  function short(iso) {
    const d = parse(iso);
    if (!d) return "–";
    const now = parse(state.now);
    return now && dateOf(now) === dateOf(d) ? timeOf(d) : `${dateOf(d).slice(5)} ${timeOf(d)}`;
  }

  function ago(iso) {
    const d = parse(iso), now = parse(state.now);
    if (!d || !now) return "";
    const s = Math.round((now - d) / 1000);
    if (s < 1) return "just now";
    if (s < 90) return `${s} s ago`;
    if (s < 5400) return `${Math.round(s / 60)} min ago`;
    if (s < 172800) return `${Math.round(s / 3600)} h ago`;
    return `${Math.round(s / 86400)} d ago`;
  }

  function timeCell(iso, extra, cls) {
    return h("td", { class: "time" + (cls ? " " + cls : ""), title: full(iso) }, h("time", { datetime: iso || "" }, short(iso)), extra || null);
  }

  function duration(seconds) {
    if (seconds === null || seconds === undefined) return "–";
    if (seconds < 60) return `${seconds} s`;
    const m = Math.floor(seconds / 60), s = seconds % 60;
    if (m < 60) return s ? `${m} min ${s} s` : `${m} min`;
    return `${Math.floor(m / 60)} h ${m % 60} min`;
  }

  // ------------------------------------------------------------------ the control API

  class ApiError extends Error {
    constructor(status, body) {
      const code = body && body.code ? body.code : null;
      super(code ? `${code}: ${body.message}` : `HTTP ${status}`);
      this.status = status; this.code = code; this.body = body;
    }
  }

  async function api(path, options) {
    const init = Object.assign({ headers: {}, cache: "no-store" }, options || {});
    if (TOKEN) init.headers[TOKEN_HEADER] = TOKEN;
    const response = await fetch(`${BASE}/${path}`, init);
    const text = await response.text();
    let body = null;
    try { body = text ? JSON.parse(text) : null; } catch { body = null; }
    if (!response.ok) throw new ApiError(response.status, body);
    return body;
  }

  function post(path, fields) {
    return api(path, { method: "POST", body: new URLSearchParams(fields) });
  }

  // ------------------------------------------------------------------ polling

  // One poll at a time: a control action asks for one at once; it runs after the poll in flight.
  let inflight = null, again = false;
  function tick() {
    if (inflight) { again = true; return inflight; }
    inflight = poll().finally(() => {
      inflight = null;
      if (again) { again = false; return tick(); }
    });
    return inflight;
  }

  async function poll() {
    clearTimeout(state.timer);
    try {
      const all = state.ticks % 15 === 0;   // now and then, everything again (resets of one account, trimmed journals)
      const [rooms, calls, callbacks] = await Promise.all([
        api("rooms?Limit=200"),
        api(all ? `calls?Limit=${KEEP}` : `calls?After=${state.lastCall}&Limit=${KEEP}`),
        api(all ? `callbacks?Limit=${KEEP}` : `callbacks?After=${state.lastCallback}&Limit=${KEEP}`),
      ]);
      applyRooms(rooms);
      applyCalls(calls, all);
      applyCallbacks(callbacks, all);
      const route = currentRoute();
      if (route.view === "room") await loadRoom(route);
      setLive(true);
      render(false);
    } catch (e) {
      setLive(false, e);
    } finally {
      state.ticks++;
      clearTimeout(state.timer);
      state.timer = setTimeout(tick, document.hidden ? POLL_MS * 5 : POLL_MS);
    }
  }

  function applyRooms(body) {
    state.now = body.now;
    state.manual = body.manual_clock;
    state.defaultAccount = body.default_account_sid;
    const key = JSON.stringify(body.rooms) + body.total;
    state.roomsChanged = key !== state.roomsKey;
    state.roomsKey = key;
    state.rooms = body;
    $("clock").textContent = full(body.now);
    $("clock").setAttribute("datetime", body.now);
    $("clock-mode").textContent = body.manual_clock ? "manual" : "real time";
    $("count-rooms").textContent = String(body.in_progress);
    $("count-rooms").title = `${body.in_progress} in progress, ${body.total} in all`;
    const canAdvance = body.manual_clock;
    for (const b of document.querySelectorAll("#form-advance button")) b.disabled = !canAdvance;
    $("advance-seconds").disabled = !canAdvance;
    $("advance-hint").textContent = canAdvance
      ? "Move the manual clock: timeouts that fall due run, empty rooms end."
      : "This fake runs on real time. Start it with --clock manual (in process: the default) to move time by hand.";
    if (state.roomsChanged) fillRoomSelect();
  }

  function applyCalls(body, all) {
    const reset = body.total_recorded < state.callsTotal;
    if (all || reset) { state.calls = []; }
    const known = new Set(state.calls.map((c) => c.sequence));
    const fresh = body.calls.filter((c) => !known.has(c.sequence));
    if (!all && state.lastCall > 0) for (const c of fresh) state.newCalls.add(c.sequence);
    state.calls = fresh.reverse().concat(state.calls).slice(0, KEEP);
    state.callsChanged = fresh.length > 0 || reset || all;
    state.callsTotal = body.total_recorded;
    state.lastCall = Math.max(state.lastCall, ...body.calls.map((c) => c.sequence), 0);
    const errors = state.calls.filter((c) => c.status >= 400 || c.status === 0).length;
    const count = $("count-calls");
    count.textContent = String(body.kept);
    count.classList.toggle("alert", errors > 0);
    count.title = `${body.kept} kept, ${errors} refused among the newest ${state.calls.length}`;
  }

  function applyCallbacks(body, all) {
    const reset = body.total_recorded < state.callbacksTotal;
    if (all || reset) state.callbacks = [];
    const known = new Set(state.callbacks.map((c) => c.sequence));
    const fresh = body.callbacks.filter((c) => !known.has(c.sequence));
    state.callbacks = fresh.reverse().concat(state.callbacks).slice(0, KEEP);
    state.callbacksChanged = fresh.length > 0 || reset || all;
    state.callbacksTotal = body.total_recorded;
    state.callbacksPending = body.pending;
    state.lastCallback = Math.max(state.lastCallback, ...body.callbacks.map((c) => c.sequence), 0);
    const failed = state.callbacks.filter((c) => c.outcome !== "succeeded").length;
    const count = $("count-callbacks");
    count.textContent = String(body.total_recorded);
    count.classList.toggle("alert", failed > 0);
    count.title = `${failed} not delivered, ${body.pending} pending`;
  }

  async function loadRoom(route) {
    try {
      const room = await api(`rooms/${encodeURIComponent(route.id)}${route.account ? `?AccountSid=${encodeURIComponent(route.account)}` : ""}`);
      const key = JSON.stringify(room);
      state.roomChanged = key !== state.roomKey;
      state.roomKey = key;
      state.room = room;
      state.roomError = null;
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      state.roomChanged = state.roomError === null || state.room !== null;
      state.room = null;
      state.roomError = e;
    }
  }

  function setLive(ok, error) {
    const live = $("live");
    live.classList.toggle("on", ok);
    live.classList.toggle("off", !ok);
    $("live-text").textContent = ok
      ? `Live · ${new Date().toLocaleTimeString([], { hour12: false })}`
      : `Disconnected: ${error && error.message ? error.message : "no answer"}; retrying`;
  }

  // ------------------------------------------------------------------ routing

  function currentRoute() {
    const hash = location.hash || "#/rooms";
    const [path, query] = hash.slice(1).split("?");
    const params = new URLSearchParams(query || "");
    const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
    if (parts[0] === "rooms" && parts[1]) return { view: "room", id: parts[1], account: params.get("account") };
    if (parts[0] === "calls" && parts[1]) return { view: "call", id: parts[1] };
    if (parts[0] === "calls") return { view: "calls", room: params.get("room") };
    if (parts[0] === "callbacks") return { view: "callbacks" };
    return { view: "rooms" };
  }

  let lastView = "";

  async function onRoute() {
    const route = currentRoute();
    const tab = route.view === "room" ? "rooms" : route.view === "call" ? "calls" : route.view;
    for (const a of document.querySelectorAll(".tabs a")) {
      if (a.dataset.view === tab) a.setAttribute("aria-current", "page");
      else a.removeAttribute("aria-current");
    }
    state.call = null;
    if (route.view === "room") {
      state.room = null; state.roomKey = ""; state.roomError = null;
      try { await loadRoom(route); } catch (e) { setLive(false, e); }
      selectControlRoom(route.id);
    }
    if (route.view === "call") {
      try { state.call = await api(`calls/${encodeURIComponent(route.id)}`); }
      catch (e) { state.call = { error: e }; }
    }
    render(true);
    // A new view takes the focus (a screen reader starts there); the first load leaves it at the top of the page.
    const key = JSON.stringify(route);
    if (lastView && key !== lastView) { $("main").focus({ preventScroll: true }); window.scrollTo(0, 0); }
    lastView = key;
  }

  // ------------------------------------------------------------------ views

  function render(force) {
    if (!state.rooms) return;
    const route = currentRoute();
    const view = $("view");
    const changed = force || state.roomsChanged || state.callsChanged || state.callbacksChanged ||
      (route.view === "room" && state.roomChanged);
    if (changed) {
      // The calls view keeps its filter inputs: only its table is redrawn.
      if (route.view === "calls" && !force && view.querySelector("#calls-table")) {
        if (state.callsChanged) fillCallsTable(route);
      } else {
        // A redraw keeps the keyboard focus on the same link or control.
        const focused = document.activeElement && view.contains(document.activeElement) ? focusKey(document.activeElement) : null;
        view.replaceChildren(
          route.view === "room" ? roomView() :
          route.view === "calls" ? callsView(route) :
          route.view === "call" ? callView() :
          route.view === "callbacks" ? callbacksView() :
          roomsView());
        if (route.view === "calls") fillCallsTable(route);
        if (focused) { const again = view.querySelector(focused); if (again) again.focus({ preventScroll: true }); }
      }
    }
    state.roomsChanged = state.callsChanged = state.callbacksChanged = state.roomChanged = false;
    state.newCalls.clear();
  }

  function focusKey(el) {
    if (el.id) return `#${CSS.escape(el.id)}`;
    const href = el.getAttribute("href");
    return href ? `a[href="${CSS.escape(href)}"]` : null;
  }

  function roomLink(room, text) {
    const account = room.account_sid && room.account_sid !== state.defaultAccount ? `?account=${encodeURIComponent(room.account_sid)}` : "";
    return h("a", { href: `#/rooms/${encodeURIComponent(room.sid)}${account}` }, text);
  }

  function accountCell(sid) {
    return h("td", { class: "sid hide-narrow", title: sid }, sid === state.defaultAccount ? "default" : sid);
  }

  function roomsView() {
    const body = state.rooms;
    const rooms = body.rooms;
    const connected = rooms.reduce((n, r) => n + r.participants_connected, 0);
    const refused = state.calls.filter((c) => c.status >= 400 || c.status === 0).length;
    const findings = state.calls.filter((c) => c.findings && c.findings.length).length;
    const stat = (value, label, warn) => h("div", { class: "stat" + (warn ? " warn" : "") }, h("div", { class: "value" }, String(value)), h("div", { class: "label" }, label));

    const table = rooms.length === 0
      ? h("p", { class: "empty" }, "No rooms yet. Create one with your app or any Twilio SDK (",
          h("code", null, "POST /v1/Rooms"), "), or load a seed file with ", h("code", null, "POST /__fakerooms/fixture"), ".")
      : h("div", { class: "table-wrap" }, h("table", { id: "rooms-table" },
          h("caption", { class: "visually-hidden" }, "Rooms, newest first"),
          h("thead", null, h("tr", null,
            h("th", { scope: "col" }, "Room"), h("th", { scope: "col" }, "Status"), h("th", { scope: "col", class: "hide-small" }, "Type"),
            h("th", { scope: "col", class: "hide-narrow" }, "Account"), h("th", { scope: "col" }, "Participants"),
            h("th", { scope: "col" }, "Created"), h("th", { scope: "col", class: "hide-small" }, "Ended"))),
          h("tbody", null, rooms.map((r) => h("tr", { "data-sid": r.sid },
            h("td", null, h("div", { class: "name wrap" }, roomLink(r, r.unique_name)), h("div", { class: "sid" }, r.sid)),
            h("td", null, roomStatusBadge(r.status)),
            h("td", { class: "hide-small" }, r.type),
            accountCell(r.account_sid),
            h("td", null, h("span", { class: "num", title: `${r.participants_total} in all` }, `${r.participants_connected} connected`),
              h("div", null, r.identities.map((i) => h("span", { class: "chip" }, i)))),
            timeCell(r.date_created, h("div", { class: "hint" }, ago(r.date_created))),
            h("td", { class: "time hide-small", title: full(r.end_time) }, r.end_time ? short(r.end_time) : "–",
              r.duration !== null ? h("div", { class: "hint" }, duration(r.duration)) : null))))));

    return h("div", null,
      h("div", { class: "stats" },
        stat(body.in_progress, "rooms in progress"),
        stat(connected, "participants connected"),
        stat(state.callsTotal, "API calls recorded"),
        stat(refused, `refused calls${findings ? `, ${findings} with contract findings` : ""}`, refused > 0)),
      h("section", { class: "card" },
        h("h2", { class: "section" }, `Rooms`, h("span", { class: "meta hint" }, `${body.total} in all, newest first`)),
        table),
      h("section", { class: "card" },
        h("h2", { class: "section" }, "Latest calls", h("a", { class: "more", href: "#/calls" }, "All calls →")),
        callsTable(state.calls.slice(0, 8), "latest-calls")));
  }

  function roomView() {
    const route = currentRoute();
    if (!state.room) {
      const e = state.roomError;
      return h("div", null, h("a", { class: "back", href: "#/rooms" }, "← Rooms"),
        h("p", { class: "empty" }, e ? `Room ${route.id}: ${e.message}` : "Loading…"));
    }
    const { room, participants, recordings, compositions, timeline } = state.room;
    const fact = (label, value) => h("div", null, h("dt", null, label), h("dd", null, value));
    const timeline_ = timeline.length === 0 ? h("p", { class: "empty" }, "No events kept for this room.") :
      h("ol", { class: "timeline", id: "timeline" }, timeline.map((t) => h("li", { class: timelineClass(t.event) },
        h("time", { class: "when", datetime: t.time, title: full(t.time) }, short(t.time)),
        h("span", { class: "what" }, t.text),
        h("span", { class: "ev" }, t.event + (t.source === "state" ? " (from state)" : "")))));

    return h("div", null,
      h("a", { class: "back", href: "#/rooms" }, "← Rooms"),
      h("div", { class: "view-head" },
        h("h1", { class: "wrap", id: "room-title" }, room.unique_name),
        roomStatusBadge(room.status),
        h("span", { class: "meta sid" }, room.sid),
        h("a", { class: "meta", href: `#/calls?room=${encodeURIComponent(room.sid)}` }, "Calls for this room →")),
      h("section", { class: "card" },
        h("dl", { class: "facts" },
          fact("Type", room.type),
          fact("Account", h("span", { class: "sid" }, room.account_sid)),
          fact("Created", `${full(room.date_created)} (${ago(room.date_created)})`),
          fact("Ended", room.end_time ? `${full(room.end_time)} after ${duration(room.duration)}` : "–"),
          fact("Max participants", String(room.max_participants)),
          fact("Empty / unused timeout", `${room.empty_room_timeout} min / ${room.unused_room_timeout} min`),
          fact("Status callback", room.status_callback || "none"),
          fact("Media region", room.media_region || "–"))),
      h("div", { class: "grid2" },
        h("section", { class: "card" },
          h("h2", { class: "section" }, "Participants", h("span", { class: "hint" }, `${participants.length}`)),
          participants.length === 0 ? h("p", { class: "empty" }, "Nobody joined yet. Use Join in the control panel.") :
          h("div", { class: "table-wrap" }, h("table", { id: "participants-table" },
            h("caption", { class: "visually-hidden" }, "Participants of the room"),
            h("thead", null, h("tr", null, h("th", { scope: "col" }, "Identity"), h("th", { scope: "col" }, "Status"),
              h("th", { scope: "col" }, "Joined → left"), h("th", { scope: "col" }, "Tracks"))),
            h("tbody", null, participants.map((p) => h("tr", null,
              h("td", null, h("div", { class: "name wrap" }, p.identity), h("div", { class: "sid" }, p.sid)),
              h("td", null, badge(p.status, p.status === "connected" ? "green" : "")),
              h("td", { class: "time", title: `${full(p.start_time)}${p.end_time ? ` → ${full(p.end_time)}` : ""}` },
                h("time", { datetime: p.start_time }, short(p.start_time)),
                p.end_time ? [" → ", h("time", { datetime: p.end_time }, short(p.end_time))] : null,
                p.duration !== null ? h("div", { class: "hint" }, duration(p.duration)) : null),
              h("td", null, p.published_tracks.length === 0 ? "–" : p.published_tracks.map((t) =>
                h("span", { class: "chip" + (t.enabled ? "" : " off"), title: `${t.sid}${t.enabled ? "" : " (disabled)"}` }, `${t.kind}: ${t.name}`)))))))),
          recordings.length === 0 ? null : h("div", null, h("h3", null, "Recordings"),
            h("table", null, h("tbody", null, recordings.map((r) => h("tr", null,
              h("td", { class: "sid" }, r.sid), h("td", null, `${r.type} '${r.track_name}'`), h("td", null, badge(r.status, r.status === "completed" ? "green" : r.status === "failed" ? "red" : "blue")),
              timeCell(r.date_created)))))),
          compositions.length === 0 ? null : h("div", null, h("h3", null, "Compositions"),
            h("table", null, h("tbody", null, compositions.map((c) => h("tr", null,
              h("td", { class: "sid" }, c.sid), h("td", null, c.format), h("td", null, badge(c.status, c.status === "completed" ? "green" : c.status === "failed" ? "red" : "blue")),
              timeCell(c.date_created))))))),
        h("section", { class: "card" },
          h("h2", { class: "section" }, "Timeline", h("span", { class: "hint" }, "on the fake's clock")),
          timeline_)));
  }

  function timelineClass(event) {
    if (event.startsWith("room-created")) return "room";
    if (event === "room-ended") return "ended";
    if (event.endsWith("failed")) return "fail";
    if (event === "participant-disconnected" || event === "track-removed") return "leave";
    return "";
  }

  function callsView(route) {
    const text = h("input", { id: "calls-filter", type: "search", placeholder: "operation, path, code, SID…", value: state.filter.text,
      oninput: (e) => { state.filter.text = e.target.value; fillCallsTable(currentRoute()); } });
    const kind = h("select", { id: "calls-kind", onchange: (e) => { state.filter.kind = e.target.value; fillCallsTable(currentRoute()); } },
      [["all", "All calls"], ["refused", "Refused (4xx, 5xx, dropped)"], ["findings", "With contract findings"], ["faults", "Injected faults"]]
        .map(([value, label]) => h("option", { value, selected: state.filter.kind === value }, label)));
    return h("div", null,
      h("div", { class: "view-head" }, h("h1", null, "Calls"),
        h("span", { class: "meta" }, `newest first · ${state.callsTotal} recorded`),
        route.room ? h("span", { class: "meta" }, "room ", h("span", { class: "sid" }, route.room), " · ", h("a", { href: "#/calls" }, "show all")) : null),
      h("div", { class: "filters" },
        h("div", null, h("label", { for: "calls-filter" }, "Filter"), text),
        h("div", null, h("label", { for: "calls-kind" }, "Show"), kind)),
      h("section", { class: "card", id: "calls-card" }, h("div", { id: "calls-table" })));
  }

  function fillCallsTable(route) {
    const holder = $("calls-table");
    if (!holder) return;
    const needle = state.filter.text.trim().toLowerCase();
    const calls = state.calls.filter((c) =>
      (!route.room || c.room_sid === route.room) &&
      (state.filter.kind !== "refused" || c.status >= 400 || c.status === 0) &&
      (state.filter.kind !== "findings" || c.findings.length > 0) &&
      (state.filter.kind !== "faults" || c.injected_fault) &&
      (!needle || [c.operation, c.method + " " + c.path, String(c.status), String(c.error_code || ""), c.error_message || "", c.room_sid || ""]
        .some((v) => v.toLowerCase().includes(needle))));
    holder.replaceChildren(callsTable(calls.slice(0, SHOWN), "calls"));
  }

  function callsTable(calls, id) {
    if (calls.length === 0)
      return h("p", { class: "empty" }, "No calls yet. Point the Twilio SDK at this fake; every request it answers appears here.");
    return h("div", { class: "table-wrap" }, h("table", { id: `${id}-list` },
      h("caption", { class: "visually-hidden" }, "Twilio API calls, newest first"),
      h("thead", null, h("tr", null,
        h("th", { scope: "col", class: "num" }, "#"), h("th", { scope: "col", class: "hide-small" }, "Time"), h("th", { scope: "col", class: "hide-small" }, "Operation"),
        h("th", { scope: "col" }, "Request"), h("th", { scope: "col" }, "Status"), h("th", { scope: "col" }, "Twilio error"),
        h("th", { scope: "col", class: "hide-narrow" }, "Fault"), h("th", { scope: "col" }, "Findings"))),
      h("tbody", null, calls.map((c) => h("tr", { class: state.newCalls.has(c.sequence) ? "fresh" : null, "data-sequence": c.sequence },
        h("td", { class: "num" }, h("a", { href: `#/calls/${c.sequence}`, "aria-label": `Call ${c.sequence}: details` }, String(c.sequence))),
        timeCell(c.time, null, "hide-small"),
        h("td", { class: "hide-small" }, c.operation),
        h("td", { class: "path" }, h("span", { class: "method" }, c.method), c.path),
        h("td", null, httpBadge(c.status)),
        h("td", { class: "wrap" }, c.error_code ? [h("a", { class: "code", href: `https://www.twilio.com/docs/errors/${c.error_code}`, target: "_blank", rel: "noreferrer" }, String(c.error_code)), " ", h("span", { class: "errmsg" }, c.error_message)] : "–"),
        h("td", { class: "hide-narrow wrap" }, c.injected_fault ? badge("fault", "purple", c.injected_fault) : "–"),
        h("td", null, c.findings.length ? badge(`⚠ ${c.findings.length}`, "amber", c.findings.map((f) => `${f.rule}: ${f.message}`).join("\n")) : "–"))))));
  }

  function callView() {
    const call = state.call;
    const back = h("a", { class: "back", href: "#/calls" }, "← Calls");
    if (!call) return h("div", null, back, h("p", { class: "empty" }, "Loading…"));
    if (call.error) return h("div", null, back, h("p", { class: "empty" }, `Call ${currentRoute().id}: ${call.error.message}`));
    const values = (title, map) => {
      const names = Object.keys(map || {});
      return h("section", { class: "card" }, h("h2", { class: "section" }, title),
        names.length === 0 ? h("p", { class: "hint" }, "none") :
        h("table", null, h("tbody", null, names.map((n) => h("tr", null, h("th", { scope: "row", class: "mono" }, n),
          h("td", { class: "mono wrap" }, map[n].join(", ")))))));
    };
    const fact = (label, value) => h("div", null, h("dt", null, label), h("dd", null, value));
    return h("div", null, back,
      h("div", { class: "view-head" },
        h("h1", { class: "wrap" }, h("span", { class: "method" }, call.method), call.path),
        httpBadge(call.status),
        call.error_code ? h("span", null, h("span", { class: "code" }, String(call.error_code)), " ", h("span", { class: "errmsg" }, call.error_message)) : null),
      h("section", { class: "card" }, h("dl", { class: "facts" },
        fact("Call", `#${call.sequence}`),
        fact("Operation", call.operation),
        fact("Time", full(call.time)),
        fact("Account", h("span", { class: "sid" }, call.account_sid || "none (not authenticated)")),
        fact("Room", call.room_sid ? roomLink({ sid: call.room_sid, account_sid: call.account_sid }, call.room_sid) : "–"),
        fact("Content type", call.content_type || "–"),
        fact("Answered in", `${call.elapsed_ms} ms`),
        fact("Injected fault", call.injected_fault || "none"))),
      call.findings.length === 0 ? null : h("section", { class: "card" },
        h("h2", { class: "section" }, "Contract findings", h("span", { class: "hint" }, "what real Twilio would reject or silently ignore")),
        h("ul", { class: "findings" }, call.findings.map((f) => h("li", null, badge(f.rule, "amber"), " ",
          h("span", { class: "mono" }, f.parameter), " ", f.message)))),
      h("div", { class: "grid2" },
        h("div", null, values("Query", call.query), values("Form", call.form),
          call.ignored_parameters.length ? h("p", { class: "hint" }, `Ignored by Twilio: ${call.ignored_parameters.join(", ")}`) : null),
        h("section", { class: "card" },
          h("h2", { class: "section" }, "Response", httpBadge(call.response.status), h("span", { class: "hint" }, call.response.note)),
          call.response.body ? h("pre", { class: "json", id: "response-body" }, JSON.stringify(call.response.body, null, 2)) : null)));
  }

  function callbacksView() {
    const list = state.callbacks.slice(0, SHOWN);
    const outcomeBadge = (c) => {
      const color = c.outcome === "succeeded" ? "green" : c.outcome === "error-status" ? "amber" : "red";
      const text = c.outcome + (c.status_code ? ` ${c.status_code}` : "");
      return badge(text, color, c.error || null);
    };
    return h("div", null,
      h("div", { class: "view-head" }, h("h1", null, "Status callbacks"),
        h("span", { class: "meta" }, `newest first · ${state.callbacksTotal} sent · ${state.callbacksPending} pending`)),
      h("section", { class: "card" }, list.length === 0
        ? h("p", { class: "empty" }, "No status callbacks yet. Rooms created with a StatusCallback URL report their events here: ",
            "the receiver's answer, a timeout or a refused connection, the X-Twilio-Signature and the parameters.")
        : h("div", { class: "table-wrap" }, h("table", { id: "callbacks-list" },
          h("caption", { class: "visually-hidden" }, "Status callbacks, newest first"),
          h("thead", null, h("tr", null, h("th", { scope: "col" }, "Time"), h("th", { scope: "col" }, "Event"),
            h("th", { scope: "col" }, "URL"), h("th", { scope: "col" }, "Outcome"), h("th", { scope: "col", class: "hide-narrow" }, "Signature"),
            h("th", { scope: "col" }, "Parameters"))),
          h("tbody", null, list.map((c) => {
            const open = state.expanded.has(c.sequence);
            const detailId = `callback-${c.sequence}-parameters`;
            const toggle = h("button", { type: "button", id: `toggle-${c.sequence}`, class: "secondary small", "aria-expanded": String(open), "aria-controls": detailId,
              onclick: () => { if (state.expanded.has(c.sequence)) state.expanded.delete(c.sequence); else state.expanded.add(c.sequence); render(true); } },
              `${open ? "Hide" : "Show"} ${Object.keys(c.parameters).length} parameters`);
            return [
              h("tr", { class: open ? "open" : null },
                timeCell(c.attempted_at),
                h("td", null, h("div", { class: "name" }, c.event), h("div", { class: "sid" }, roomLink({ sid: c.room_sid, account_sid: c.account_sid }, c.room_sid))),
                h("td", { class: "path url" }, h("span", { class: "method" }, c.method), c.url),
                h("td", null, outcomeBadge(c), c.injected_fault ? [" ", badge("fault", "purple", c.injected_fault)] : null,
                  c.error ? h("div", { class: "hint wrap" }, c.error) : null),
                h("td", { class: "sid hide-narrow sig", title: "X-Twilio-Signature" }, c.signature),
                h("td", null, toggle)),
              h("tr", { id: detailId, class: "detail", hidden: !open },
                h("td", { colspan: "6" }, h("table", { class: "params" }, h("tbody", null, Object.entries(c.parameters).map(([k, v]) => h("tr", null,
                  h("th", { scope: "row", class: "mono" }, k), h("td", { class: "mono wrap" }, v)))))))];
          }))))));
  }

  // ------------------------------------------------------------------ control panel

  function roomValue(r) { return JSON.stringify([r.sid, r.account_sid]); }

  function fillRoomSelect() {
    const select = $("control-room");
    const rooms = state.rooms.rooms.filter((r) => r.status === "in-progress");
    const previous = select.value;
    const options = rooms.map((r) => [roomValue(r), `${r.unique_name} (${r.participants_connected} connected)`]);
    const same = select.options.length === options.length && options.every(([v, t], i) => select.options[i].value === v && select.options[i].text === t);
    if (!same) {
      select.replaceChildren(...(options.length ? options.map(([value, text]) => h("option", { value }, text))
        : [h("option", { value: "" }, "no room in progress")]));
      if (options.some(([v]) => v === previous)) select.value = previous;
    }
    fillParticipantSelect();
  }

  function selectControlRoom(sid) {
    const r = state.rooms && state.rooms.rooms.find((x) => (x.sid === sid || x.unique_name === sid) && x.status === "in-progress");
    if (r) { $("control-room").value = roomValue(r); fillParticipantSelect(); }
  }

  function selectedRoom() {
    const value = $("control-room").value;
    return value ? JSON.parse(value) : null;
  }

  function fillParticipantSelect() {
    const select = $("control-participant");
    const chosen = selectedRoom();
    const room = chosen && state.rooms.rooms.find((r) => r.sid === chosen[0]);
    const identities = room ? room.identities : [];
    const previous = select.value;
    const same = select.options.length === Math.max(identities.length, 1) && identities.every((i, n) => select.options[n].value === i);
    if (!same) {
      select.replaceChildren(...(identities.length ? identities.map((i) => h("option", { value: i }, i))
        : [h("option", { value: "" }, "nobody connected")]));
      if (identities.includes(previous)) select.value = previous;
    }
    $("disconnect").disabled = identities.length === 0;
    $("publish").disabled = identities.length === 0;
  }

  function report(ok, text) {
    const result = $("control-result");
    result.className = "result " + (ok ? "ok" : "error");
    result.textContent = text;
  }

  async function act(label, action) {
    try {
      const message = await action();
      report(true, message || `${label}: done`);
    } catch (e) {
      report(false, e instanceof ApiError && e.code ? `${label} refused: Twilio error ${e.code} (HTTP ${e.status}): ${e.body.message}`
        : `${label} failed: ${e.message}`);
    }
    await tick();
  }

  function accountField(room) { return room[1] && room[1] !== state.defaultAccount ? { AccountSid: room[1] } : {}; }

  function wireControls() {
    const advance = (seconds) => act("Advance", async () => {
      const clock = await post("clock/advance", { Seconds: String(seconds) });
      return `Clock moved ${seconds} s to ${full(clock.now)}`;
    });
    $("form-advance").addEventListener("submit", (e) => { e.preventDefault(); advance($("advance-seconds").value); });
    for (const b of document.querySelectorAll("#form-advance .quick")) b.addEventListener("click", () => advance(b.dataset.seconds));

    $("control-room").addEventListener("change", fillParticipantSelect);
    $("form-join").addEventListener("submit", (e) => {
      e.preventDefault();
      const room = selectedRoom();
      if (!room) { report(false, "Join: no room in progress"); return; }
      const identity = $("join-identity").value;
      act("Join", async () => {
        const p = await post(`rooms/${encodeURIComponent(room[0])}/participants`, Object.assign({ Identity: identity }, accountField(room)));
        return `${p.identity} joined (${p.sid})`;
      });
    });
    $("disconnect").addEventListener("click", () => {
      const room = selectedRoom(), who = $("control-participant").value;
      if (!room || !who) return;
      act("Disconnect", async () => {
        const p = await post(`rooms/${encodeURIComponent(room[0])}/participants/${encodeURIComponent(who)}/disconnect`, accountField(room));
        return `${p.identity} left, status ${p.status}`;
      });
    });
    $("form-publish").addEventListener("submit", (e) => {
      e.preventDefault();
      const room = selectedRoom(), who = $("control-participant").value;
      if (!room || !who) { report(false, "Publish: choose a connected participant"); return; }
      act("Publish", async () => {
        const t = await post(`rooms/${encodeURIComponent(room[0])}/participants/${encodeURIComponent(who)}/tracks`,
          Object.assign({ Kind: $("track-kind").value, Name: $("track-name").value }, accountField(room)));
        return `${who} published ${t.kind} track '${t.name}' (${t.sid})`;
      });
    });
    $("reset").addEventListener("click", () => {
      if (!window.confirm("Forget every room, participant and call of this fake?")) return;
      act("Reset", async () => {
        await post("reset", {});
        state.calls = []; state.lastCall = 0; state.callbacks = []; state.lastCallback = 0;
        return "Every room, participant and call was forgotten";
      });
    });
    $("snapshot").addEventListener("click", () => act("Snapshot", async () => {
      const init = { headers: {}, cache: "no-store" };
      if (TOKEN) init.headers[TOKEN_HEADER] = TOKEN;
      const response = await fetch(`${BASE}/state`, init);
      if (!response.ok) throw new ApiError(response.status, await response.json().catch(() => null));
      const blob = await response.blob();
      const url = URL.createObjectURL(blob);
      const name = `fakerooms-state-${(state.now || "").replace(/[:.]/g, "-")}.json`;
      const link = h("a", { download: name });
      link.href = url;   // a blob: URL made here, not data
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
      return `Snapshot downloaded as ${name} (${blob.size} bytes)`;
    }));
  }

  // ------------------------------------------------------------------ start

  window.addEventListener("hashchange", onRoute);
  document.addEventListener("visibilitychange", () => { if (!document.hidden) tick(); });
  wireControls();
  tick().then(onRoute);
})();
