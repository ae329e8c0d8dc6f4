/* datelines static timeline: reads the embedded JSON and draws it with vis-timeline.
   Source text is only ever written with textContent, never parsed as HTML. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("datelines-data").textContent);
  var details = document.getElementById("details");
  var groupsById = {};
  var eventsById = {};
  var conflictsById = {};
  var RESOLVED = {
    explicit: "stated in the text",
    relative: "counted from another date",
    heading: "taken from the section heading",
    inferred: "inferred from the context",
    document: "the document's own date"
  };

  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (cls) node.className = cls;
    return node;
  }
  function sourceName(id) {
    var source = groupsById[id];
    return source ? (source.title || source.path) : id;
  }
  function row(list, term, value) {
    if (value === undefined || value === null || value === "") return;
    list.appendChild(el("dt", term));
    var dd = el("dd");
    if (value instanceof Node) dd.appendChild(value); else dd.textContent = String(value);
    list.appendChild(dd);
  }
  function passage(record) {
    var p = record.passage;
    var box = el("blockquote", null, "passage");
    box.appendChild(document.createTextNode((p.cut_before ? "\u2026" : "") + p.text.slice(0, p.start)));
    box.appendChild(el("mark", p.text.slice(p.start, p.end)));
    box.appendChild(document.createTextNode(p.text.slice(p.end) + (p.cut_after ? "\u2026" : "")));
    return box;
  }
  function dateWords(date) {
    var words = date.value + (date.mod ? " (" + date.mod + ")" : "");
    if (date.end_value) words += " to " + date.end_value;
    if (date.start) words += "  [" + date.start + (date.end && date.end !== date.start ? " \u2013 " + date.end : "") + "]";
    return words;
  }
  function resolved(date) {
    var how = RESOLVED[date.anchor] || date.anchor;
    if (date.anchor_text) how += ": \u201c" + date.anchor_text + "\u201d";
    return how;
  }
  function attribution(a) {
    var words = a.asserted_by === "source" ? "the source itself" : "attributed to " + a.asserted_by;
    if (a.cue) words += " (\u201c" + a.cue + "\u201d)";
    if (a.hedged) words += "; hedged" + (a.hedge_cue ? " (\u201c" + a.hedge_cue + "\u201d)" : "");
    return words;
  }
  function showEvent(record) {
    details.replaceChildren();
    details.appendChild(el("h2", record.summary || record.kind));
    details.appendChild(el("p", sourceName(record.source), "source-name"));
    var badges = el("p");
    badges.appendChild(el("span", record.kind, "badge"));
    if (record.attribution.hedged || record.attribution.asserted_by !== "source")
      badges.appendChild(el("span", record.attribution.hedged ? "hedged" : "attributed", "badge hedged"));
    if (record.reviewed) badges.appendChild(el("span", "reviewed: " + record.status, "badge reviewed"));
    (record.conflicts || []).forEach(function (id) {
      var link = el("button", "disputed: " + conflictsById[id].type + " \u2192", "badge conflict");
      link.type = "button";
      link.addEventListener("click", function () { select(id); });
      badges.appendChild(link);
    });
    details.appendChild(badges);
    details.appendChild(passage(record));
    var list = el("dl");
    row(list, "Date", dateWords(record.date));
    row(list, "Words", record.date.text);
    row(list, "Resolved", resolved(record.date));
    row(list, "Participants", record.participants.map(function (p) {
      return p.name + " (" + p.role + ", " + p.type + ")";
    }).join("; "));
    row(list, "Places", record.places.join("; "));
    row(list, "Figures", record.figures.map(function (f) {
      return (f.text || f.value) + (f.of ? " \u2014 " + f.of : "") + " [" + f.qualifier + "]";
    }).join("; "));
    row(list, "Who says so", attribution(record.attribution));
    row(list, "Confidence", Number(record.confidence).toFixed(2));
    row(list, "Status", record.status + (record.reviewed ? " (reviewed)" : ""));
    details.appendChild(list);
  }
  function showConflict(conflict) {
    details.replaceChildren();
    details.appendChild(el("h2", "Sources disagree: " + conflict.type));
    if (conflict.strength !== undefined) details.appendChild(el("p", "strength: " + conflict.strength, "badge conflict"));
    if (conflict.explanation) details.appendChild(el("p", conflict.explanation));
    (conflict.claims || []).forEach(function (claim) {
      var box = el("div", null, "conflict-claim");
      box.appendChild(el("p", sourceName(claim.source) + (claim.value !== undefined ? ": " + claim.value : ""), "source-name"));
      var record = eventsById[claim.event];
      if (record) box.appendChild(passage(record));
      else if (claim.quote) box.appendChild(el("blockquote", claim.quote, "passage"));
      details.appendChild(box);
    });
  }

  data.groups.forEach(function (g) { groupsById[g.id] = g; });
  data.items.concat(data.undated).forEach(function (r) { eventsById[r.id] = r; r.conflicts = []; });
  var groups = data.groups.map(function (g, n) {
    var label = el("span", g.title || g.path);
    if (g.publisher || g.date) label.title = [g.publisher, g.date].filter(Boolean).join(", ");
    return { id: g.id, content: label, order: n };
  });
  var items = data.items.map(function (r) {
    var classes = [];
    if (r.attribution.hedged || r.attribution.asserted_by !== "source") classes.push("hedged");
    if (r.reviewed) classes.push("reviewed");
    if (r.vis.open) classes.push("open-" + r.vis.open);
    var item = { id: r.id, group: r.source, content: el("span", r.summary || r.date.text),
                 start: r.vis.start, type: r.vis.type, className: classes.join(" ") };
    if (r.vis.end) item.end = r.vis.end;
    return item;
  });
  var byId = {};
  items.forEach(function (i) { byId[i.id] = i; });
  data.eras.forEach(function (era, n) {
    if (!era.vis || !era.vis.end) return;
    items.push({ id: "era:" + n, group: groupsById[era.source] ? era.source : undefined,
                 content: el("span", era.label), start: era.vis.start,
                 end: era.vis.end, type: "background", className: "era" });
  });
  if (data.conflicts.length) {
    groups.push({ id: "__conflicts", content: el("span", "Disagreements"), order: groups.length });
  }
  data.conflicts.forEach(function (c, n) {
    var id = "conflict:" + (c.id || n);
    conflictsById[id] = c;
    var starts = [], ends = [];
    (c.claims || []).forEach(function (claim) {
      var item = byId[claim.event];
      if (!item) return;
      item.className = (item.className + " in-conflict").trim();
      eventsById[claim.event].conflicts.push(id);
      starts.push(item.start); ends.push(item.end || item.start);
    });
    if (!starts.length) return;
    starts.sort(); ends.sort();
    var item = { id: id, group: "__conflicts", content: el("span", "\u26a0 " + c.type),
                 start: starts[0], className: "conflict" };
    if (ends[ends.length - 1] > starts[0]) { item.end = ends[ends.length - 1]; item.type = "range"; }
    items.push(item);
  });

  var timeline = new vis.Timeline(document.getElementById("timeline"), new vis.DataSet(items),
    new vis.DataSet(groups), { stack: true, orientation: "top", zoomKey: "ctrlKey",
                               margin: { item: 6 }, showCurrentTime: false,
                               maxHeight: "78vh", verticalScroll: true });
  window.datelinesTimeline = timeline;
  // open on where most claims are: a stray date (a misread "1000") must not squash
  // the rest into a sliver; zooming out still shows everything
  var starts = data.items.map(function (r) { return Date.parse(r.vis.start); })
    .filter(function (t) { return !isNaN(t); }).sort(function (a, b) { return a - b; });
  if (starts.length >= 10) {
    var lo = starts[Math.floor(starts.length * 0.03)];
    var hi = starts[Math.ceil(starts.length * 0.97) - 1];
    var pad = Math.max((hi - lo) * 0.06, 86400000 * 30);
    timeline.setWindow(lo - pad, hi + pad, { animation: false });
  } else if (items.length) {
    timeline.fit({ animation: false });
  }
  timeline.on("select", function (props) {
    if (props.items[0] !== undefined) select(props.items[0]);
  });
  function select(id) {
    if (conflictsById[id]) {
      showConflict(conflictsById[id]);
      var claims = (conflictsById[id].claims || []).map(function (c) { return c.event; })
        .filter(function (e) { return byId[e]; });
      timeline.setSelection([id].concat(claims));
    } else if (eventsById[id]) {
      showEvent(eventsById[id]);
    }
  }

  var undated = document.getElementById("undated");
  data.undated.forEach(function (r) {
    var li = el("li");
    var button = el("button", (r.date.text || r.date.value) + " \u2014 " + r.summary);
    button.type = "button";
    button.addEventListener("click", function () { showEvent(r); });
    li.appendChild(button);
    li.appendChild(el("span", "  " + sourceName(r.source), "source-name"));
    undated.appendChild(li);
  });
  if (data.undated.length) document.getElementById("undated-section").hidden = false;
  window.datelinesShow = function (id) {
    if (eventsById[id]) showEvent(eventsById[id]);
    else if (conflictsById[id]) showConflict(conflictsById[id]);
  };
})();
