/* datelines viewer: the document page (every event underlined; select words to add
   a missed event; click a passage to open its event). */
"use strict";

(function () {
  const article = document.getElementById("document");
  const panel = document.getElementById("event-panel");
  const form = document.getElementById("add-form");
  let selection = null;

  function reopen() { window.location.reload(); }

  function show(ids) {
    if (ids.length === 1) { DL.openEvent(ids[0], panel, reopen); return; }
    panel.replaceChildren(DL.el("p", {text: "Several events share these words:"}),
      DL.el("ul", {}, ...ids.map((id) => DL.el("li", {}, DL.el("button", {type: "button",
        text: id, onclick: () => DL.openEvent(id, panel, reopen)})))));
  }

  article.addEventListener("click", (ev) => {
    const mark = ev.target.closest(".ev");
    if (mark && window.getSelection().isCollapsed) show(mark.dataset.events.split(" "));
  });
  article.addEventListener("keydown", (ev) => {
    const mark = ev.target.closest(".ev");
    if (mark && ev.key === "Enter") show(mark.dataset.events.split(" "));
  });

  function offset(node, within) {
    /* a DOM position -> an offset in the document's normalized text */
    const seg = (node.nodeType === Node.TEXT_NODE ? node.parentElement : node)
      .closest("[data-start]");
    if (!seg || !article.contains(seg)) return null;
    if (seg.classList.contains("block")) {
      const child = seg.childNodes[within] || seg.lastChild;
      if (!child) return Number(seg.dataset.start);
      const start = Number(child.dataset.start);
      return within >= seg.childNodes.length ? start + child.textContent.length : start;
    }
    return Number(seg.dataset.start) + within;
  }

  document.addEventListener("selectionchange", () => {
    const sel = window.getSelection();
    if (!sel || sel.isCollapsed || sel.rangeCount === 0) return;
    const range = sel.getRangeAt(0);
    const start = offset(range.startContainer, range.startOffset);
    const end = offset(range.endContainer, range.endOffset);
    if (start === null || end === null || end <= start) return;
    selection = {start: start, end: end, text: sel.toString()};
    form.hidden = false;
    form.querySelector(".selection").textContent = "“" + selection.text + "”";
  });

  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    if (!selection) return;
    const f = form.elements;
    try {
      const result = await DL.post("/api/add", {source: article.dataset.source,
        start: selection.start, end: selection.end, basis: "text",
        date: f.date.value, kind: f.kind.value, summary: f.summary.value});
      window.location.hash = "ev-" + result.event.id;
      window.location.reload();
    } catch (err) { DL.message(form, err.message, "error"); }
  });

  const target = window.location.hash.slice(1);
  if (target.startsWith("ev-")) {
    const id = decodeURIComponent(target.slice(3));
    const mark = document.querySelector('[data-events~="' + CSS.escape(id) + '"]');
    if (mark) { mark.scrollIntoView({block: "center"}); mark.classList.add("current"); }
    DL.openEvent(id, panel, reopen);
  }
  document.body.dataset.ready = "true";
})();
