// A word diff in the browser, for the editor's live view of a draft against the version it is based on (the query
// side's diff endpoint compares stored versions only, and a draft is not stored). Words, punctuation marks and the
// whitespace between them are the tokens, so line breaks survive; the common head and tail are cut off first (an
// edit is usually local), and the longest common subsequence of the rest decides the edits. The answer has the shape
// of the query side's word diff: [{op: 'EQUAL' | 'INSERT' | 'DELETE', text}].
'use strict';

const WordDiff = (() => {
  // beyond this many cells of the LCS table (a whole text rewritten), the middle is shown replaced as one block
  const MAX_CELLS = 4000000;

  // words, single punctuation marks and runs of whitespace: "Daten." against "Daten und" changes one word, not two
  function tokens(text) { return String(text || '').match(/\s+|[\p{L}\p{N}\p{M}]+|[^\s\p{L}\p{N}\p{M}]/gu) || []; }

  function diff(before, after) {
    const a = tokens(before);
    const b = tokens(after);
    let head = 0;
    while (head < a.length && head < b.length && a[head] === b[head]) head++;
    let tail = 0;
    while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
    const edits = [];
    const push = (op, text) => {
      if (!text) return;
      const last = edits[edits.length - 1];
      if (last && last.op === op) last.text += text; else edits.push({ op, text });
    };
    push('EQUAL', a.slice(0, head).join(''));
    middle(a.slice(head, a.length - tail), b.slice(head, b.length - tail), push);
    push('EQUAL', a.slice(a.length - tail).join(''));
    return edits;
  }

  function middle(a, b, push) {
    const n = a.length;
    const m = b.length;
    if (n === 0 || m === 0 || (n + 1) * (m + 1) > MAX_CELLS) {
      push('DELETE', a.join(''));
      push('INSERT', b.join(''));
      return;
    }
    // lengths of the longest common subsequence of a[i..] and b[j..]
    const width = m + 1;
    const lcs = new Uint32Array((n + 1) * width);
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        lcs[i * width + j] = a[i] === b[j] ? lcs[(i + 1) * width + j + 1] + 1
          : Math.max(lcs[(i + 1) * width + j], lcs[i * width + j + 1]);
      }
    }
    let i = 0;
    let j = 0;
    while (i < n && j < m) {
      if (a[i] === b[j]) { push('EQUAL', a[i]); i++; j++; }
      else if (lcs[(i + 1) * width + j] >= lcs[i * width + j + 1]) { push('DELETE', a[i]); i++; }
      else { push('INSERT', b[j]); j++; }
    }
    while (i < n) push('DELETE', a[i++]);
    while (j < m) push('INSERT', b[j++]);
  }

  /** How many words (not whitespace) each side of the edits holds. */
  function counts(edits) {
    const words = (text) => (String(text).match(/[\p{L}\p{N}]+/gu) || []).length;
    return edits.reduce((c, e) => {
      if (e.op === 'INSERT') c.inserted += words(e.text);
      if (e.op === 'DELETE') c.deleted += words(e.text);
      return c;
    }, { inserted: 0, deleted: 0 });
  }

  return { diff, counts };
})();
