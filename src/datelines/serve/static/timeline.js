/* datelines viewer: the timeline page (one lane per source, vis-timeline),
   client-side filters, in-page search, and the event panel.

   vis-timeline measures every item it draws, so thousands of items in view cost
   seconds. The page therefore draws at most LIMIT items: when more events fall in
   the window it draws per-lane bins ("37 events") instead; click a bin or zoom in to
   see its events. Labels are DOM nodes built with textContent (never HTML). */
"use strict";

(function () {
  const data = JSON.parse(document.getElementById("data").textContent);
  const panel = document.getElementById("panel");
  const byId = new Map(data.events.map((e) => [e.id, e]));
  const state = {sources: new Set(data.sources.map((s) => s.id)), kind: "",
    participant: "", place: "", confidence: 0, from: "", to: "\uffff"};
  const DAY = 86400000;
  const LIMIT = 300;

  function utc(iso) { return Date.parse(iso + "T00:00:00Z"); }

  function pad(value, last) {
    /* "1965" -> "1965-01-01" (from) or "1965-12-31" (to); partial dates allowed */
    const v = value.trim();
    if (!v) return last ? "\uffff" : "";
    const parts = v.split("-");
    if (parts.length === 1) return v + (last ? "-12-31" : "-01-01");
    if (parts.length === 2) return v + (last ? "-31" : "-01");
    return v;
  }

  function passes(e) {
    if (!state.sources.has(e.source)) return false;
    if (state.kind && e.kind !== state.kind) return false;
    if (e.confidence < state.confidence && !e.reviewed) return false;
    if (state.participant && !e.participants.some(
      (p) => p.toLowerCase().includes(state.participant))) return false;
    if (state.place && !e.places.some((p) => p.toLowerCase().includes(state.place))) return false;
    if (e.end && e.end < state.from) return false;
    if (e.start && e.start > state.to) return false;
    return true;
  }

  function label(item) {
    const span = document.createElement("span");
    span.textContent = (item.conflict ? "⚠ " : "") + (item.label || "");
    return span;
  }

  function className(e) {
    const names = ["st-" + e.status, "k-" + e.kind.replace(/[^A-Za-z0-9_-]/g, "")];
    if (e.start !== e.end) names.push("vague");
    if (e.conflict) names.push("conflict");
    if (e.hedged) names.push("hedged");
    return names.join(" ");
  }

  const placed = data.events.filter((e) => e.start);
  const times = new Map(placed.map((e) => [e.id, [utc(e.start), utc(e.end || e.start) + DAY]]));

  function toItem(e) {
    const [t0, t1] = times.get(e.id);
    const item = {id: e.id, group: e.source, label: e.summary, conflict: e.conflict,
      start: new Date(t0), className: className(e)};
    if (e.start !== e.end) { item.end = new Date(t1); item.type = "range"; }
    else item.type = "point";
    return item;
  }

  const eras = data.eras.filter((e) => e.start).map((era) => ({
    id: "era:" + era.id, group: era.source, label: era.label, type: "background",
    start: new Date(utc(era.start)), end: new Date(utc(era.end || era.start) + DAY),
    className: "era"}));
  let shown = placed.slice();
  let drawn = null;
  let timeline = null;
  const items = window.vis && window.vis.DataSet ? new vis.DataSet() : null;

  function bins(inside, lo, hi) {
    /* per-lane counts on a fixed grid, at most LIMIT bins in all */
    const lanes = new Set(inside.map((e) => e.source)).size || 1;
    const perLane = Math.max(4, Math.min(60, Math.floor(LIMIT / lanes)));
    const width = Math.max(DAY, (hi - lo) / perLane);
    const counts = new Map();
    for (const e of inside) {
      const mid = (times.get(e.id)[0] + times.get(e.id)[1]) / 2;
      const key = e.source + "\u0000" + Math.floor(mid / width);
      counts.set(key, (counts.get(key) || 0) + 1);
    }
    return [...counts].map(([key, n]) => {
      const [source, k] = key.split("\u0000");
      return {id: "bin:" + key, group: source, type: "range", className: "bin",
        start: new Date(Number(k) * width), end: new Date((Number(k) + 1) * width),
        label: n + (n === 1 ? " event" : " events")};
    });
  }

  function draw() {
    if (!timeline) return;
    const w = timeline.getWindow();
    const span = w.end - w.start;
    const lo = w.start.getTime() - span / 2;
    const hi = w.end.getTime() + span / 2;
    const inside = shown.filter((e) => times.get(e.id)[1] >= lo && times.get(e.id)[0] <= hi);
    const wanted = inside.length <= LIMIT ? inside.map(toItem) : bins(inside, lo, hi);
    document.body.dataset.binned = String(inside.length > LIMIT);
    const signature = wanted.map((item) => item.id).join("\n");
    if (signature === drawn) return;  // the same items: keep them (and the selection)
    drawn = signature;
    const selected = timeline.getSelection();
    items.clear();
    items.add(eras.concat(wanted));
    timeline.setSelection(selected.filter((id) => items.get(id)));
  }

  function reopen(id) {
    /* after a review change the page data is stale: reload, then reopen */
    window.location.hash = "event=" + encodeURIComponent(id);
    window.location.reload();
  }

  function select(ids) {
    ids = ids.filter((id) => byId.has(id));
    if (!ids.length) return;
    if (timeline && times.has(ids[0])) {
      const [t0, t1] = times.get(ids[0]);
      if (!items.get(ids[0])) {
        const pad = Math.max(30 * DAY, t1 - t0);
        timeline.setWindow(new Date(t0 - pad), new Date(t1 + pad), {animation: false});
        draw();
      }
      timeline.setSelection(ids.filter((id) => items.get(id)));
    }
    DL.openEvent(ids[0], panel, reopen);
  }

  if (items && window.vis.Timeline) {
    const groups = new vis.DataSet(data.sources.map((s) => ({id: s.id, label: s.label})));
    const range = placed.length ? placed.map((e) => times.get(e.id)) : [[0, DAY]];
    const first = Math.min(...range.map((r) => r[0]));
    const last = Math.max(...range.map((r) => r[1]));
    const margin = Math.max(30 * DAY, (last - first) * 0.03);
    timeline = new vis.Timeline(document.getElementById("timeline"), items, groups, {
      template: label, groupTemplate: label, stack: true, zoomMin: DAY,
      zoomMax: 1000 * 365.25 * DAY, orientation: "top", selectable: true,
      margin: {item: 4}, verticalScroll: true, maxHeight: "75vh",
      start: new Date(first - margin), end: new Date(last + margin)});
    draw();
    timeline.on("rangechanged", draw);
    timeline.on("select", (props) => {
      const bin = props.items.find((id) => String(id).startsWith("bin:"));
      if (bin) {
        const item = items.get(bin);
        timeline.setWindow(item.start, item.end);
        return;
      }
      select(props.items);
    });
  } else {
    const list = document.getElementById("fallback");
    list.hidden = false;
    for (const e of placed) {
      list.append(DL.el("li", {"data-id": e.id}, DL.el("button", {type: "button",
        onclick: () => select([e.id]), text: e.value + " · " + e.summary})));
    }
  }

  function apply() {
    const passing = data.events.filter(passes);
    shown = passing.filter((e) => e.start);
    document.getElementById("shown").textContent = String(passing.length);
    document.body.dataset.filtered = String(passing.length);
    if (timeline) draw();
    else {
      for (const li of document.querySelectorAll("#fallback li")) {
        li.hidden = !passes(byId.get(li.dataset.id));
      }
    }
  }

  for (const box of document.querySelectorAll('#f-sources input[name="source"]')) {
    box.addEventListener("change", () => {
      if (box.checked) state.sources.add(box.value); else state.sources.delete(box.value);
      apply();
    });
  }
  const on = (id, key, read) => document.getElementById(id).addEventListener("input",
    (ev) => { state[key] = read(ev.target.value); apply(); });
  on("f-participant", "participant", (v) => v.trim().toLowerCase());
  on("f-place", "place", (v) => v.trim().toLowerCase());
  on("f-confidence", "confidence", (v) => {
    document.getElementById("f-conf-out").textContent = v; return Number(v); });
  on("f-from", "from", (v) => pad(v, false));
  on("f-to", "to", (v) => pad(v, true));
  document.getElementById("f-kind").addEventListener("change", (ev) => {
    state.kind = ev.target.value; apply(); });

  document.getElementById("tl-search").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const q = document.getElementById("tl-q").value;
    const list = document.getElementById("tl-hits");
    const response = await fetch("/search.json?q=" + encodeURIComponent(q),
      {credentials: "same-origin"});
    const result = await response.json();
    list.replaceChildren(...result.hits.map((hit) => DL.el("li", {},
      DL.el("button", {type: "button", class: "hit", text: hit.title + ": " + hit.snippet,
        onclick: () => select(hit.events)}))));
    if (!result.hits.length) list.append(DL.el("li", {text: "No passage matches."}));
  });

  const hash = new URLSearchParams(window.location.hash.slice(1));
  if (hash.get("event")) select([hash.get("event")]);
  requestAnimationFrame(() => requestAnimationFrame(() => {
    document.body.dataset.ready = "true";
    performance.mark("datelines-ready");
  }));
})();
