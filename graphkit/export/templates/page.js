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
  // the link filters (strength, typed only, classes, time) say which links pass; the type filter which names
  const passes = (edge) => edge.weight >= minWeight && (typed(edge)
    ? shownClasses === null || shownClasses.has(edge.relationClass) : !typedOnly) &&
    (inTimeRange === null || inTimeRange[edge.id] === 1);
  const linkFiltered = () => minWeight > weights[0] || typedOnly || shownClasses !== null || inTimeRange !== null;
  const isShown = (edge) => passes(edge) && visible.has(edge.from) && visible.has(edge.to);

  // ---- vis ----
  // tooltips are plain strings: vis shows them with innerText
  const nodes = new vis.DataSet(data.nodes.map((n) => ({
    id: n.id, label: n.label, group: n.group, x: n.x, y: n.y, size: n.size,
    font: { size: NO_LABEL, color: FONT_COLOR },
    title: `${n.label}\n${n.type || "entity"} · ${plural(n.mentions, "mention")} in ${plural(n.documents, "document")}`,
  })));
  // a typed link is drawn solid in its class colour, a denied one (every statement negated) dashed, and a
  // link of co-mentions only thin and grey
  const edges = new vis.DataSet(data.edges.map((e) => ({
    id: e.id, from: e.from, to: e.to,
    width: typed(e) ? e.width + 1 : Math.max(0.75, e.width / 2),
    color: { color: e.color, highlight: e.color, hover: e.color },
    dashes: e.denied ? DENIED_DASHES : false,
    title: `${byId.get(e.from).label} — ${byId.get(e.to).label}\n${e.relations.join(", ") || "related"} · ${plural(e.sentences, "sentence")}` +
      (typed(e) ? `\n${e.relationClass}${e.denied ? " · denied" : ""}` : ""),
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
    data.nodes.forEach((n) => { if (open && !hiddenTypes.has(n.type)) visible.add(n.id); });
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
  data.nodes.forEach((n) => {
    new Set([n.label].concat(n.aliases).map((a) => a.toLowerCase())).forEach((key) => names.push([key, n.id]));
  });

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

  const datalist = document.getElementById("search-names");
  const listed = new Set();
  ranked.forEach((n) => listed.add(n.label));
  ranked.forEach((n) => n.aliases.forEach((a) => listed.add(a)));
  Array.from(listed).slice(0, DATALIST_LIMIT).forEach((name) => datalist.appendChild(el("option", { value: name })));

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

  Object.assign(api, { find: find, showNode: showNode, showEdge: showEdge, clearSelection: clearSelection,
    applyFilters: applyFilters, setTypedOnly: setTypedOnly, setClasses: setClasses, nodeId: (label) => (data.nodes.find((n) => n.label === label) || {}).id });
  introPanel();
  showCounts();
})();
