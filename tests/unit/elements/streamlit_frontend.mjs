// Streamlit's own browser-side formatters, run under Node: the oracle for jupyst's formatting.
//
// Usage: node streamlit_frontend.mjs DIR, where DIR holds the bundle's files (with a
// package.json of type "module", so that any Node from 18 on loads them as ES modules);
// reads a JSON list of requests on stdin and prints a JSON list of answers:
//   ["number", value, format, precision|null]   -> formatNumber(value, format, precision)
//   ["moment", isoUtcString, format, kind]      -> formatMoment(moment.utc(iso), format, kind)
//   ["now", isoUtcString]                       -> freezes Date.now() for "distance"/"calendar"
// Each answer is {"ok": text} or {"error": String(error)}.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

globalThis.window = globalThis;
Object.defineProperty(globalThis, "navigator", { value: { languages: ["en-US"] }, configurable: true });
process.env.TZ = "UTC";

const dir = process.argv[2];
const find = (prefix) => join(dir, readdirSync(dir).find((f) => f.startsWith(prefix + ".") && f.endsWith(".js")));
const numbers = await import(find("formatNumber"));
const moments = await import(find("formatMoment"));
const momentLib = await import(find("moment"));
const formatNumber = numbers.n;
const formatMoment = moments.t;
// The bundle initialises moment lazily: its exports are the library ("t") and the
// initialiser ("n"), as Streamlit's Slider imports them.
momentLib.n();
const moment = momentLib.t;

const realNow = Date.now;
const out = [];
for (const req of JSON.parse(readFileSync(0, "utf8"))) {
  try {
    if (req[0] === "number") out.push({ ok: formatNumber(req[1], req[2], req[3] ?? undefined) });
    else if (req[0] === "moment") out.push({ ok: formatMoment(moment.utc(req[1]), req[2], req[3]) });
    else if (req[0] === "now") { const t = Date.parse(req[1]); Date.now = () => t; out.push({ ok: "" }); }
    else out.push({ error: "unknown request" });
  } catch (e) {
    out.push({ error: String(e) });
  }
}
Date.now = realNow;
console.log(JSON.stringify(out));
