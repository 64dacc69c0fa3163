// A CKD track as Hercules stores it in an uncompressed image: the 5-byte home address (flag byte,
// CC, HH), then each record as an 8-byte count (CC HH R KL DL), its key and its data, then eight
// X'FF' bytes; zeros fill the rest of the track.

export interface CkdRecord {
  cyl: number;
  head: number;
  record: number;
  key: Uint8Array;
  data: Uint8Array;
}

export interface Track {
  /** The home address: flag byte and the track's own address. */
  flag: number;
  cyl: number;
  head: number;
  records: CkdRecord[];
}

export class CorruptImageError extends Error {}

const END_OF_TRACK = 0xff;

/** The 8-byte count field of a record. */
export function countField(r: CkdRecord): Uint8Array {
  return Uint8Array.of(r.cyl >>> 8, r.cyl, r.head >>> 8, r.head, r.record, r.key.length, r.data.length >>> 8, r.data.length);
}

/** The 5 bytes CCHHR that Search ID compares. */
export function recordId(r: CkdRecord): Uint8Array {
  return Uint8Array.of(r.cyl >>> 8, r.cyl, r.head >>> 8, r.head, r.record);
}

/** Parses a track image; `where` names the file and track for errors. */
export function parseTrack(bytes: Uint8Array, where: string): Track {
  const size = bytes.length;
  const track: Track = { flag: bytes[0]!, cyl: (bytes[1]! << 8) | bytes[2]!, head: (bytes[3]! << 8) | bytes[4]!, records: [] };
  if (bytes.every((b) => b === 0)) return track; // never written: a home address and nothing else
  let at = 5;
  for (;;) {
    if (at + 8 > size) throw new CorruptImageError(`${where}: no end-of-track marker`);
    if (isEndMarker(bytes, at)) return track;
    const kl = bytes[at + 5]!;
    const dl = (bytes[at + 6]! << 8) | bytes[at + 7]!;
    const end = at + 8 + kl + dl;
    if (end + 8 > size) throw new CorruptImageError(`${where}: record ${track.records.length} runs past the end of the track`);
    track.records.push({
      cyl: (bytes[at]! << 8) | bytes[at + 1]!,
      head: (bytes[at + 2]! << 8) | bytes[at + 3]!,
      record: bytes[at + 4]!,
      key: bytes.slice(at + 8, at + 8 + kl),
      data: bytes.slice(at + 8 + kl, end),
    });
    at = end;
  }
}

/** The image of a track, `size` bytes. */
export function buildTrack(track: Track, size: number): Uint8Array {
  const out = new Uint8Array(size);
  out[0] = track.flag;
  out[1] = track.cyl >>> 8;
  out[2] = track.cyl;
  out[3] = track.head >>> 8;
  out[4] = track.head;
  let at = 5;
  for (const r of track.records) {
    const need = 8 + r.key.length + r.data.length;
    if (at + need + 8 > size) throw new RangeError(`the records do not fit in a ${size}-byte track image`);
    out.set(countField(r), at);
    out.set(r.key, at + 8);
    out.set(r.data, at + 8 + r.key.length);
    at += need;
  }
  out.fill(END_OF_TRACK, at, at + 8);
  return out;
}

/** A freshly formatted track: home address and a standard R0 (no key, eight bytes of zeros). */
export function emptyTrack(cyl: number, head: number): Track {
  return { flag: 0, cyl, head, records: [{ cyl, head, record: 0, key: new Uint8Array(0), data: new Uint8Array(8) }] };
}

function isEndMarker(bytes: Uint8Array, at: number): boolean {
  for (let i = 0; i < 8; i++) if (bytes[at + i] !== END_OF_TRACK) return false;
  return true;
}
