/* datelines viewer: the timeline page (one lane per source, vis-timeline),
   client-side filters, in-page search, and the event panel. */
"use strict";

(function () {
  const data = JSON.parse(document.getElementById("data").textContent);
  const panel = document.getElementById("panel");
  const byId = new Map(data.events.map((e) => [e.id, e]));
  const state = {sources: new Set(data.sources.map((s) => s.id)), kind: "",
    participant: "", place: "", confidence: 0, from: "", to: "\uffff"};
  const DAY = 86400000;

  function dayAfter(iso) {
    const d = new Date(iso + "T00:00:00Z");
    return new Date(d.getTime() + DAY);
  }

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
    span.textContent = (item.conflict ? "⚠ " : "") + item.label;
    return span;
  }

  function className(e) {
    const names = ["st-" + e.status, "k-" + e.kind.replace(/[^A-Za-z0-9_-]/g, "")];
    if (e.start !== e.end) names.push("vague");
    if (e.conflict) names.push("conflict");
    if (e.hedged) names.push("hedged");
    return names.join(" ");
  }

  function toItem(e) {
    const item = {id: e.id, group: e.source, label: e.summary, conflict: e.conflict,
      start: new Date(e.start + "T00:00:00Z"), className: className(e)};
    if (e.start !== e.end) { item.end = dayAfter(e.end); item.type = "range"; }
    else item.type = "point";
    return item;
  }

  function select(ids) {
    if (!ids.length) return;
    if (timeline) {
      timeline.setSelection(ids.filter((id) => items.get(id)), {focus: true});
    }
    DL.openEvent(ids[0], panel, reopen);
  }

  function reopen(id) {
    /* after a review change the page data is stale: reload, then reopen */
    window.location.hash = "event=" + encodeURIComponent(id);
    window.location.reload();
  }

  const placed = data.events.filter((e) => e.start);
  let timeline = null;
  let items = null;
  let view = null;
  if (window.vis && window.vis.Timeline) {
    items = new vis.DataSet(placed.map(toItem));
    const eras = data.eras.filter((e) => e.start).map((era) => ({
      id: "era:" + era.id, group: era.source, label: era.label, type: "background",
      start: new Date(era.start + "T00:00:00Z"), end: dayAfter(era.end || era.start),
      className: "era"}));
    items.add(eras);
    view = new vis.DataView(items, {filter: (item) =>
      item.type === "background" || passes(byId.get(item.id))});
    const groups = new vis.DataSet(data.sources.map((s) => ({id: s.id, label: s.label})));
    timeline = new vis.Timeline(document.getElementById("timeline"), view, groups, {
      template: label, groupTemplate: label, stack: true, zoomMin: DAY,
      zoomMax: 1000 * 365.25 * DAY, orientation: "top", selectable: true,
      tooltip: {followMouse: false}, margin: {item: 4},
      verticalScroll: true, maxHeight: "75vh"});
    timeline.on("select", (props) => { if (props.items.length) select(props.items); });
  } else {
    const list = document.getElementById("fallback");
    list.hidden = false;
    for (const e of placed) {
      list.append(DL.el("li", {"data-id": e.id}, DL.el("button", {type: "button",
        onclick: () => select([e.id]), text: e.value + " · " + e.summary})));
    }
  }

  function apply() {
    let shown = 0;
    for (const e of data.events) if (passes(e)) shown += 1;
    document.getElementById("shown").textContent = String(shown);
    if (view) view.refresh();
    else {
      for (const li of document.querySelectorAll("#fallback li")) {
        li.hidden = !passes(byId.get(li.dataset.id));
      }
    }
    document.body.dataset.filtered = String(shown);
  }

  for (const box of document.querySelectorAll('#f-sources input[name="source"]')) {
    box.addEventListener("change", () => {
      if (box.checked) state.sources.add(box.value); else state.sources.delete(box.value);
      apply();
    });
  }
  const on = (id, key, read) => document.getElementById(id).addEventListener("input",
    (ev) => { state[key] = read(ev.target.value); apply(); });
  on("f-kind", "kind", (v) => v);
  document.getElementById("f-kind").addEventListener("change", (ev) => {
    state.kind = ev.target.value; apply(); });
  on("f-participant", "participant", (v) => v.trim().toLowerCase());
  on("f-place", "place", (v) => v.trim().toLowerCase());
  on("f-confidence", "confidence", (v) => {
    document.getElementById("f-conf-out").textContent = v; return Number(v); });
  on("f-from", "from", (v) => pad(v, false));
  on("f-to", "to", (v) => pad(v, true));

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
  document.body.dataset.ready = "true";
})();
