// ceasewatch UI: map pan and zoom, timeline brushing, point/row linking, evidence highlighting.
// No framework.
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

// Pan and zoom by rewriting the map's viewBox: wheel zooms around the cursor, a drag pans, the
// buttons zoom around the centre. Points keep their size on screen. A drag never follows a link.
const MAX_SCALE = 64;
const MIN_SCALE = 0.5;
const DRAG_PX = 4;

function setupMapZoom() {
  const svg = document.getElementById("map");
  if (!svg || !svg.dataset.width) return;
  const W = Number(svg.dataset.width), H = Number(svg.dataset.height);
  const circles = Array.from(svg.querySelectorAll("circle[data-r]"));
  let view = { x: 0, y: 0, w: W, h: H };

  const show = (next) => {
    const w = Math.min(W / MIN_SCALE, Math.max(W / MAX_SCALE, next.w));
    const h = w * H / W;
    const cx = Math.min(W, Math.max(0, next.x + next.w / 2));  // the centre stays on the map
    const cy = Math.min(H, Math.max(0, next.y + next.h / 2));
    view = { x: cx - w / 2, y: cy - h / 2, w: w, h: h };
    svg.setAttribute("viewBox", [view.x, view.y, view.w, view.h].map((v) => v.toFixed(2)).join(" "));
    const k = view.w / W;
    circles.forEach((c) => c.setAttribute("r", (Number(c.dataset.r) * k).toFixed(3)));
    svg.dataset.scale = (W / view.w).toFixed(3);
  };
  const zoomAt = (factor, px, py) => {  // px, py: the fixed point in map units
    const w = view.w / factor, h = view.h / factor;
    show({ x: px - (px - view.x) / factor, y: py - (py - view.y) / factor, w: w, h: h });
  };
  const toMap = (evt) => {
    const box = svg.getBoundingClientRect();
    return [view.x + (evt.clientX - box.left) / box.width * view.w,
      view.y + (evt.clientY - box.top) / box.height * view.h];
  };

  svg.addEventListener("wheel", (evt) => {
    evt.preventDefault();
    const [px, py] = toMap(evt);
    zoomAt(Math.exp(-evt.deltaY * 0.002), px, py);
  }, { passive: false });

  let press = null;
  let dragged = false;
  svg.addEventListener("pointerdown", (evt) => {
    if (evt.button !== 0) return;
    press = { x: evt.clientX, y: evt.clientY, view: view, id: evt.pointerId };
    dragged = false;
  });
  svg.addEventListener("pointermove", (evt) => {
    if (!press) return;
    const dx = evt.clientX - press.x, dy = evt.clientY - press.y;
    if (!dragged && Math.hypot(dx, dy) < DRAG_PX) return;
    if (!dragged) {
      dragged = true;
      svg.setPointerCapture(press.id);  // only now, so a plain click still reaches its link
      svg.classList.add("dragging");
    }
    const unit = press.view.w / svg.getBoundingClientRect().width;
    show({ x: press.view.x - dx * unit, y: press.view.y - dy * unit, w: press.view.w,
      h: press.view.h });
  });
  const release = () => {
    press = null;
    svg.classList.remove("dragging");
  };
  svg.addEventListener("pointerup", release);
  svg.addEventListener("pointercancel", release);
  svg.addEventListener("click", (evt) => {
    if (dragged) {
      evt.preventDefault();
      evt.stopPropagation();
      dragged = false;
    }
  }, true);

  const centre = () => [view.x + view.w / 2, view.y + view.h / 2];
  const button = (id, action) => {
    const el = document.getElementById(id);
    if (el) el.addEventListener("click", action);
  };
  button("zoom-in", () => zoomAt(2, ...centre()));
  button("zoom-out", () => zoomAt(0.5, ...centre()));
  button("zoom-reset", () => show({ x: 0, y: 0, w: W, h: H }));
  show(view);
}

function setupLinking() {
  const rows = document.querySelectorAll("#events tbody tr");
  rows.forEach((row) => {
    const point = document.querySelector('#map .pt[data-id="' + CSS.escape(row.dataset.id) + '"]')
      || (row.dataset.cluster
        && document.querySelector('#map .pt[data-id="' + CSS.escape(row.dataset.cluster) + '"]'));
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
  setupMapZoom();
  setupTimeline();
  setupLinking();
  highlightTarget();
  window.addEventListener("hashchange", highlightTarget);
});
