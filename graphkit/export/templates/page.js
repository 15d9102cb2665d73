/* graphkit page: draws the graph from the JSON block and wires the search, the filters and the side panel.
   Names and sentences come from untrusted articles: they are written with textContent (or given to vis as
   plain-string titles), never as HTML. window.network is the vis Network; window.graphkit is for scripts. */
(function () {
  "use strict";

  const READABLE = 8.5; // smallest label drawn, in screen pixels
  const MAX_LABEL = 26; // vis scales labels down above this many screen pixels
  const DIM = 0.12; // opacity of whatever is not part of the selection
  const EDGE_OPACITY = 0.55;
  const FONT_COLOR = "#1f2937";
  const NO_LABEL = 0.3; // a font size vis never draws (below its draw threshold at any zoom)
  const DATALIST_LIMIT = 6000;

  const data = JSON.parse(document.getElementById("graph-data").textContent);
  const api = { data: data, drawnAt: null, selected: null };
  window.graphkit = api;

  const colors = {};
  data.types.forEach((t) => { colors[t.type] = t.color; });
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
  let visible = new Set(data.nodes.map((n) => n.id));
  let focus = null; // {nodes: Set, edges: Set, first: id} while something is selected

  // ---- vis ----
  const nodes = new vis.DataSet(data.nodes.map((n) => ({
    id: n.id, label: n.label, group: n.group, x: n.x, y: n.y, size: n.size,
    font: { size: NO_LABEL, color: FONT_COLOR }, title: n.title,
  })));
  const edges = new vis.DataSet(data.edges.map((e) => ({
    id: e.id, from: e.from, to: e.to, width: e.width, title: e.title,
  })));
  const nodeView = new vis.DataView(nodes, { filter: (n) => visible.has(n.id) });
  const edgeView = new vis.DataView(edges, {
    filter: (e) => edgeById.get(e.id).weight >= minWeight && visible.has(e.from) && visible.has(e.to),
  });
  const container = document.getElementById("mynetwork");
  const network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, data.options);
  window.network = network;
  api.nodes = nodes;
  api.edges = edges;
  network.once("afterDrawing", () => { api.drawnAt = performance.now(); });

  // ---- labels and dimming, recomputed after every zoom, pan, filter or selection ----
  // Labels are placed greedily, most important first, and a label that would overlap one already placed is
  // left out; zooming in makes room for more. What vis draws is changed by diff, so a zoom touches few nodes.
  const ranked = data.nodes.slice().sort((a, b) => b.pagerank - a.pagerank);
  const measure = document.createElement("canvas").getContext("2d");
  measure.font = "10px " + data.options.nodes.font.face;
  const labelWidth = new Map(); // node id -> label width in pixels at font size 10
  const drawnNodes = new Map(); // node id -> "opacity|font size" last given to vis
  const drawnEdges = new Map(); // edge id -> opacity last given to vis

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

  function refresh() {
    const scale = network.getScale();
    const view = viewBounds(scale);
    const boxes = [];
    const overlaps = (b) => boxes.some((o) => b.l < o.r && b.r > o.l && b.t < o.b && b.b > o.t);
    const order = focus ? [byId.get(focus.first)].concat(ranked.filter((n) => focus.nodes.has(n.id) && n.id !== focus.first)) : ranked;
    const wanted = new Map();
    order.forEach((n) => {
      if (!visible.has(n.id) || n.x < view.left || n.x > view.right || n.y < view.top || n.y > view.bottom) return;
      const core = n.size * 0.7; // labels may graze a dot's rim, not cover it
      const dot = { l: n.x - core, r: n.x + core, t: n.y - core, b: n.y + core };
      // a selection makes its neighbours readable whatever their importance
      const font = focus ? Math.max(n.font.size, (READABLE + 3) / scale) : n.font.size;
      const px = Math.min(font * scale, MAX_LABEL);
      const f = px / scale; // label font size in canvas units, as vis draws it
      const half = (widthAt10(n) * f) / 20 + 2 / scale;
      const height = f * 1.25;
      // vis draws a dot's label below it; font.vadjust can lift it above the dot when below is taken
      const below = { l: n.x - half, r: n.x + half, t: n.y + n.size, b: n.y + n.size + height, lift: 0 };
      const above = { l: below.l, r: below.r, t: n.y - n.size - height, b: n.y - n.size, lift: -(2 * n.size + height) };
      const box = px < READABLE ? null : [below, above].find((b) => !overlaps(b));
      if (box) {
        boxes.push(box);
        wanted.set(n.id, [font, Math.round(box.lift)]);
      }
      boxes.push(dot); // no less important label may cover this node
    });
    const nodeUpdates = [];
    data.nodes.forEach((n) => {
      const opacity = !focus || focus.nodes.has(n.id) ? 1 : DIM;
      const [size, lift] = wanted.get(n.id) || [NO_LABEL, 0];
      const key = opacity + "|" + size + "|" + lift;
      if (drawnNodes.get(n.id) !== key) {
        drawnNodes.set(n.id, key);
        nodeUpdates.push({ id: n.id, opacity: opacity, font: { size: size, color: FONT_COLOR, vadjust: lift } });
      }
    });
    const edgeUpdates = [];
    data.edges.forEach((e) => {
      const opacity = !focus ? EDGE_OPACITY : focus.edges.has(e.id) ? 0.9 : DIM / 2;
      if (drawnEdges.get(e.id) !== opacity) {
        drawnEdges.set(e.id, opacity);
        edgeUpdates.push({ id: e.id, color: { opacity: opacity } });
      }
    });
    if (nodeUpdates.length) nodes.update(nodeUpdates);
    if (edgeUpdates.length) edges.update(edgeUpdates);
  }

  let pending = 0;
  const refreshSoon = () => { clearTimeout(pending); pending = setTimeout(refresh, 120); };
  network.on("zoom", refreshSoon);
  network.on("dragEnd", refreshSoon);
  network.on("resize", refreshSoon);
  network.on("animationFinished", refresh);
  network.fit();
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
  const plural = (n, word) => `${n.toLocaleString("en")} ${word}${n === 1 ? "" : "s"}`;
  const other = (edge, id) => byId.get(edge.from === id ? edge.to : edge.from);
  const isShown = (edge) => edge.weight >= minWeight && visible.has(edge.from) && visible.has(edge.to);
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
    focus = { first: id, nodes: new Set([id].concat(around.map((e) => other(e, id).id))), edges: new Set(around.map((e) => e.id)) };
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
    focus = { first: edge.from, nodes: new Set([edge.from, edge.to]), edges: new Set([id]) };
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
    const what = `${edge.relations[0] || "related"} · ${edge.weight.toLocaleString("en")}`;
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
      around.length ? el("p", { class: "hint", text: "Numbers are the sentences behind each link." }) : null,
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
      el("p", { class: "facts", text: `${plural(edge.sentences, "sentence")} in ${plural(edge.documents, "document")}` }),
      dates(edge.firstSeen, edge.lastSeen) ? el("p", { class: "facts", text: dates(edge.firstSeen, edge.lastSeen) }) : null,
      el("h3", { text: "Relation" }),
      el("div", { class: "chips" }, edge.relations.map((r) => el("span", { class: r === "co-mentioned" ? "chip co" : "chip", text: r }))),
      edge.statements.length ? el("h3", { text: "Statements" }) : null,
      ...edge.statements.map((s) => el("p", { class: "statement", text: s })),
      el("h3", { text: "Evidence" }),
      ...quoted,
      more,
    ]);
    panel.scrollTop = 0;
  }

  function introPanel() {
    const top = data.nodes.filter((n) => visible.has(n.id)).sort((a, b) => b.pagerank - a.pagerank).slice(0, 12);
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
    const lowest = minWeight <= weights[0];
    visible = new Set();
    data.nodes.forEach((n) => { if (lowest && !hiddenTypes.has(n.type)) visible.add(n.id); });
    if (!lowest) {
      data.edges.forEach((e) => {
        if (e.weight >= minWeight && !hiddenTypes.has(byId.get(e.from).type) && !hiddenTypes.has(byId.get(e.to).type)) {
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
      ? "" : `showing ${plural(visible.size, "entity").replace("entitys", "entities")} and ${plural(shownEdges, "link")}`;
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
    document.getElementById("min-weight-value").textContent = minWeight.toLocaleString("en");
    document.getElementById("min-weight-unit").textContent = minWeight === 1 ? "sentence" : "sentences";
  }
  slider.addEventListener("input", () => {
    minWeight = weights[Number(slider.value)] || weights[0];
    showWeight();
    applyFilters();
  });
  showWeight();

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
    if (event.inputType === "insertReplacementText" || event.inputType === undefined) runSearch(); // picked from the list
  });

  const datalist = document.getElementById("search-names");
  const byImportance = data.nodes.slice().sort((a, b) => b.pagerank - a.pagerank);
  const listed = new Set();
  byImportance.forEach((n) => listed.add(n.label));
  byImportance.forEach((n) => n.aliases.forEach((a) => listed.add(a)));
  Array.from(listed).slice(0, DATALIST_LIMIT).forEach((name) => datalist.appendChild(el("option", { value: name })));

  document.getElementById("reset").addEventListener("click", () => {
    search.value = "";
    status.textContent = "";
    hiddenTypes.clear();
    typeBoxes.forEach((box) => { box.checked = true; });
    minWeight = weights[0];
    slider.value = "0";
    showWeight();
    api.selected = null;
    clearSelection();
    applyFilters();
    network.fit({ animation: { duration: 400, easingFunction: "easeInOutQuad" } });
  });

  Object.assign(api, { find: find, showNode: showNode, showEdge: showEdge, clearSelection: clearSelection,
    applyFilters: applyFilters, nodeId: (label) => (data.nodes.find((n) => n.label === label) || {}).id });
  introPanel();
  showCounts();
})();
