// The count-key-data devices: geometry and track capacity (IBM 3330 Series Disk Storage and IBM 3350
// Direct Access Storage reference summaries), and their sizes in Hercules CKD images.

export type CkdType = '3330' | '3330-11' | '3350';

export interface CkdGeometry {
  readonly type: CkdType;
  /** The device type number (3330, 3350). */
  readonly deviceType: number;
  /** The device-type byte of a Hercules image header (X'30', X'50'). */
  readonly headerType: number;
  /** Primary cylinders; alternates follow them. */
  readonly cylinders: number;
  readonly alternateCylinders: number;
  readonly heads: number;
  /** Track capacity in bytes for records R1-Rn (the track holds HA and a standard R0 besides). */
  readonly capacity: number;
  /** Bytes a record occupies besides its key and data: without a key, with a key. */
  readonly overhead: number;
  readonly keyOverhead: number;
  /** The size of a track in a Hercules image (HA, R0, the largest R1, the end marker, rounded up). */
  readonly imageTrackSize: number;
}

export const GEOMETRIES: Record<CkdType, CkdGeometry> = {
  '3330': {
    type: '3330', deviceType: 0x3330, headerType: 0x30, cylinders: 404, alternateCylinders: 7, heads: 19,
    capacity: 13_165, overhead: 135, keyOverhead: 56, imageTrackSize: 13_312,
  },
  '3330-11': {
    type: '3330-11', deviceType: 0x3330, headerType: 0x30, cylinders: 808, alternateCylinders: 7, heads: 19,
    capacity: 13_165, overhead: 135, keyOverhead: 56, imageTrackSize: 13_312,
  },
  '3350': {
    type: '3350', deviceType: 0x3350, headerType: 0x50, cylinders: 555, alternateCylinders: 5, heads: 30,
    capacity: 19_254, overhead: 185, keyOverhead: 82, imageTrackSize: 19_456,
  },
};

export function ckdType(name: string): CkdType {
  const key = name.toUpperCase().replace(/^3330-?11$/, '3330-11');
  if (key in GEOMETRIES) return key as CkdType;
  throw new Error(`unknown DASD type '${name}' (known: 3330, 3330-11, 3350)`);
}

/** Bytes of track capacity a record with this key and data length uses. */
export function recordSpace(g: CkdGeometry, keyLength: number, dataLength: number): number {
  return g.overhead + dataLength + (keyLength > 0 ? g.keyOverhead + keyLength : 0);
}

/** The largest data length of one record without a key on an empty track (R1). */
export function maxRecordLength(g: CkdGeometry): number {
  return g.capacity - g.overhead;
}
