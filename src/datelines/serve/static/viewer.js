/* datelines viewer: shared helpers, the event panel and review actions.
   Source text is untrusted: every string goes into the page through textContent
   (el() below); innerHTML is never used with data. */
"use strict";

const DL = (() => {
  function csrf() {
    const meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute("content") : "";
  }

  /* el("p", {class: "x"}, "text", child) -> element; strings become text nodes. */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "class") node.className = value;
      else if (key === "text") node.textContent = value;
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value);
    }
    for (const child of children) {
      if (child === null || child === undefined) continue;
      node.append(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return node;
  }

  async function post(url, body) {
    const response = await fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: {"Content-Type": "application/json", "X-CSRF-Token": csrf()},
      body: JSON.stringify(body || {}),
    });
    let data = {};
    try { data = await response.json(); } catch (err) { data = {}; }
    if (!response.ok) throw new Error(data.error || ("request failed: " + response.status));
    return data;
  }

  function message(container, text, kind) {
    let box = container.querySelector(".message");
    if (!box) { box = el("p", {class: "message"}); container.prepend(box); }
    box.className = "message " + (kind || "info");
    box.textContent = text;
  }

  function field(label, value) {
    return [el("dt", {text: label}), el("dd", {text: value || "none"})];
  }

  function figureText(f) {
    return (f.text || String(f.value)) + (f.of ? " " + f.of : "");
  }

  function otherList(items) {
    return el("ul", {}, ...items.map((o) => el("li", {},
      el("a", {href: "/event/" + encodeURIComponent(o.id), text: o.source + ": " + o.value}),
      " “" + o.quote + "”")));
  }

  function editForm(e, container, onChange) {
    const input = (name, value, label) => el("label", {}, label + " ",
      el("input", {name: name, value: value || ""}));
    const form = el("form", {class: "edit-form", hidden: "hidden"},
      input("date", e.date.value, "Date (TIMEX3)"),
      input("kind", e.kind, "Kind"),
      input("summary", e.summary, "Summary"),
      input("participants", e.participants.map((p) => p.name).join(", "),
        "Participants (comma-separated)"),
      el("label", {}, "Figures (one a line: number | qualifier | what)",
        el("textarea", {name: "figures", rows: "3"})),
      el("button", {type: "submit", text: "Save"}));
    form.elements.figures.value = e.figures
      .map((f) => [f.value, f.qualifier, f.of || ""].join(" | ")).join("\n");
    form.addEventListener("submit", async (ev) => {
      ev.preventDefault();
      const f = form.elements;
      const figures = f.figures.value.split("\n").map((line) => line.split("|")
        .map((s) => s.trim())).filter((p) => p[0]).map((p) => ({
          value: p[0], qualifier: p[1] || "exact", of: p[2] || null}));
      const participants = f.participants.value.split(",").map((s) => s.trim())
        .filter(Boolean);
      try {
        await post("/api/event/" + encodeURIComponent(e.id) + "/edit", {
          date: f.date.value, kind: f.kind.value, summary: f.summary.value,
          participants: participants, figures: figures});
        onChange(e.id);
      } catch (err) { message(container, err.message, "error"); }
    });
    return form;
  }

  function quoteSelection(block, data) {
    /* The selection inside the panel's paragraph, as an offset in the document text. */
    const sel = window.getSelection();
    if (!sel || sel.rangeCount === 0 || !block.contains(sel.anchorNode)) return null;
    let offset = 0;
    for (const node of block.childNodes) {
      if (node === sel.anchorNode || node.contains(sel.anchorNode)) {
        return data.context.block_start + offset + sel.anchorOffset;
      }
      offset += node.textContent.length;
    }
    return null;
  }

  function reviewBar(data, container, onChange, block) {
    const e = data.event;
    const url = (action) => "/api/event/" + encodeURIComponent(e.id) + "/" + action;
    const act = (action, body) => async () => {
      try { await post(url(action), body || {}); onChange(e.id); }
      catch (err) { message(container, err.message, "error"); }
    };
    const form = editForm(e, container, onChange);
    const mergeInput = el("select", {name: "other", "aria-label": "event to fold in"},
      ...(data.neighbours || []).map((n) => el("option", {value: n.id,
        text: n.value + " · " + n.summary})));
    return el("section", {class: "review"},
      el("h3", {text: "Review"}),
      el("button", {type: "button", class: "accept", onclick: act("accept"), text: "Accept"}),
      el("button", {type: "button", class: "edit", text: "Edit",
        onclick: () => { form.hidden = !form.hidden; }}),
      el("button", {type: "button", class: "reject", onclick: act("reject"), text: "Reject"}),
      el("button", {type: "button", class: "split", text: "Split at selection",
        title: "Select a point inside the quote first", onclick: async () => {
          const at = block ? quoteSelection(block, data) : null;
          if (at === null) { message(container, "select a point inside the quote first", "error"); return; }
          await act("split", {at: at, basis: "text"})();
        }}),
      form,
      el("form", {class: "merge-form", onsubmit: async (ev) => {
        ev.preventDefault();
        try {
          await post("/api/merge", {keep: e.id, other: mergeInput.value.trim()});
          onChange(e.id);
        } catch (err) { message(container, err.message, "error"); }
      }}, mergeInput, el("button", {type: "submit", text: "Merge into this",
        disabled: (data.neighbours || []).length ? null : "disabled"})));
  }

  function renderPanel(container, data, onChange) {
    const e = data.event;
    const ctx = data.context;
    let block = null;
    if (ctx) {
      block = el("blockquote", {class: "context"},
        ctx.text.slice(0, ctx.start), el("mark", {text: ctx.text.slice(ctx.start, ctx.end)}),
        ctx.text.slice(ctx.end));
    }
    const a = e.attribution;
    const asserted = a.asserted_by + (a.cue ? " (“" + a.cue + "”)" : "") +
      (a.hedged ? ", hedged" + (a.hedge_cue ? ": “" + a.hedge_cue + "”" : "") : "");
    const src = data.source;
    const sourceLine = src ? el("p", {class: "source"}, "Source: ",
      el("a", {href: "/document/" + encodeURIComponent(src.id) + "#ev-" + e.id, text: src.label}),
      src.url ? " · " : null,
      src.url ? el("a", {href: src.url, rel: "noopener noreferrer", text: "original"}) : null) : null;
    const dl = el("dl", {},
      ...field("Kind", e.kind),
      ...field("Status", e.status + (e.reviewed ? " (reviewed)" : "")),
      el("dt", {text: "Participants"}),
      el("dd", {}, ...(e.participants.length ? e.participants.flatMap((p, i) => [
        i ? ", " : null,
        p.entity ? el("a", {href: "/entity/" + encodeURIComponent(p.entity), text: p.name})
          : p.name,
        " (" + p.role + ")"]) : ["none"])),
      ...field("Places", e.places.join(", ")),
      ...field("Figures", e.figures.map(figureText).join("; ")),
      ...field("Asserted by", asserted),
      ...field("Confidence", String(e.confidence)),
      ...field("Id", e.id));
    const parts = [
      el("h2", {class: "summary", text: e.summary}),
      el("p", {class: "date"}, el("strong", {class: "value", text: e.date.value}),
        " “" + e.date.text + "” · ", el("span", {class: "how", text: data.resolution})),
      block, sourceLine, dl,
      ...data.conflicts.map((c) => el("section", {class: "conflict"},
        el("h3", {text: "Conflict"}), el("p", {text: c.label}), otherList(c.events))),
      data.versions.length ? el("section", {class: "versions"},
        el("h3", {text: "Other sources’ versions"}), otherList(data.versions)) : null,
      reviewBar(data, container, onChange, block)];
    container.replaceChildren(...parts.filter((part) => part !== null && part !== undefined));
  }

  async function openEvent(id, container, onChange) {
    const response = await fetch("/event/" + encodeURIComponent(id) + ".json",
      {credentials: "same-origin"});
    if (!response.ok) { message(container, "event not found: " + id, "error"); return null; }
    const data = await response.json();
    const again = onChange || ((changed) => openEvent(changed, container, onChange));
    renderPanel(container, data, again);
    return data;
  }

  document.addEventListener("DOMContentLoaded", () => {
    const undo = document.getElementById("undo");
    if (undo) undo.addEventListener("click", async () => {
      try { await post("/api/undo", {}); window.location.reload(); }
      catch (err) { window.alert(err.message); }
    });
  });

  return {el, post, openEvent, renderPanel, message, csrf};
})();
