// Builds data/geo/land-110m-equal-earth.txt: the world's land (Natural Earth 1:110m, from the
// npm package world-atlas) projected with Equal Earth and written as one SVG path `d` string,
// so the server can draw the map without any geometry library and without a request elsewhere.
//
//   cd tools/map && npm ci && node build-land.mjs
//
// The Rust side (src/charts/projection.rs) projects city coordinates with the same formulas,
// SCALE and TRANSLATE; the points printed at the end are the ones its unit test checks.

import { readFileSync, writeFileSync } from "node:fs";
import { geoEqualEarth, geoPath } from "d3-geo";
import { feature } from "topojson-client";

// Equal Earth at this scale puts the sphere in x 2.5..3997.5, y 27.8..1972.2: whole numbers
// then step about 0.09° of longitude at the equator, finer than the 1:110m outlines.
const SCALE = 738;
const TRANSLATE = [2000, 1000];
// Douglas-Peucker tolerance and smallest ring kept, in the units above: barely visible at the
// widths the map is drawn at (a unit is 1.5 px on a 960 px map in its closest regional view).
const TOLERANCE = 0.7;
const MIN_AREA = 3;
// Antarctica (every polygon wholly south of this latitude) is left out: no cluster lies
// there, and dropping it saves 1.8 KB (9 %) and lets a whole-world view be less tall.
const SOUTH_LIMIT = -60;

const OUT = new URL("../../data/geo/land-110m-equal-earth.txt", import.meta.url);
const topology = JSON.parse(readFileSync(new URL("node_modules/world-atlas/land-110m.json", import.meta.url)));
const land = feature(topology, topology.objects.land);

/** The land without the polygons that lie wholly south of SOUTH_LIMIT. */
function withoutAntarctica(collection) {
  const polygons = collection.features.flatMap((f) =>
    f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates,
  );
  const kept = polygons.filter((p) => p[0].some(([, lat]) => lat > SOUTH_LIMIT));
  return { type: "MultiPolygon", coordinates: kept };
}

/** The projected rings d3 draws (clipped at the antimeridian, resampled along curves). */
function projectedRings(geometry, projection) {
  const rings = [];
  let ring = null;
  const context = {
    moveTo(x, y) {
      ring = [[x, y]];
      rings.push(ring);
    },
    lineTo(x, y) {
      ring.push([x, y]);
    },
    closePath() {},
    arc() {},
  };
  geoPath(projection, context)(geometry);
  return rings;
}

/** Distance from p to the segment a-b. */
function segmentDistance(p, a, b) {
  const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2));
  return Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy));
}

/** Douglas-Peucker on an open polyline, keeping both ends. */
function simplifyLine(points, tolerance) {
  if (points.length < 3) return points;
  let [index, max] = [0, 0];
  for (let i = 1; i < points.length - 1; i++) {
    const d = segmentDistance(points[i], points[0], points[points.length - 1]);
    if (d > max) [index, max] = [i, d];
  }
  if (max <= tolerance) return [points[0], points[points.length - 1]];
  const left = simplifyLine(points.slice(0, index + 1), tolerance);
  return left.slice(0, -1).concat(simplifyLine(points.slice(index), tolerance));
}

/** A closed ring simplified in two halves, split at the point farthest from its start. */
function simplifyRing(ring, tolerance) {
  let far = 0;
  for (let i = 1; i < ring.length; i++) {
    if (Math.hypot(ring[i][0] - ring[0][0], ring[i][1] - ring[0][1]) > Math.hypot(ring[far][0] - ring[0][0], ring[far][1] - ring[0][1])) far = i;
  }
  const first = simplifyLine(ring.slice(0, far + 1), tolerance);
  const second = simplifyLine(ring.slice(far).concat([ring[0]]), tolerance);
  return first.slice(0, -1).concat(second.slice(0, -1));
}

function area(ring) {
  let sum = 0;
  for (let i = 0; i < ring.length; i++) {
    const [a, b] = [ring[i], ring[(i + 1) % ring.length]];
    sum += a[0] * b[1] - b[0] * a[1];
  }
  return Math.abs(sum / 2);
}

/** Whole-unit points without the repeats rounding makes. */
function rounded(ring) {
  const out = [];
  for (const [x, y] of ring) {
    const p = [Math.round(x), Math.round(y)];
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  while (out.length > 1 && out[0][0] === out[out.length - 1][0] && out[0][1] === out[out.length - 1][1]) out.pop();
  return out;
}

/** One path: the first `m` is absolute, every later pair relative, so numbers stay short. */
function pathData(rings) {
  let d = "";
  let [cx, cy] = [0, 0];
  const num = (v, first) => (v < 0 ? `${v}` : first ? `${v}` : ` ${v}`);
  for (const ring of rings) {
    // After `z` the pen is back at the ring's start, which is where the next `m` counts from.
    const [sx, sy] = ring[0];
    d += `m${num(sx - cx, true)}${num(sy - cy)}`;
    let [px, py] = [sx, sy];
    for (const [x, y] of ring.slice(1)) {
      d += `${num(x - px)}${num(y - py)}`;
      [px, py] = [x, y];
    }
    d += "z";
    [cx, cy] = [sx, sy];
  }
  return d;
}

const projection = geoEqualEarth().scale(SCALE).translate(TRANSLATE);
const rings = projectedRings(withoutAntarctica(land), projection)
  .map((ring) => rounded(simplifyRing(rounded(ring), TOLERANCE)))
  .filter((ring) => ring.length >= 3 && area(ring) >= MIN_AREA);
const d = pathData(rings);
writeFileSync(OUT, d + "\n");

const all = rings.flat();
const extent = (i) => [Math.min(...all.map((p) => p[i])), Math.max(...all.map((p) => p[i]))];
console.error(`rings ${rings.length}, points ${all.length}, bytes ${d.length}, x ${extent(0)}, y ${extent(1)}`);

// Reference points for the Rust projection test: [lon, lat] -> [x, y].
const checks = [[0, 0], [121.6147, 38.914], [-122.0575, 37.3875], [-46.6333, -23.5505], [180, 90], [-180, -60], [139.6503, 35.6762]];
for (const [lon, lat] of checks) {
  const [x, y] = projection([lon, lat]);
  console.log(`(${lat}, ${lon}, ${x.toFixed(9)}, ${y.toFixed(9)}),`);
}
