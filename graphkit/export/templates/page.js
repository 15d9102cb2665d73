/* graphkit page: draws the graph from the JSON block and wires the search, the filters and the side panel.
   Names and sentences come from untrusted articles: they are written with textContent (or given to vis as
   plain-string titles), never as HTML. window.network is the vis Network; window.graphkit is for scripts. */
(function () {
  "use strict";

  const READABLE = 8.5; // smallest label drawn, in screen pixels
  const MAX_LABEL = 20; // vis scales labels down above this many screen pixels
  const DIM = 0.12; // opacity of whatever is not part of the selection
  const FONT_COLOR = "#1f2937";
  const NO_LABEL = 0.3; // a font size vis never draws (below its draw threshold at any zoom)
  const DATALIST_LIMIT = 6000;
  const CO_MENTIONED = "co-mentioned"; // the class of a link whose sentences only name the two
  const DENIED_DASHES = [7, 5];

  const data = JSON.parse(document.getElementById("graph-data").textContent);
  const api = { data: data, drawnAt: null, selected: null };
  window.graphkit = api;

  // the graph arrives as tables (fields + rows, ids are row numbers) with each evidence sentence stored once
  const records = (table) => table.rows.map((row, id) => {
    const record = { id: id };
    table.fields.forEach((field, i) => { record[field] = row[i]; });
    return record;
  });
  data.nodes = records(data.nodes);
  data.edges = records(data.edges);
  data.edges.forEach((e) => { e.evidence = e.evidence.map((i) => data.sentences[i]); });

  const plural = (n, word) => `${n.toLocaleString("en")} ${word}${n === 1 ? "" : "s"}`;
  const decimal = (x) => x.toLocaleString("en", { maximumFractionDigits: 2 });
  const colors = {};
  data.types.forEach((t) => { colors[t.type] = t.color; });
  const classColors = data.classColors || {};
  const typed = (edge) => edge.relationClass !== CO_MENTIONED;
  const byId = new Map(data.nodes.map((n) => [n.id, n]));
  const edgeById = new Map(data.edges.map((e) => [e.id, e]));
  const links = new Map(data.nodes.map((n) => [n.id, []]));
  data.edges.forEach((e) => { links.get(e.from).push(e); links.get(e.to).push(e); });
  links.forEach((list) => list.sort((a, b) => b.weight - a.weight));
  const weights = Array.from(new Set(data.edges.map((e) => e.weight))).sort((a, b) => a - b);
  if (!weights.length) weights.push(1);

  // ---- state ----
  const hiddenTypes = new Set();
  let minWeight = weights[0];
  let typedOnly = false; // hide the links of co-mentions only
  let shownClasses = null; // the relation classes whose links show (a Set), or null for all
  let visible = new Set(data.nodes.map((n) => n.id));
  let focus = null; // {first: id, nodes: Set} while a node or an edge is selected
  let inTimeRange = null; // while the time bar sets a range: 1 per edge id with a statement dated in it (Uint8Array)
  // names dropped or merged away, and links dropped or joining a merged pair, by the corrections from the page
  const corrected = { gone: new Set(), goneLinks: new Set() };
  // the link filters (strength, typed only, classes, time) say which links pass; the type filter which names
  const passes = (edge) => !corrected.goneLinks.has(edge.id) && edge.weight >= minWeight && (typed(edge)
    ? shownClasses === null || shownClasses.has(edge.relationClass) : !typedOnly) &&
    (inTimeRange === null || inTimeRange[edge.id] === 1);
  const linkFiltered = () => minWeight > weights[0] || typedOnly || shownClasses !== null || inTimeRange !== null;
  const isShown = (edge) => passes(edge) && visible.has(edge.from) && visible.has(edge.to);

  // ---- vis ----
  // tooltips are plain strings: vis shows them with innerText
  const nodeTitle = (n) => `${n.label}\n${n.type || "entity"} · ${plural(n.mentions, "mention")} in ${plural(n.documents, "document")}`;
  const edgeTitle = (e) => `${byId.get(e.from).label} — ${byId.get(e.to).label}\n${e.relations.join(", ") || "related"} · ${plural(e.sentences, "sentence")}` +
    (typed(e) ? `\n${e.relationClass}${e.denied ? " · denied" : ""}` : "");
  const nodes = new vis.DataSet(data.nodes.map((n) => ({
    id: n.id, label: n.label, group: n.group, x: n.x, y: n.y, size: n.size,
    font: { size: NO_LABEL, color: FONT_COLOR },
    title: nodeTitle(n),
  })));
  // a typed link is drawn solid in its class colour, a denied one (every statement negated) dashed, and a
  // link of co-mentions only thin and grey
  const edges = new vis.DataSet(data.edges.map((e) => ({
    id: e.id, from: e.from, to: e.to,
    width: typed(e) ? e.width + 1 : Math.max(0.75, e.width / 2),
    color: { color: e.color, highlight: e.color, hover: e.color },
    dashes: e.denied ? DENIED_DASHES : false,
    title: edgeTitle(e),
  })));
  const nodeView = new vis.DataView(nodes, { filter: (n) => visible.has(n.id) });
  const edgeView = new vis.DataView(edges, { filter: (e) => isShown(edgeById.get(e.id)) });
  // the selection's edges are vis's selected edges: drawn opaque whatever the global opacity, a typed link in
  // its class colour and any other dark
  data.options.edges.chosen = { label: true, edge: (values, id, selected, hovering) => {
    const edge = edgeById.get(id);
    values.color = edge && typed(edge) ? edge.color
      : selected ? data.options.edges.color.highlight : data.options.edges.color.hover;
    values.opacity = selected ? 0.9 : Math.max(values.opacity, 0.8);
    values.width += selected ? 1 : 0.5;
  } };
  const container = document.getElementById("mynetwork");
  const network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, data.options);
  window.network = network;
  api.nodes = nodes;
  api.edges = edges;
  network.once("afterDrawing", () => { api.drawnAt = performance.now(); });

  // ---- labels and dimming, recomputed after every zoom, pan, filter or selection ----
  // Labels are placed greedily, most important first, and a label that would overlap one already placed is
  // left out; zooming in makes room for more. What vis draws is changed by diff, so a zoom touches few nodes.
  // Dimming sets vis's global opacity and lights only the selection, so a click touches only its neighbourhood.
  const ranked = data.nodes.slice().sort((a, b) => b.pagerank - a.pagerank);
  const measure = document.createElement("canvas").getContext("2d");
  measure.font = "10px " + data.options.nodes.font.face;
  const labelWidth = new Map(); // node id -> label width in pixels at font size 10
  const drawnLabels = new Map(); // node id -> "font size|lift" last given to vis
  const ownOpacity = new Map(); // node id -> opacity given to that node (over vis's global one)
  let dimmedView = false;

  function widthAt10(node) {
    if (!labelWidth.has(node.id)) labelWidth.set(node.id, measure.measureText(node.label).width);
    return labelWidth.get(node.id);
  }

  function viewBounds(scale) {
    const centre = network.getViewPosition();
    const halfW = container.clientWidth / scale; // half the view on each side as margin
    const halfH = container.clientHeight / scale;
    return { left: centre.x - halfW, right: centre.x + halfW, top: centre.y - halfH, bottom: centre.y + halfH };
  }

  function boxGrid(cell) {
    // boxes in a coarse grid, so placing N labels costs about N look-ups, not N squared
    const cells = new Map();
    const keys = (b, visit) => {
      for (let i = Math.floor(b.l / cell); i <= Math.floor(b.r / cell); i++) {
        for (let j = Math.floor(b.t / cell); j <= Math.floor(b.b / cell); j++) visit(i + "," + j);
      }
    };
    return {
      add: (b) => keys(b, (k) => { if (!cells.has(k)) cells.set(k, []); cells.get(k).push(b); }),
      hits: (b) => {
        let hit = false;
        keys(b, (k) => { hit = hit || (cells.get(k) || []).some((o) => b.l < o.r && b.r > o.l && b.t < o.b && b.b > o.t); });
        return hit;
      },
    };
  }

  function placeLabels(scale) {
    const view = viewBounds(scale);
    const grid = boxGrid(120 / scale);
    const order = focus ? [byId.get(focus.first)].concat(ranked.filter((n) => focus.nodes.has(n.id) && n.id !== focus.first)) : ranked;
    const placed = new Map();
    order.forEach((n) => {
      if (!visible.has(n.id) || n.x < view.left || n.x > view.right || n.y < view.top || n.y > view.bottom) return;
      // a selection makes its neighbours readable whatever their importance
      const font = focus ? Math.max(n.font.size, (READABLE + 3) / scale) : n.font.size;
      const px = Math.min(font * scale, MAX_LABEL);
      const f = px / scale; // label font size in canvas units, as vis draws it
      const half = (widthAt10(n) * f) / 20 + 2 / scale;
      const height = f * 1.25;
      // vis draws a dot's label below it; font.vadjust can lift it above the dot when below is taken
      const below = { l: n.x - half, r: n.x + half, t: n.y + n.size, b: n.y + n.size + height, lift: 0 };
      const above = { l: below.l, r: below.r, t: n.y - n.size - height, b: n.y - n.size, lift: -(2 * n.size + height) };
      const box = px < READABLE ? null : [below, above].find((b) => !grid.hits(b));
      if (box) {
        grid.add(box);
        placed.set(n.id, [font, Math.round(box.lift)]);
      }
      const core = n.size * 0.7; // no less important label may cover this node (its rim, it may graze)
      grid.add({ l: n.x - core, r: n.x + core, t: n.y - core, b: n.y + core });
    });
    return placed;
  }

  function refresh() {
    const scale = network.getScale();
    const placed = placeLabels(scale);
    const updates = new Map();
    const update = (id) => { if (!updates.has(id)) updates.set(id, { id: id }); return updates.get(id); };
    data.nodes.forEach((n) => {
      const [size, lift] = placed.get(n.id) || [NO_LABEL, 0];
      const key = size + "|" + lift;
      if (drawnLabels.get(n.id) !== key) {
        drawnLabels.set(n.id, key);
        update(n.id).font = { size: size, color: FONT_COLOR, vadjust: lift };
      }
    });
    const dim = focus !== null;
    if (dim !== dimmedView) {
      network.setOptions({ nodes: { opacity: dim ? DIM : 1 }, edges: { color: { opacity: dim ? DIM / 2 : data.options.edges.color.opacity } } });
      dimmedView = dim;
    }
    const lit = dim ? focus.nodes : new Set();
    new Set([...ownOpacity.keys(), ...lit]).forEach((id) => {
      const opacity = lit.has(id) || !dim ? 1 : DIM;
      if (ownOpacity.get(id) !== opacity) {
        ownOpacity.set(id, opacity);
        update(id).opacity = opacity;
      }
    });
    if (updates.size) nodes.update(Array.from(updates.values()));
  }

  let pending = 0;
  const refreshSoon = () => { clearTimeout(pending); pending = setTimeout(refresh, 120); };
  network.on("zoom", refreshSoon);
  network.on("dragEnd", (params) => {
    // a node dragged by the reader: its labels are placed from where it now is
    const moved = network.getPositions(params.nodes);
    params.nodes.forEach((id) => { byId.get(id).x = moved[id].x; byId.get(id).y = moved[id].y; });
    refreshSoon();
  });
  network.on("resize", refreshSoon);
  network.on("animationFinished", refresh);
  // the first view frames the largest connected group: on a large graph, stray pairs at the edge of the
  // layout would otherwise shrink everything that matters into the middle
  function home(animation) {
    const ids = data.nodes.length > 300 ? largestGroup() : [];
    network.fit(ids.length > data.nodes.length / 3 ? { nodes: ids, animation: animation } : { animation: animation });
  }

  function largestGroup() {
    const seen = new Set();
    let best = [];
    data.nodes.forEach((start) => {
      if (seen.has(start.id) || !visible.has(start.id)) return;
      const group = [start.id];
      seen.add(start.id);
      for (let i = 0; i < group.length; i++) {
        links.get(group[i]).forEach((e) => {
          const next = e.from === group[i] ? e.to : e.from;
          if (!seen.has(next) && isShown(e)) { seen.add(next); group.push(next); }
        });
      }
      if (group.length > best.length) best = group;
    });
    return best;
  }

  home(false);
  refresh();

  // ---- small DOM helpers (textContent only) ----
  function el(tag, props, children) {
    const node = document.createElement(tag);
    Object.entries(props || {}).forEach(([key, value]) => {
      if (key === "text") node.textContent = value;
      else if (key === "class") node.className = value;
      else if (key === "onclick") node.addEventListener("click", value);
      else if (key === "swatch") node.style.background = value;
      else node.setAttribute(key, value);
    });
    (children || []).forEach((child) => { if (child) node.appendChild(child); });
    return node;
  }
  const fill = (parent, children) => parent.replaceChildren(...children.filter(Boolean));
  const swatch = (type) => el("span", { class: "swatch", swatch: colors[type] || "#7f7f7f" });
  const other = (edge, id) => byId.get(edge.from === id ? edge.to : edge.from);
  const panel = document.getElementById("panel");
  const status = document.getElementById("status");

  function dates(first, last) {
    if (!first && !last) return "";
    return first === last || !last ? `seen ${first}` : `seen ${first} to ${last}`;
  }

  // ---- selection ----
  function showNode(id, zoom) {
    id = correctedId(id); // a name merged away shows as the one it joined, a dropped one not at all
    const node = byId.get(id);
    if (!node) return;
    if (!visible.has(id)) revealNode(node);
    const around = links.get(id).filter(isShown);
    focus = { first: id, nodes: new Set([id].concat(around.map((e) => other(e, id).id))) };
    network.selectNodes([id], true);
    if (zoom) {
      // centre on the node, close enough to read it and far enough to see its neighbours
      const reach = around.reduce((r, e) => { const o = other(e, id); return Math.max(r, Math.hypot(o.x - node.x, o.y - node.y) + o.size); }, node.size * 4);
      const fits = Math.min(container.clientWidth, container.clientHeight) / (2.2 * reach);
      const scale = Math.min(1.5, Math.max(fits, (READABLE + 2) / node.font.size));
      network.focus(id, { scale: scale, animation: { duration: 450, easingFunction: "easeInOutQuad" } });
    }
    refresh();
    nodePanel(node, around);
    api.selected = { node: id };
  }

  function showEdge(id, zoom) {
    const edge = edgeById.get(id);
    if (!edge) return;
    focus = { first: edge.from, nodes: new Set([edge.from, edge.to]) };
    network.setSelection({ nodes: [], edges: [id] }, { unselectAll: true, highlightEdges: false });
    refresh();
    if (zoom) {
      // both ends in view with room around them, and never so close that the dots fill the screen
      const a = byId.get(edge.from);
      const b = byId.get(edge.to);
      const span = Math.hypot(a.x - b.x, a.y - b.y) + 2 * Math.max(a.size, b.size);
      const fits = Math.min(container.clientWidth, container.clientHeight) / (1.8 * span);
      const scale = Math.min(fits, 30 / Math.max(a.size, b.size));
      network.moveTo({ position: { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 }, scale: scale,
        animation: { duration: 450, easingFunction: "easeInOutQuad" } });
    }
    edgePanel(edge);
    api.selected = { edge: id };
  }

  function clearSelection() {
    focus = null;
    network.unselectAll();
    refresh();
    introPanel();
    api.selected = null;
  }

  network.on("click", (params) => {
    if (params.nodes.length) showNode(params.nodes[0], false);
    else if (params.edges.length) showEdge(params.edges[0], false);
    else clearSelection();
  });

  // ---- side panel ----
  function linkButton(edge, from) {
    const to = other(edge, from);
    const what = `${edge.relations[0] || "related"} · ${edge.sentences.toLocaleString("en")}`;
    return el("li", { class: "link" }, [
      el("button", { type: "button", title: `Read why ${to.label} is linked`, onclick: () => showEdge(edge.id, true) }, [
        el("span", { class: "name" }, [swatch(to.type), el("span", { text: to.label })]),
        el("span", { class: "what", text: what }),
      ]),
    ]);
  }

  function nodeButton(node) {
    return el("li", { class: "link" }, [
      el("button", { type: "button", onclick: () => showNode(node.id, true) }, [
        el("span", { class: "name" }, [swatch(node.type), el("span", { text: node.label })]),
        el("span", { class: "what", text: plural(node.mentions, "mention") }),
      ]),
    ]);
  }

  function kindLine(type, extra) {
    return el("div", { class: "kind" }, [swatch(type), el("span", { text: [type || "entity", extra].filter(Boolean).join(" · ") })]);
  }

  function nodePanel(node, around) {
    const aliases = node.aliases.filter((a) => a !== node.label);
    const shown = around.slice(0, 15);
    fill(panel, [
      kindLine(node.type, node.country ? `in ${node.country}` : ""),
      el("h2", { text: node.label }),
      el("p", { class: "facts", text: `${plural(node.mentions, "mention")} in ${plural(node.documents, "document")}` }),
      dates(node.firstSeen, node.lastSeen) ? el("p", { class: "facts", text: dates(node.firstSeen, node.lastSeen) }) : null,
      aliases.length ? el("h3", { text: "Also called" }) : null,
      aliases.length ? el("p", { class: "aliases", text: aliases.join(", ") }) : null,
      el("h3", { text: around.length ? `Strongest links (${around.length.toLocaleString("en")})` : "No links shown" }),
      el("ul", {}, shown.map((e) => linkButton(e, node.id))),
      around.length > shown.length ? el("p", { class: "hint", text: `and ${around.length - shown.length} more` }) : null,
      around.length ? el("p", { class: "hint", text: "Strongest first; the number is how many sentences link the two." }) : null,
      correctionTools(node),
    ]);
    panel.scrollTop = 0;
  }

  function edgePanel(edge) {
    const a = byId.get(edge.from);
    const b = byId.get(edge.to);
    const end = (n) => el("button", { type: "button", onclick: () => showNode(n.id, true) }, [swatch(n.type), el("span", { text: n.label })]);
    const quoted = edge.evidence.map(([doc, sentence]) =>
      el("blockquote", { class: "evidence" }, [
        el("span", { class: "sentence", text: sentence }),
        doc ? el("cite", { text: doc }) : null,
      ]));
    const more = edge.sentences > edge.evidence.length
      ? el("p", { class: "hint", text: `${edge.evidence.length} of ${plural(edge.sentences, "sentence")} quoted; evidence.csv lists them all.` })
      : null;
    fill(panel, [
      kindLine("link", ""),
      el("h2", { text: `${a.label} — ${b.label}` }),
      el("div", { class: "ends" }, [end(a), end(b)]),
      el("p", { class: "facts", text: `${plural(edge.sentences, "sentence")} in ${plural(edge.documents, "document")} · strength ${decimal(edge.weight)}` }),
      dates(edge.firstSeen, edge.lastSeen) ? el("p", { class: "facts", text: dates(edge.firstSeen, edge.lastSeen) }) : null,
      el("h3", { text: "Relation" }),
      el("div", { class: "chips" }, edge.relations.map((r) => el("span", { class: r === CO_MENTIONED ? "chip co" : "chip", text: r }))),
      edge.statements.length ? el("h3", { text: "Statements" }) : null,
      edge.statements.length ? el("ul", { class: "statements" }, edge.statements.map((s) => statementItem(s, edge))) : null,
      el("h3", { text: "Evidence" }),
      ...quoted,
      more,
    ]);
    panel.scrollTop = 0;
  }

  function classChip(name) {
    return el("span", { class: "chip class", title: "relation class" }, [
      el("span", { class: "swatch", swatch: classColors[name] || "#7f7f7f" }),
      el("span", { text: name || "untyped" }),
    ]);
  }

  function statementItem(said, edge) {
    // the statement's words as the sentence puts them; which end it reads from; how sure the sentence is
    const from = said.from === null ? null : byId.get(said.from);
    const mark = (text, title) => el("span", { class: "mark", title: title, text: text });
    return el("li", { class: said.negated ? "statement negated" : "statement" }, [
      el("div", { class: "said" }, [
        classChip(said.class),
        said.negated ? mark("negated", "the sentence denies it") : null,
        said.hedged ? mark("hedged", "the sentence only reports, expects or asks it") : null,
      ]),
      el("p", { class: "words", text: said.text }),
      from ? el("p", { class: "direction", text: `${from.label} → ${other(edge, from.id).label}` }) : null,
      said.according ? el("p", { class: "according", text: `according to ${said.according}` }) : null,
    ]);
  }

  function introPanel() {
    const top = ranked.filter((n) => visible.has(n.id)).slice(0, 12);
    if (!data.nodes.length) {
      fill(panel, [el("h2", { text: "No entities" }), el("p", { class: "hint", text: "No people, countries or organizations were found in these articles." })]);
      return;
    }
    fill(panel, [
      el("h2", { text: "Explore the graph" }),
      el("p", { class: "hint", text: "Click a name to see what it is linked to, or a line to read the sentences behind the link. " +
        "Find any name or alias with the search box; drag to move, scroll to zoom." }),
      el("h3", { text: "Most connected" }),
      el("ul", {}, top.map(nodeButton)),
    ]);
  }

  // ---- filters ----
  function applyFilters() {
    // with a link filter on, only the names that keep a link show
    const open = !linkFiltered();
    visible = new Set();
    data.nodes.forEach((n) => { if (open && !hiddenTypes.has(n.type) && !corrected.gone.has(n.id)) visible.add(n.id); });
    if (!open) {
      data.edges.forEach((e) => {
        if (passes(e) && !hiddenTypes.has(byId.get(e.from).type) && !hiddenTypes.has(byId.get(e.to).type)) {
          visible.add(e.from);
          visible.add(e.to);
        }
      });
    }
    nodeView.refresh();
    edgeView.refresh();
    const sel = api.selected;
    if (sel && ((sel.node !== undefined && !visible.has(sel.node)) || (sel.edge !== undefined && !isShown(edgeById.get(sel.edge))))) {
      clearSelection();
    } else if (sel && sel.node !== undefined) {
      showNode(sel.node, false);
    } else {
      if (!sel) introPanel();
      refresh();
    }
    showCounts();
  }

  function showCounts() {
    const shownEdges = edgeView.length;
    const text = visible.size === data.nodes.length && shownEdges === data.edges.length
      ? "" : `showing ${visible.size.toLocaleString("en")} ${visible.size === 1 ? "entity" : "entities"} and ${plural(shownEdges, "link")}`;
    document.getElementById("visible-count").textContent = text;
  }

  function revealNode(node) {
    // a searched name hidden by the filters: relax the filters so it shows
    if (hiddenTypes.has(node.type)) {
      hiddenTypes.delete(node.type);
      typeBoxes.forEach((box) => { if (box.value === node.type) box.checked = true; });
    }
    if (!visible.has(node.id)) {
      minWeight = weights[0];
      slider.value = "0";
      showWeight();
      setLinkFilters(false, null);
      clearTimeRange();
    }
    api.selected = null;
    applyFilters();
  }

  const typeBoxes = Array.from(document.querySelectorAll("#type-filter input[type=checkbox]"));
  typeBoxes.forEach((box) => box.addEventListener("change", () => {
    if (box.checked) hiddenTypes.delete(box.value);
    else hiddenTypes.add(box.value);
    applyFilters();
  }));

  const slider = document.getElementById("min-weight");
  slider.max = String(weights.length - 1);
  function showWeight() {
    document.getElementById("min-weight-value").textContent = decimal(minWeight);
  }
  slider.addEventListener("input", () => {
    minWeight = weights[Number(slider.value)] || weights[0];
    showWeight();
    applyFilters();
  });
  showWeight();

  // the relation controls are on the page only when some link is typed
  const typedBox = document.getElementById("typed-only");
  const classBoxes = Array.from(document.querySelectorAll("#class-filter input[type=checkbox]"));
  function setLinkFilters(onlyTyped, classes) {
    // the state and the controls together; the caller applies the filters
    typedOnly = Boolean(onlyTyped);
    shownClasses = classes === null || classes === undefined ? null : new Set(classes);
    if (typedBox) typedBox.checked = typedOnly;
    classBoxes.forEach((box) => { box.checked = shownClasses === null || shownClasses.has(box.value); });
  }
  if (typedBox) typedBox.addEventListener("change", () => { typedOnly = typedBox.checked; applyFilters(); });
  classBoxes.forEach((box) => box.addEventListener("change", () => {
    const checked = classBoxes.filter((b) => b.checked).map((b) => b.value);
    shownClasses = checked.length === classBoxes.length ? null : new Set(checked);
    applyFilters();
  }));

  function setTypedOnly(on) {
    setLinkFilters(on, shownClasses);
    applyFilters();
    return edgeView.length;
  }

  function setClasses(classes) {
    setLinkFilters(typedOnly, classes);
    applyFilters();
    return edgeView.length;
  }

  // ---- search ----
  const names = [];
  const datalist = document.getElementById("search-names");
  function indexNames() {
    // every label and alias of the names shown, for the search box and its list (again after a correction)
    names.length = 0;
    const live = ranked.filter((n) => !corrected.gone.has(n.id));
    live.forEach((n) => {
      new Set([n.label].concat(n.aliases).map((a) => a.toLowerCase())).forEach((key) => names.push([key, n.id]));
    });
    const listed = new Set();
    live.forEach((n) => listed.add(n.label));
    live.forEach((n) => n.aliases.forEach((a) => listed.add(a)));
    datalist.replaceChildren(...Array.from(listed).slice(0, DATALIST_LIMIT).map((name) => el("option", { value: name })));
  }
  indexNames();

  function find(query) {
    const q = query.trim().toLowerCase();
    if (!q) return null;
    let best = null;
    let bestRank = 0;
    names.forEach(([key, id]) => {
      const rank = key === q ? 3 : key.startsWith(q) ? 2 : key.includes(q) ? 1 : 0;
      if (rank > bestRank || (rank && rank === bestRank && byId.get(id).pagerank > byId.get(best).pagerank)) {
        best = id;
        bestRank = rank;
      }
    });
    return best;
  }

  const search = document.getElementById("search");
  function runSearch() {
    const id = find(search.value);
    if (id === null) {
      status.textContent = search.value.trim() ? `No name or alias matches “${search.value.trim()}”.` : "";
      return;
    }
    status.textContent = "";
    showNode(id, true);
  }
  document.getElementById("search-form").addEventListener("submit", (event) => {
    event.preventDefault();
    runSearch();
  });
  search.addEventListener("input", (event) => {
    status.textContent = "";
    if (event.inputType === "insertReplacementText") runSearch(); // a name picked from the list
  });

  document.getElementById("reset").addEventListener("click", () => {
    search.value = "";
    status.textContent = "";
    hiddenTypes.clear();
    typeBoxes.forEach((box) => { box.checked = true; });
    minWeight = weights[0];
    slider.value = "0";
    showWeight();
    setLinkFilters(false, null);
    clearTimeRange();
    api.selected = null;
    clearSelection();
    applyFilters();
    home({ duration: 400, easingFunction: "easeInOutQuad" });
  });

  // ---- time bar: statements per month (per day on short spans, per year on very long ones) ----
  // A statement's date counts from its start ("2021-05" is 1 May 2021, "2019" is 1 January 2019), in the bars
  // and in the filter alike, so the bars in range add up to the statements shown. The handles stand on the
  // borders between bins. While a range is set, links with no dated statement are hidden.
  const timebar = document.getElementById("timebar");
  const DAY_MS = 86400000;
  const SHORT_SPAN = 62; // days: a dated span this short is binned per day
  const LONG_SPAN = 240; // months: a dated span longer than this is binned per year
  const PLAY_STEP = 700; // ms between two steps of play
  const MONTH_NAMES = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  const ISO_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

  function utcDay(year, month, day) {
    // days since 1970-01-01; setUTCFullYear, unlike Date.UTC, keeps years below 100 as they are
    const date = new Date(0);
    date.setUTCFullYear(year, month, day);
    return Math.round(date.getTime() / DAY_MS);
  }

  function parseDate(text) {
    // {start, end} days of an ISO date of a year, a month or a day, or null
    const match = typeof text === "string" ? ISO_DATE.exec(text) : null;
    if (!match) return null;
    const year = Number(match[1]);
    const month = match[2] ? Number(match[2]) - 1 : 0;
    const day = match[3] ? Number(match[3]) : 1;
    const start = utcDay(year, month, day);
    const back = new Date(start * DAY_MS);
    if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month || back.getUTCDate() !== day) return null;
    const end = match[3] ? start : match[2] ? utcDay(year, month + 1, 1) - 1 : utcDay(year + 1, 0, 1) - 1;
    return { start: start, end: end };
  }

  const calendar = (day) => new Date(day * DAY_MS);
  const monthOf = (day) => calendar(day).getUTCFullYear() * 12 + calendar(day).getUTCMonth();
  const dayLabel = (day) => `${calendar(day).getUTCDate()} ${MONTH_NAMES[calendar(day).getUTCMonth()]} ${calendar(day).getUTCFullYear()}`;
  const isoDay = (day) => calendar(day).toISOString().slice(0, 10);

  // per edge id, the start days of its statements, sorted
  const edgeDays = data.edges.map((e) => Int32Array.from((e.dates || []).map((t) => (parseDate(t) || {}).start)
    .filter(Number.isFinite)).sort());
  const time = { from: -Infinity, to: Infinity, fromBin: 0, toBin: 0, statements: 0, playing: 0 };
  let firstDay = Infinity;
  let lastDay = -Infinity;
  edgeDays.forEach((days) => {
    if (days.length) { firstDay = Math.min(firstDay, days[0]); lastDay = Math.max(lastDay, days[days.length - 1]); }
  });
  const dated = firstDay <= lastDay;
  const unit = !dated ? "none" : lastDay - firstDay < SHORT_SPAN ? "day"
    : monthOf(lastDay) - monthOf(firstDay) >= LONG_SPAN ? "year" : "month";
  const firstYear = dated ? calendar(firstDay).getUTCFullYear() : 0;

  function binOf(day) {
    if (unit === "day") return day - firstDay;
    if (unit === "month") return monthOf(day) - monthOf(firstDay);
    return calendar(day).getUTCFullYear() - firstYear;
  }

  function binStart(bin) {
    // the first day of a bin; binStart(binCount) is the day after the last one
    if (unit === "day") return firstDay + bin;
    if (unit === "month") { const m = monthOf(firstDay) + bin; return utcDay(Math.floor(m / 12), m % 12, 1); }
    return utcDay(firstYear + bin, 0, 1);
  }

  function binLabel(bin) {
    const start = binStart(bin);
    if (unit === "day") return dayLabel(start);
    if (unit === "month") return `${MONTH_NAMES[calendar(start).getUTCMonth()]} ${calendar(start).getUTCFullYear()}`;
    return String(calendar(start).getUTCFullYear());
  }

  const binCount = dated ? binOf(lastDay) + 1 : 0;
  const binCounts = new Array(binCount).fill(0);
  edgeDays.forEach((days) => days.forEach((day) => { binCounts[binOf(day)] += 1; }));
  const undatedLinks = edgeDays.filter((days) => !days.length).length;
  const statementsDated = binCounts.reduce((sum, n) => sum + n, 0);

  function firstNotBefore(days, day) {
    // the index of the first of the sorted days that is not before `day`, by bisection
    let low = 0;
    let high = days.length;
    while (low < high) { const mid = (low + high) >> 1; if (days[mid] < day) low = mid + 1; else high = mid; }
    return low;
  }

  function setTime(from, to) {
    // the state: open at both ends is no range (and undated links show again)
    time.from = from;
    time.to = to;
    if (from === -Infinity && to === Infinity) {
      inTimeRange = null;
    } else {
      inTimeRange = new Uint8Array(data.edges.length);
      time.statements = 0;
      edgeDays.forEach((days, id) => {
        const inRange = firstNotBefore(days, to + 1) - firstNotBefore(days, from);
        if (inRange) inTimeRange[id] = 1;
        time.statements += inRange;
      });
    }
    time.fromBin = from <= firstDay ? 0 : Math.min(Math.max(binOf(from), 0), binCount - 1);
    time.toBin = to >= lastDay ? binCount : Math.min(Math.max(binOf(to) + 1, 1), binCount);
    if (time.toBin <= time.fromBin) time.toBin = Math.min(time.fromBin + 1, binCount);
    showTime();
  }

  function clearTimeRange() {
    // back to every date, controls included; the caller applies the filters
    pauseTime();
    if (dated) setTime(-Infinity, Infinity);
  }

  function timeLabel() {
    const span = (a, b) => a === b ? a : `${a} – ${b}`;
    if (inTimeRange === null) return span(binLabel(0), binLabel(binCount - 1));
    if (time.from === binStart(time.fromBin) && time.to === binStart(time.toBin) - 1) {
      return span(binLabel(time.fromBin), binLabel(time.toBin - 1));
    }
    if (time.from === -Infinity) return `up to ${dayLabel(time.to)}`;
    if (time.to === Infinity) return `from ${dayLabel(time.from)}`;
    return span(dayLabel(time.from), dayLabel(time.to));
  }

  function showTime() {
    // handles, bars, the note beside them and the range in the header
    if (!timebar) return;
    // only when they differ: setting a value anew while it is being dragged upsets the drag
    if (fromHandle.value !== String(time.fromBin)) fromHandle.value = String(time.fromBin);
    if (toHandle.value !== String(time.toBin)) toHandle.value = String(time.toBin);
    // the start handle goes on top when it is the one pushed to the right end
    fromHandle.classList.toggle("above", time.fromBin >= binCount - 1);
    const active = inTimeRange !== null;
    binBoxes.forEach((box, i) => box.classList.toggle("out", active && (i < time.fromBin || i >= time.toBin)));
    let note = `${plural(statementsDated, "dated statement")}`;
    if (active) {
      note = `${plural(time.statements, "statement")} of ${statementsDated.toLocaleString("en")} in range`;
      if (undatedLinks) note += ` · ${plural(undatedLinks, "undated link")} hidden`;
    } else if (undatedLinks) {
      note += ` · ${plural(undatedLinks, "link")} undated`;
    }
    document.getElementById("time-note").textContent = note;
    document.getElementById("time-all").classList.toggle("unneeded", !active);
    const header = document.getElementById("time-range");
    header.textContent = `${active ? "When" : "All dates"}: ${timeLabel()}`;
    header.classList.toggle("active", active);
  }

  function setTimeBins(fromBin, toBin) {
    // the handles at both ends are no range
    if (fromBin <= 0 && toBin >= binCount) setTime(-Infinity, Infinity);
    else setTime(binStart(fromBin), binStart(toBin) - 1);
    applyFilters();
    return edgeView.length;
  }

  function setTimeRange(from, to) {
    // for scripts: ISO dates (a year, a month or a day; null for an open end); returns the links left visible
    const start = from === null || from === undefined ? { start: -Infinity } : parseDate(from);
    const end = to === null || to === undefined ? { end: Infinity } : parseDate(to);
    if (!start || !end) {
      const bad = !start ? from : to;
      throw new TypeError(`setTimeRange: ${JSON.stringify(bad)} is not a date (YYYY, YYYY-MM or YYYY-MM-DD, or null)`);
    }
    if (start.start > end.end) throw new RangeError(`setTimeRange: ${from} is after ${to}`);
    if (!dated) {
      if (start.start === -Infinity && end.end === Infinity) return edgeView.length;
      throw new Error("setTimeRange: no statement on this page has a date");
    }
    pauseTime();
    setTime(start.start, end.end);
    applyFilters();
    return edgeView.length;
  }

  function timeRange() {
    // the range set, as ISO days (null for an open end), or null when every date shows
    if (inTimeRange === null) return null;
    const iso = (day) => Number.isFinite(day) ? isoDay(day) : null;
    return { from: iso(time.from), to: iso(time.to), label: timeLabel(), links: edgeView.length };
  }

  function stepTime() {
    // one step of play: the range moves one bin later, keeping its width; false at the end
    if (!dated || time.toBin >= binCount) return false;
    setTimeBins(time.fromBin + 1, time.toBin + 1);
    return time.toBin < binCount;
  }

  function playTime(stepMs) {
    // from the range set (a one-bin window at the start when none is, the start again once at the end)
    if (!dated || binCount < 2 || time.playing) return;
    const width = inTimeRange === null || time.toBin - time.fromBin >= binCount ? 1 : time.toBin - time.fromBin;
    if (inTimeRange === null || time.toBin >= binCount) setTimeBins(0, width);
    time.playing = setInterval(() => { if (!stepTime()) pauseTime(); }, Number(stepMs) > 0 ? Number(stepMs) : PLAY_STEP);
    playButton.textContent = "Pause";
    playButton.setAttribute("aria-pressed", "true");
  }

  function pauseTime() {
    if (!time.playing) return;
    clearInterval(time.playing);
    time.playing = 0;
    playButton.textContent = "Play";
    playButton.setAttribute("aria-pressed", "false");
  }

  const binBoxes = [];
  let fromHandle = null;
  let toHandle = null;
  let playButton = null;
  if (timebar) {
    const bins = document.getElementById("time-bins");
    const most = Math.max(1, ...binCounts);
    const per = { day: "day", month: "month", year: "year" }[unit];
    bins.setAttribute("aria-label", `Dated statements per ${per}, ${binLabel(0)} to ${binLabel(binCount - 1)}`);
    binCounts.forEach((count, i) => {
      const bar = el("span", { class: "time-count" });
      bar.style.height = `${(100 * count) / most}%`;
      const box = el("div", { class: count ? "time-bin" : "time-bin empty", title: `${binLabel(i)}: ${plural(count, "statement")}` }, [bar]);
      box.addEventListener("click", () => { pauseTime(); setTimeBins(i, i + 1); });
      binBoxes.push(box);
    });
    bins.replaceChildren(...binBoxes);
    fill(document.getElementById("time-axis"), [
      el("span", { text: binLabel(0) }),
      binCount > 1 ? el("span", { text: binLabel(binCount - 1) }) : null,
    ]);
    fromHandle = document.getElementById("time-from");
    toHandle = document.getElementById("time-to");
    [fromHandle, toHandle].forEach((handle) => { handle.max = String(binCount); });
    // each handle stops one bin short of the other
    fromHandle.addEventListener("input", () => {
      pauseTime();
      setTimeBins(Math.min(Number(fromHandle.value), time.toBin - 1), time.toBin);
    });
    toHandle.addEventListener("input", () => {
      pauseTime();
      setTimeBins(time.fromBin, Math.max(Number(toHandle.value), time.fromBin + 1));
    });
    playButton = document.getElementById("time-play");
    playButton.addEventListener("click", () => { if (time.playing) pauseTime(); else playTime(); });
    document.getElementById("time-all").addEventListener("click", () => { clearTimeRange(); applyFilters(); });
    setTime(-Infinity, Infinity);
  }

  Object.assign(api, { setTimeRange: setTimeRange, timeRange: timeRange, play: playTime, pause: pauseTime,
    stepTime: stepTime, timeBins: () => binCounts.map((count, i) => ({ label: binLabel(i), from: isoDay(binStart(i)), count: count })) });
  // ---- corrections from the page ----
  // The reader's decisions (same as, not the same as, rename, change type, drop) are kept in order and replayed
  // on the graph as the build made it, so undoing any one restores the view exactly. corrections() writes them
  // as an alias file (graphkit/resolve/aliases.py) that the next build obeys, after the rules of the alias file
  // the page was built with when it knows them (data.aliasFile). Nothing leaves the page: the file is a Blob.
  const entityTypes = (data.entityTypes || []).map((t) => t.type);
  (data.entityTypes || []).forEach((t) => { if (!colors[t.type]) colors[t.type] = t.color; });
  const drawnGroups = new Set(Object.keys(data.options.groups || {}));
  const asBuilt = new Map(data.nodes.map((n) => [n.id, { label: n.label, type: n.type, group: n.group, aliases: n.aliases.slice() }]));
  const builtEnds = new Map(data.edges.map((e) => [e.id, [e.from, e.to]]));
  const decisions = [];
  const keptIn = new Map(); // merged node id -> the node id it was merged into
  const dropped = new Set();
  const keptId = (id) => { while (keptIn.has(id)) id = keptIn.get(id); return id; };
  const correctionsBox = document.getElementById("corrections");
  let downloadUrl = null;

  function replay() {
    keptIn.clear();
    dropped.clear();
    corrected.gone.clear();
    corrected.goneLinks.clear();
    data.nodes.forEach((n) => Object.assign(n, asBuilt.get(n.id), { aliases: asBuilt.get(n.id).aliases.slice() }));
    decisions.forEach((d) => {
      const node = byId.get(d.id);
      if (d.kind === "merge") {
        const other = byId.get(d.other);
        keptIn.set(other.id, node.id);
        corrected.gone.add(other.id);
        node.aliases = Array.from(new Set(node.aliases.concat([other.label], other.aliases)));
      } else if (d.kind === "rename") {
        if (!node.aliases.includes(node.label)) node.aliases = [node.label].concat(node.aliases);
        node.label = d.name;
      } else if (d.kind === "retype") {
        node.type = d.type;
        node.group = drawnGroups.has(d.type) ? d.type : "other";
      } else if (d.kind === "drop") {
        dropped.add(node.id);
        corrected.gone.add(node.id);
      }
    });
    // a merged name's links move to the name it joined; a link between the two, or to a dropped name, goes
    data.edges.forEach((e) => {
      const [from, to] = builtEnds.get(e.id);
      e.from = keptId(from);
      e.to = keptId(to);
      if (e.from === e.to || dropped.has(e.from) || dropped.has(e.to)) corrected.goneLinks.add(e.id);
    });
    links.forEach((list) => { list.length = 0; });
    data.edges.forEach((e) => {
      if (!corrected.goneLinks.has(e.id)) { links.get(e.from).push(e); links.get(e.to).push(e); }
    });
    links.forEach((list) => list.sort((a, b) => b.weight - a.weight));
    labelWidth.clear();
    nodes.update(data.nodes.map((n) => ({ id: n.id, label: n.label, group: n.group, title: nodeTitle(n) })));
    edges.update(data.edges.map((e) => ({ id: e.id, from: e.from, to: e.to, title: edgeTitle(e) })));
    indexNames();
    showCorrections();
    applyFilters();
  }

  // a name (label or alias, any case) or a node id, of an entity still on the page
  function correctedId(id) {
    const kept = keptId(id);
    return dropped.has(kept) ? null : kept;
  }

  function entityOf(ref) {
    if (typeof ref === "number" && byId.has(ref)) {
      const id = keptId(ref);
      if (dropped.has(id)) throw new Error(`graphkit: “${byId.get(id).label}” was dropped`);
      return byId.get(id);
    }
    const wanted = String(ref === undefined || ref === null ? "" : ref).trim().toLowerCase();
    const live = data.nodes.filter((n) => !corrected.gone.has(n.id));
    let found = live.filter((n) => n.label.toLowerCase() === wanted);
    if (!found.length) found = live.filter((n) => n.aliases.some((a) => a.toLowerCase() === wanted));
    if (found.length > 1) {
      throw new Error(`graphkit: “${ref}” names ${found.length} entities (${found.map((n) => `${n.label}, id ${n.id}`).join("; ")}): give an id`);
    }
    if (!found.length) throw new Error(`graphkit: no entity on the page is called “${ref}”`);
    return found[0];
  }

  function describe(d) {
    if (d.kind === "merge") return `${d.otherLabel} is the same as ${d.label}`;
    if (d.kind === "apart") return `${d.label} is not the same as ${d.otherLabel}`;
    if (d.kind === "rename") return `Renamed ${d.label} to ${d.name}`;
    if (d.kind === "retype") return `${d.label} is a ${d.type}, not a ${d.was || "entity"}`;
    return `Dropped ${d.label}: not an entity`;
  }

  const decisionView = (d) => Object.assign({}, d, { text: describe(d) });

  function decide(decision) {
    decisions.push(decision);
    replay();
    return decisionView(decision);
  }

  function isApart(a, b) {
    return decisions.some((d) => d.kind === "apart" && ((d.id === a && d.other === b) || (d.id === b && d.other === a)));
  }

  function merge(keep, other) {
    const a = entityOf(keep);
    const b = entityOf(other);
    if (a.id === b.id) throw new Error(`graphkit: “${a.label}” and “${b.label}” are already one entity`);
    if (isApart(a.id, b.id)) throw new Error(`graphkit: “${a.label}” and “${b.label}” are kept apart: undo that first`);
    return decide({ kind: "merge", id: a.id, other: b.id, label: a.label, otherLabel: b.label });
  }

  function apart(first, second) {
    const a = entityOf(first);
    const b = entityOf(second);
    if (a.id === b.id) throw new Error(`graphkit: “${a.label}” and “${b.label}” are one entity on the page`);
    // the names as the build made them: those are what the next build must not merge
    const names = [asBuilt.get(a.id).label, asBuilt.get(b.id).label];
    return decide({ kind: "apart", id: a.id, other: b.id, label: a.label, otherLabel: b.label, names: names });
  }

  function rename(ref, name) {
    const node = entityOf(ref);
    const text = String(name === undefined || name === null ? "" : name).replace(/\s+/g, " ").trim();
    if (!text) throw new Error("graphkit: a new name cannot be empty");
    if (text === node.label) throw new Error(`graphkit: “${node.label}” is called that already`);
    return decide({ kind: "rename", id: node.id, label: node.label, name: text });
  }

  function retype(ref, type) {
    const node = entityOf(ref);
    if (!entityTypes.includes(type)) throw new Error(`graphkit: unknown type “${type}” (use ${entityTypes.join(", ")})`);
    if (type === node.type) throw new Error(`graphkit: “${node.label}” is a ${type} already`);
    return decide({ kind: "retype", id: node.id, label: node.label, type: type, was: node.type });
  }

  function drop(ref) {
    const node = entityOf(ref);
    return decide({ kind: "drop", id: node.id, label: node.label });
  }

  function undo(index) {
    const i = index === undefined ? decisions.length - 1 : index;
    if (!(i >= 0 && i < decisions.length)) throw new Error("graphkit: no such correction to undo");
    const [undone] = decisions.splice(i, 1);
    replay();
    return decisionView(undone);
  }

  // ---- the alias file: the page's rules, after those of the file it was built with ----
  // name keys as graphkit.names.name_key makes them (case, accents, full stops and spacing aside)
  const nameKey = (text) => String(text).normalize("NFKD").replace(/\p{M}/gu, "")
    .replace(/[‘’]/g, "'").replace(/\./g, "").replace(/\s+/g, " ").trim().toLowerCase();
  const unique = (items) => { const seen = new Set(); return items.filter((x) => !seen.has(x) && seen.add(x)); };
  const listOf = (value) => (Array.isArray(value) ? value : [value]);
  const isMap = (value) => value !== null && typeof value === "object" && Array.isArray(value.map); // {map: pairs}
  const pairsOf = (value) => (isMap(value) ? value.map : []);
  const fileSection = (name) => ((data.aliasFile || []).find(([section]) => section === name) || [null, null])[1];

  // a double-quoted YAML scalar: JSON's escapes, and those of the characters YAML will not take raw
  const yamlText = (text) => JSON.stringify(String(text)).replace(/[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g,
    (c) => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0"));
  function flow(value) {
    if (Array.isArray(value)) return `[${value.map(flow).join(", ")}]`;
    if (isMap(value)) return `{${value.map.map(([k, v]) => `${flow(k)}: ${flow(v)}`).join(", ")}}`;
    return yamlText(value);
  }

  function namesBefore(label) {
    // the names the page's alias file sends to `label`: the next build must send them on with it
    const key = nameKey(label);
    const earlier = [];
    pairsOf(fileSection("merge")).forEach(([keep, others]) => { if (nameKey(keep) === key) earlier.push(...listOf(others)); });
    pairsOf(fileSection("rename")).forEach(([old, name]) => { if (nameKey(name) === key) earlier.push(old); });
    return earlier.filter((name) => typeof name === "string");
  }

  function pageRules() {
    // what the decisions come to, entity by entity (several decisions on one name make one rule)
    const rules = { merge: [], rename: [], types: [], drop: [], apart: [] };
    const groups = new Map(); // kept id -> ids of the nodes it holds
    data.nodes.forEach((n) => {
      const root = keptId(n.id);
      if (!groups.has(root)) groups.set(root, []);
      groups.get(root).push(n.id);
    });
    const typedInFile = new Set(pairsOf(fileSection("types")).map(([name]) => nameKey(name)));
    const namesOf = (id) => [asBuilt.get(id).label].concat(namesBefore(asBuilt.get(id).label));
    groups.forEach((members, root) => {
      const node = byId.get(root);
      if (dropped.has(root)) {
        members.forEach((id) => rules.drop.push(asBuilt.get(id).label));
        return;
      }
      if (members.length > 1) {
        rules.merge.push([node.label, unique(members.flatMap(namesOf)).filter((name) => name !== node.label)]);
      } else if (node.label !== asBuilt.get(root).label) {
        namesOf(root).forEach((name) => rules.rename.push([name, node.label]));
      }
      // a new name keeps its type: the file's types of the old names would no longer reach it
      const renamed = node.label !== asBuilt.get(root).label || members.length > 1;
      const typedBefore = renamed && members.flatMap(namesOf).some((name) => typedInFile.has(nameKey(name)));
      if (typedBefore || members.some((id) => asBuilt.get(id).type !== node.type)) rules.types.push([node.label, node.type]);
    });
    decisions.filter((d) => d.kind === "apart").forEach((d) => rules.apart.push(d.names));
    return rules;
  }

  function aliasFileText() {
    const page = pageRules();
    const known = data.aliasFile !== null && data.aliasFile !== undefined;
    const moved = new Set(); // names the page sends somewhere: the file's rules for them give way
    page.merge.forEach(([, others]) => others.forEach((name) => moved.add(nameKey(name))));
    page.rename.forEach(([old]) => moved.add(nameKey(old)));
    const retyped = new Set(page.types.map(([name]) => nameKey(name)));
    const mergedInto = new Map(page.merge.map((rule) => [nameKey(rule[0]), rule]));
    const sections = []; // [name, lines of the file's rules, lines of the page's]
    const section = (name) => {
      let found = sections.find((s) => s[0] === name);
      if (!found) sections.push(found = [name, [], []]);
      return found;
    };
    (data.aliasFile || []).forEach(([name, value]) => {
      const [, before] = section(name);
      if (name === "merge" && isMap(value)) {
        value.map.forEach(([keep, others]) => {
          const left = listOf(others).filter((other) => typeof other !== "string" || !moved.has(nameKey(other)));
          const joined = mergedInto.get(nameKey(keep));
          if (joined) joined[1] = unique(left.concat(joined[1]));
          else if (left.length) before.push(`  ${flow(keep)}: ${flow(left)}`);
        });
      } else if ((name === "rename" || name === "types") && isMap(value)) {
        const gives = name === "rename" ? moved : retyped;
        value.map.forEach(([key, target]) => { if (!gives.has(nameKey(key))) before.push(`  ${flow(key)}: ${flow(target)}`); });
      } else if (isMap(value)) {
        value.map.forEach(([key, target]) => before.push(`  ${flow(key)}: ${flow(target)}`));
      } else if (Array.isArray(value) || name === "drop") {
        listOf(value).forEach((item) => before.push(`  - ${flow(item)}`));
      } else {
        before.push(`  ${flow(value)}`); // a section of another form: kept as it is, indented under its name
      }
    });
    const droppedBefore = new Set(listOf(fileSection("drop") || []).map(nameKey));
    page.merge.forEach(([keep, others]) => { if (others.length) section("merge")[2].push(`  ${flow(keep)}: ${flow(others)}`); });
    page.rename.forEach(([old, name]) => section("rename")[2].push(`  ${flow(old)}: ${flow(name)}`));
    page.types.forEach(([name, type]) => section("types")[2].push(`  ${flow(name)}: ${flow(type)}`));
    unique(page.drop).forEach((name) => { if (!droppedBefore.has(nameKey(name))) section("drop")[2].push(`  - ${flow(name)}`); });
    page.apart.forEach((names) => section("apart")[2].push(`  - ${flow(names)}`));

    const today = new Date().toISOString().slice(0, 10);
    const lines = [
      "# graphkit alias file: save it as aliases.yaml beside the articles (or pass --aliases FILE) and build again.",
      known
        ? "# It holds the rules of the alias file this page was built with (without its comments), then the corrections from the page."
        : "# The page knows of no alias file it was built with: these are the corrections from the page alone; if you have one, add them to it.",
    ];
    sections.forEach(([name, before, added]) => {
      if (!before.length && !added.length) return;
      lines.push(`${name}:`, ...before);
      if (added.length) lines.push(`  # corrections from the page, ${today}`, ...added);
    });
    return lines.join("\n") + "\n";
  }

  // ---- corrections: the entity panel's tools and the corrections panel ----
  function correctionTools(node) {
    const form = el("div", { class: "correct-form" });
    const problem = el("p", { class: "correct-error", role: "alert" });
    const attempt = (action) => {
      try {
        const result = action();
        status.textContent = "";
        return result;
      } catch (error) {
        problem.textContent = error.message.replace(/^graphkit: /, "");
        return null;
      }
    };
    const cancel = () => el("button", { type: "button", class: "correct-cancel", onclick: () => fill(form, []), text: "Cancel" });
    function ask(label, field, submit, run) {
      // a small form in the panel (never window.prompt): it can be read, tabbed through and tested
      const body = el("form", { class: "correct-ask", "data-ask": submit.toLowerCase() }, [
        el("label", {}, [el("span", { text: label }), field]),
        el("div", { class: "correct-actions" }, [el("button", { type: "submit", text: submit }), cancel()]),
      ]);
      body.addEventListener("submit", (event) => {
        event.preventDefault();
        problem.textContent = "";
        const shown = attempt(() => run(field.value));
        if (shown !== null) showNode(shown, false);
      });
      fill(form, [body]);
      field.focus();
    }
    const picker = () => el("input", { type: "text", list: "search-names", placeholder: "another name or alias…", spellcheck: "false", autocomplete: "off" });
    const picked = (value) => { try { return entityOf(value); } catch (error) { const id = find(value); if (id === null) throw error; return entityOf(id); } };
    const tools = [
      ["merge", "Same as…", "The same entity as another: its names and links move to the one you pick", () =>
        ask(`${node.label} is the same as`, picker(), "Merge", (value) => { const target = picked(value); merge(target.id, node.id); return target.id; })],
      ["apart", "Not the same as…", "Never to be merged with another entity by the next build", () =>
        ask(`${node.label} is not the same as`, picker(), "Keep apart", (value) => { apart(node.id, picked(value).id); return node.id; })],
      ["rename", "Rename", "Give this entity another name", () => {
        const field = el("input", { type: "text", spellcheck: "false", autocomplete: "off" });
        field.value = node.label;
        ask("New name", field, "Rename", (value) => { rename(node.id, value); return node.id; });
      }],
      ["retype", "Change type", "Say what kind of entity this is", () => {
        const field = el("select", {}, entityTypes.map((t) => el("option", { value: t, text: t })));
        field.value = node.type;
        ask("Type", field, "Change", (value) => { retype(node.id, value); return node.id; });
      }],
      ["drop", "Drop", "Not an entity: hide it and its links, and leave it out of the next build", () => {
        if (attempt(() => drop(node.id)) !== null) clearSelection();
      }],
    ];
    return el("section", { class: "correct", "aria-label": "Correct this entity" }, [
      el("h3", { text: "Correct" }),
      el("div", { class: "correct-buttons" }, tools.map(([kind, text, title, onclick]) =>
        el("button", { type: "button", "data-correct": kind, title: title, text: text, onclick: () => { problem.textContent = ""; onclick(); } }))),
      form,
      problem,
    ]);
  }

  function showCorrections() {
    if (!correctionsBox) return;
    correctionsBox.hidden = decisions.length === 0;
    const known = data.aliasFile !== null && data.aliasFile !== undefined;
    fill(document.getElementById("corrections-list"), decisions.map((d, i) =>
      el("li", { class: `correction ${d.kind}` }, [
        el("span", { class: "what", text: describe(d) }),
        el("button", { type: "button", class: "undo", title: "Undo this correction", text: "Undo", onclick: () => undo(i) }),
      ])));
    document.getElementById("corrections-note").textContent = known
      ? "The download is the alias file this page was built with plus these corrections: save it as aliases.yaml beside the articles and build again."
      : "The download holds these corrections only: save it as aliases.yaml beside the articles (or add them to your alias file) and build again.";
    const link = document.getElementById("corrections-download");
    if (downloadUrl) URL.revokeObjectURL(downloadUrl);
    downloadUrl = decisions.length ? URL.createObjectURL(new Blob([aliasFileText()], { type: "application/yaml" })) : null;
    if (downloadUrl) link.href = downloadUrl;
    else link.removeAttribute("href");
  }

  Object.assign(api, { merge: merge, apart: apart, rename: rename, retype: retype, drop: drop, undo: undo,
    corrections: aliasFileText, decisions: () => decisions.map(decisionView) });

  Object.assign(api, { find: find, showNode: showNode, showEdge: showEdge, clearSelection: clearSelection,
    applyFilters: applyFilters, setTypedOnly: setTypedOnly, setClasses: setClasses, nodeId: (label) => (data.nodes.find((n) => n.label === label) || {}).id });
  introPanel();
  showCounts();
})();
