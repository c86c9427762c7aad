import { foldKey } from "./tokens";

/**
 * The words of a text as parallel integer arrays: word ids from one process-wide vocabulary (folded keys:
 * lowercase, diacritics removed), offsets, and where sentences start. No object or string per word, so the
 * tagger and the tone scorer can read a statement at tens of megabytes a second. Word characters are the same
 * as `tokenize` in tokens.ts (letters, digits, combining marks), so offsets agree with it.
 */
export interface Words {
  count: number;
  ids: Int32Array;
  starts: Int32Array;
  ends: Int32Array;
  /** 1 where a word begins a sentence: the gap before it holds . ! ? or a line break. */
  sentenceStart: Uint8Array;
}

/** The process-wide vocabulary: id → folded key. Ids are stable for the life of the process. */
const keys: string[] = [];
const idOfKey = new Map<string, number>();

export function wordId(key: string): number {
  let id = idOfKey.get(key);
  if (id === undefined) {
    id = keys.length;
    keys.push(key);
    idOfKey.set(key, id);
    asciiInsert(key, id);
  }
  return id;
}

export function wordKey(id: number): string {
  return keys[id] ?? "";
}

export function vocabularySize(): number {
  return keys.length;
}

// An open-addressing table from the hash of a lowercase ASCII word to its id, probed straight from the text's
// char codes, so a known ASCII word costs no string allocation at all. A slot is four integers side by side: id or
// -1, the hash with the key's length in its low byte, and the key's first eight characters (zero-padded, four to an
// integer), so a word of up to eight characters, most words of prose, is found with one read at random. A longer
// key's other characters are found by id in `keyAt` and `pool`. Each key starts on a 4-byte boundary of the pool
// and is padded with zeros, so a probe compares four characters at a time.
const SLOT = 4;
let tableSlots = 1 << 16;
let table = new Int32Array(tableSlots * SLOT).fill(-1);
/** Id → where the key's characters start in `pool`, counted in 4-byte chunks. */
let keyAt = new Int32Array(1 << 12);
let pool = new Uint8Array(1 << 18);
let poolChunks = new Int32Array(pool.buffer);
let poolUsed = 0;
let asciiCount = 0;

const lower = (code: number) => (code >= 65 && code <= 90 ? code + 32 : code);
/** ASCII code → its lowercase form if it is a word character (letter or digit), else 0. */
const ASCII_FOLD = new Uint8Array(128).map((_, c) => (/[a-z0-9]/i.test(String.fromCharCode(c)) ? lower(c) : 0));

function hashStep(hash: number, code: number): number {
  return Math.imul(hash ^ code, 0x01000193);
}
const HASH_SEED = 0x811c9dc5 | 0;
/** Longer ASCII words (never seen in prose) go the slow way, through a string. */
const MAX_ASCII_WORD = 255;

function asciiInsert(key: string, id: number): void {
  if (/[^\x00-\x7f]/.test(key) || key.length > MAX_ASCII_WORD) return;
  if ((asciiCount + 1) * 2 > tableSlots) growTable();
  if (poolUsed + key.length + 4 > pool.length) {
    const grown = new Uint8Array(Math.max(pool.length * 2, poolUsed + key.length + 4));
    grown.set(pool);
    pool = grown;
    poolChunks = new Int32Array(pool.buffer);
  }
  let hash = HASH_SEED;
  for (let i = 0; i < key.length; i++) hash = hashStep(hash, key.charCodeAt(i));
  if (id + 1 > keyAt.length) {
    const grown = new Int32Array(Math.max(keyAt.length * 2, id + 1));
    grown.set(keyAt);
    keyAt = grown;
  }
  const at = poolUsed >> 2;
  keyAt[id] = at;
  for (let i = 0; i < key.length; i++) pool[poolUsed++] = key.charCodeAt(i);
  poolUsed = (poolUsed + 3) & ~3;
  place(id, lengthTagged(hash, key.length), poolChunks[at]!, key.length > 4 ? poolChunks[at + 1]! : 0);
  asciiCount++;
}

/** The hash with its low byte replaced by the key's length (at most MAX_ASCII_WORD): one comparison checks both. Slots are placed by the other 24 bits. */
const lengthTagged = (hash: number, length: number) => (hash & ~0xff) | length;

function place(id: number, tagged: number, first: number, second: number): void {
  const mask = tableSlots - 1;
  let slot = (tagged >>> 8) & mask;
  while (table[slot * SLOT] !== -1) slot = (slot + 1) & mask;
  const base = slot * SLOT;
  table[base] = id;
  table[base + 1] = tagged;
  table[base + 2] = first;
  table[base + 3] = second;
}

function growTable(): void {
  const old = table;
  tableSlots *= 2;
  table = new Int32Array(tableSlots * SLOT).fill(-1);
  for (let base = 0; base < old.length; base += SLOT)
    if (old[base]! !== -1) place(old[base]!, old[base + 1]!, old[base + 2]!, old[base + 3]!);
}

/** The folded characters of the word being scanned: compared against `pool` without reading the text twice. */
const scanned = new Uint8Array(260); // MAX_ASCII_WORD + 1 characters, rounded up to whole 4-byte chunks
const scannedChunks = new Int32Array(scanned.buffer);

function asciiLookup(length: number, hash: number): number {
  const mask = tableSlots - 1;
  const word = scannedChunks;
  const slots = table;
  const chars = poolChunks;
  // Zero what a longer word left after this one in its last chunk, as the pool's padding is zero.
  word[length >> 2]! &= (1 << ((length & 3) * 8)) - 1;
  const chunks = (length + 3) >> 2;
  const tagged = lengthTagged(hash, length);
  const first = word[0]!;
  const second = length > 4 ? word[1]! : 0;
  for (let slot = (tagged >>> 8) & mask; ; slot = (slot + 1) & mask) {
    const base = slot * SLOT;
    const id = slots[base]!;
    if (id === -1) return -1;
    if (slots[base + 1] !== tagged || slots[base + 2] !== first || slots[base + 3] !== second) continue;
    if (chunks <= 2) return id;
    const at = keyAt[id]!;
    let k = 2;
    while (k < chunks && chars[at + k] === word[k]) k++;
    if (k === chunks) return id;
  }
}

const WORD_CHAR = /^[\p{L}\p{N}\p{M}]$/u;

// Class of every UTF-16 unit, worked out on first sight: 0 unknown, 1 separator, 2 sentence gap (. ! ? line
// break), 3 ASCII word character, 4 other word character (halves of astral letters count as word characters).
const SEPARATOR = 1;
const SENTENCE_GAP = 2;
const ASCII_WORD = 3;
const unitClass = new Uint8Array(65536);
for (let c = 0; c < 128; c++)
  unitClass[c] = ASCII_FOLD[c] ? ASCII_WORD : c === 46 || c === 33 || c === 63 || c === 10 ? SENTENCE_GAP : SEPARATOR;
unitClass.fill(4, 0xd800, 0xe000);

function classify(code: number): number {
  return (unitClass[code] = WORD_CHAR.test(String.fromCharCode(code)) ? 4 : SEPARATOR);
}

// Scratch space reused by every scan, so a scan allocates exactly what it returns.
let scratchIds = new Int32Array(1 << 14);
let scratchStarts = new Int32Array(1 << 14);
let scratchEnds = new Int32Array(1 << 14);
let scratchSentence = new Uint8Array(1 << 14);

/** Reads `text` once into word ids; offsets are shifted by `offset` (the text's place in its statement). */
export function scanWords(text: string, offset = 0): Words {
  const length = text.length;
  // A text of n units holds at most (n + 1) / 2 words: size the scratch once, so the loop never checks.
  const capacity = (length >> 1) + 1;
  if (scratchSentence.length < capacity) {
    scratchIds = new Int32Array(capacity);
    scratchStarts = new Int32Array(capacity);
    scratchEnds = new Int32Array(capacity);
    scratchSentence = new Uint8Array(capacity);
  }
  const ids = scratchIds;
  const starts = scratchStarts;
  const ends = scratchEnds;
  const sentence = scratchSentence;
  const word = scanned;
  const classes = unitClass;
  let count = 0;
  let newSentence = 1;
  let i = 0;
  while (i < length) {
    const code = text.charCodeAt(i);
    let k = classes[code]!;
    if (k === 0) k = classify(code);
    if (k < ASCII_WORD) {
      if (k === SENTENCE_GAP) newSentence = 1;
      i++;
      continue;
    }
    const start = i;
    let hash = HASH_SEED;
    let ascii = true;
    for (; i < length; i++) {
      const c = text.charCodeAt(i);
      let ck = classes[c]!;
      if (ck === 0) ck = classify(c);
      if (ck < ASCII_WORD) break;
      if (ck !== ASCII_WORD) ascii = false;
      // ASCII letters and digits fold to lowercase by setting bit 5.
      const folded = c | 32;
      hash = Math.imul(hash ^ folded, 0x01000193);
      word[(i - start) & MAX_ASCII_WORD] = folded;
    }
    let id = ascii && i - start <= MAX_ASCII_WORD ? asciiLookup(i - start, hash) : -1;
    if (id === -1) id = wordId(foldKey(text.slice(start, i)));
    ids[count] = id;
    starts[count] = start + offset;
    ends[count] = i + offset;
    sentence[count] = newSentence;
    newSentence = 0;
    count++;
  }
  // One buffer for the three integer columns: fewer, larger allocations keep the collector quiet.
  const columns = new Int32Array(count * 3);
  columns.set(ids.subarray(0, count), 0);
  columns.set(starts.subarray(0, count), count);
  columns.set(ends.subarray(0, count), count * 2);
  return {
    count,
    ids: columns.subarray(0, count),
    starts: columns.subarray(count, count * 2),
    ends: columns.subarray(count * 2, count * 3),
    sentenceStart: sentence.slice(0, count),
  };
}

/** The index of the first word that starts at or after `position` (binary search: words are in order). */
export function firstWordAt(words: Words, position: number): number {
  let lo = 0;
  let hi = words.count;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (words.starts[mid]! < position) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
