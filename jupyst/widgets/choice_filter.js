// jupyst choice filter: how typing narrows the options of a selectbox or multiselect, by
// Streamlit's filter_mode. Prepended to multiselect.js (one ES module), so it exports nothing.
//
// "fuzzy" (the default) keeps the options that hold the typed characters in order, ignoring
// case, and ranks them best first, ties in the script's order, by the scoring of the fzy
// finder that Streamlit uses: a character matched right after a separator ("/", "-", "_",
// space, ".") or at a lower-to-upper case change scores a bonus, a run of consecutive
// characters scores more, and every skipped character costs a little; an option exactly as
// long as the text (the text itself) always comes first. "contains" and "prefix" keep the
// options holding or starting with the text, ignoring case, in the script's order. "none"
// keeps them all (typing is off).

const GAP_LEADING = -0.005;
const GAP_TRAILING = -0.005;
const GAP_INNER = -0.01;
const CONSECUTIVE = 1.0;
const AFTER_SLASH = 0.9;
const AFTER_WORD = 0.8;
const AT_CAPITAL = 0.7;
const AFTER_DOT = 0.6;
// fzy gives up ranking (but still keeps the match) beyond this many characters
const LONGEST_SCORED = 1024;

function fuzzyHas(needle, haystack) {
  const text = haystack.toLowerCase();
  let from = 0;
  for (const ch of needle.toLowerCase()) {
    from = text.indexOf(ch, from);
    if (from < 0) return false;
    from += 1;
  }
  return true;
}

// The bonus for matching haystack[i], from the character before it (a "/" before the start).
function bonuses(haystack) {
  const out = new Array(haystack.length);
  let before = "/";
  for (let i = 0; i < haystack.length; i++) {
    const ch = haystack[i];
    if (before === "/") out[i] = AFTER_SLASH;
    else if (before === "-" || before === "_" || before === " ") out[i] = AFTER_WORD;
    else if (before === ".") out[i] = AFTER_DOT;
    else if (before !== before.toUpperCase() && ch !== ch.toLowerCase()) out[i] = AT_CAPITAL;
    else out[i] = 0;
    before = ch;
  }
  return out;
}

// The best alignment's score of needle within haystack (which holds it, in order).
function fuzzyScore(needle, haystack) {
  const n = needle.length;
  const m = haystack.length;
  if (!n || !m || m > LONGEST_SCORED) return -Infinity;
  if (n === m) return Infinity;
  const a = needle.toLowerCase();
  const b = haystack.toLowerCase();
  const bonus = bonuses(haystack);
  // ending[j]: best score with needle[i] matched exactly at j; best[j]: at or before j
  let prevEnding = new Array(m).fill(-Infinity);
  let prevBest = new Array(m).fill(-Infinity);
  for (let i = 0; i < n; i++) {
    const ending = new Array(m);
    const best = new Array(m);
    const gap = i === n - 1 ? GAP_TRAILING : GAP_INNER;
    let running = -Infinity;
    for (let j = 0; j < m; j++) {
      let here = -Infinity;
      if (a[i] === b[j]) {
        if (i === 0) here = j * GAP_LEADING + bonus[j];
        else if (j > 0) here = Math.max(prevBest[j - 1] + bonus[j], prevEnding[j - 1] + CONSECUTIVE);
      }
      ending[j] = here;
      running = Math.max(here, running + gap);
      best[j] = running;
    }
    prevEnding = ending;
    prevBest = best;
  }
  return prevBest[m - 1];
}

// The labels that match `text` under `mode`, in the order the dropdown lists them.
function filterLabels(labels, text, mode) {
  if (!text || mode === "none") return labels.slice();
  if (mode === "contains" || mode === "prefix") {
    const needle = text.toLowerCase();
    return labels.filter((label) => {
      const hay = label.toLowerCase();
      return mode === "prefix" ? hay.startsWith(needle) : hay.includes(needle);
    });
  }
  return labels
    .map((label, order) => ({ label, order, score: fuzzyHas(text, label) ? fuzzyScore(text, label) : null }))
    .filter((row) => row.score !== null)
    .sort((x, y) => (x.score === y.score ? x.order - y.order : y.score - x.score))
    .map((row) => row.label);
}
