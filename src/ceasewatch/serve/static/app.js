// ceasewatch UI: timeline brushing, point/row linking, evidence highlighting. No framework.
"use strict";

function colourDots() {
  document.querySelectorAll(".dot[data-color]").forEach((el) => {
    el.style.background = el.dataset.color;
  });
}

function dayOf(iso) { return Date.parse(iso + "T00:00:00Z") / 86400000; }
function isoOf(day) { return new Date(day * 86400000).toISOString().slice(0, 10); }

function applyRange(from, to) {
  let shown = 0;
  const inside = (d) => from === null || (d && d >= from && d <= to);
  document.querySelectorAll("#map .pt").forEach((p) => {
    p.classList.toggle("off", !inside(p.dataset.day));
  });
  document.querySelectorAll("#events tbody tr").forEach((r) => {
    const on = inside(r.dataset.day);
    r.classList.toggle("off", !on);
    if (on) shown += 1;
  });
  document.querySelectorAll("#timeline .bar").forEach((b) => {
    b.classList.toggle("off", !inside(b.dataset.day));
  });
  const counter = document.getElementById("shown");
  if (counter) counter.textContent = String(shown);
  const label = document.getElementById("brush-label");
  const clear = document.getElementById("brush-clear");
  if (label) {
    label.textContent = from === null ? "drag across the timeline to filter the map and the list"
      : "showing " + from + " to " + to;
  }
  if (clear) clear.hidden = from === null;
}

function setupTimeline() {
  const svg = document.getElementById("timeline");
  if (!svg) return;
  const brush = document.getElementById("brush");
  const start = dayOf(svg.dataset.start);
  const days = Number(svg.dataset.days);
  const step = Number(svg.dataset.step);
  let anchor = null;
  const toX = (evt) => {
    const pt = svg.createSVGPoint();
    pt.x = evt.clientX; pt.y = evt.clientY;
    return pt.matrixTransform(svg.getScreenCTM().inverse()).x;
  };
  const dayAt = (x) => Math.max(0, Math.min(days - 1, Math.floor(x / step)));
  const draw = (a, b) => {
    const lo = Math.min(dayAt(a), dayAt(b)), hi = Math.max(dayAt(a), dayAt(b));
    brush.setAttribute("x", String(lo * step));
    brush.setAttribute("width", String((hi - lo + 1) * step));
    return [isoOf(start + lo), isoOf(start + hi)];
  };
  svg.addEventListener("pointerdown", (evt) => {
    anchor = toX(evt);
    svg.setPointerCapture(evt.pointerId);
    draw(anchor, anchor);
    evt.preventDefault();
  });
  svg.addEventListener("pointermove", (evt) => {
    if (anchor !== null) draw(anchor, toX(evt));
  });
  svg.addEventListener("pointerup", (evt) => {
    if (anchor === null) return;
    const [from, to] = draw(anchor, toX(evt));
    anchor = null;
    applyRange(from, to);
  });
  const clear = document.getElementById("brush-clear");
  if (clear) {
    clear.addEventListener("click", () => {
      brush.setAttribute("width", "0");
      applyRange(null, null);
    });
  }
}

function setupLinking() {
  const rows = document.querySelectorAll("#events tbody tr");
  rows.forEach((row) => {
    const point = document.querySelector('#map .pt[data-id="' + CSS.escape(row.dataset.id) + '"]');
    if (!point) return;
    row.addEventListener("mouseenter", () => point.classList.add("lit"));
    row.addEventListener("mouseleave", () => point.classList.remove("lit"));
  });
}

function highlightTarget() {
  document.querySelectorAll(".lit").forEach((el) => el.classList.remove("lit"));
  const hash = decodeURIComponent(location.hash.slice(1));
  if (!hash.startsWith("rec-")) return;
  const id = hash.slice(4);
  let first = null;
  document.querySelectorAll("#text a.span").forEach((seg) => {
    if ((seg.dataset.records || "").split(" ").includes(id)) {
      seg.classList.add("lit");
      if (!first) first = seg;
    }
  });
  const card = document.getElementById(hash);
  if (card) card.classList.add("lit");
  if (first) first.scrollIntoView({ block: "center" });
}

document.addEventListener("DOMContentLoaded", () => {
  colourDots();
  setupTimeline();
  setupLinking();
  highlightTarget();
  window.addEventListener("hashchange", highlightTarget);
});
