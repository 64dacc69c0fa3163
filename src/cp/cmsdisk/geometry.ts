// The DASD types a VM/370 Release 6 CMS 800-byte-format minidisk lives on, and how many CMS blocks
// each track holds. Self-contained on purpose: cmsdisk is a host tool over image files and does not
// depend on the emulated DASD device (src/devices/dasd/).
//
// Blocks per track follow from the track capacity and the per-record overhead of each device (IBM
// 3330 Series and 3350 reference summaries): floor(capacity / (overhead + 800)), keyless records.
//   3350: 19,254 / (185 + 800) = 19   (the R6 sample disks: 19 records R1-R19 per track)
//   3330: 13,165 / (135 + 800) = 14   (266 blocks per 19-track cylinder)

export type CmsDeviceType = '3330' | '3330-11' | '3350';

export interface CmsDeviceGeometry {
  readonly type: CmsDeviceType;
  /** The device-type byte of a Hercules CKD image header. */
  readonly headerType: number;
  readonly heads: number;
  /** Bytes per track image in a Hercules CKD file. */
  readonly trackSize: number;
  /** 800-byte CMS blocks per track. */
  readonly blocksPerTrack: number;
  /** Primary plus alternate cylinders: the most an image of this type may hold. */
  readonly maxCylinders: number;
}

export const CMS_DEVICES: Readonly<Record<CmsDeviceType, CmsDeviceGeometry>> = {
  '3330': { type: '3330', headerType: 0x30, heads: 19, trackSize: 13_312, blocksPerTrack: 14, maxCylinders: 411 },
  '3330-11': { type: '3330-11', headerType: 0x30, heads: 19, trackSize: 13_312, blocksPerTrack: 14, maxCylinders: 815 },
  '3350': { type: '3350', headerType: 0x50, heads: 30, trackSize: 19_456, blocksPerTrack: 19, maxCylinders: 560 },
};

/** The CMS block size of VM/370: every block of an R6 CMS disk is 800 bytes. */
export const BLOCK_SIZE = 800;

/**
 * Block numbers are halfwords and X'FFFC'-X'FFFF' are the MFD's markers, so an 800-byte-format disk
 * holds at most X'FFFB' blocks: a 115-cylinder 3350 (65,550 blocks) shows 65,531 in its MFD.
 */
export const MAX_CMS_BLOCKS = 0xfffb;

export function cmsDeviceType(name: string): CmsDeviceType {
  const key = name.toUpperCase().replace(/^3330-?11$/, '3330-11');
  if (key === '3330' || key === '3330-11' || key === '3350') return key;
  throw new Error(`unknown DASD type '${name}' (known: 3330, 3330-11, 3350)`);
}

/** The device an image header describes; a 3330 image with more than 411 cylinders is a 3330-11. */
export function deviceFromHeader(headerType: number, heads: number, cylinders: number): CmsDeviceGeometry | undefined {
  if (headerType === 0x50 && heads === 30) return CMS_DEVICES['3350'];
  if (headerType === 0x30 && heads === 19) return cylinders > CMS_DEVICES['3330'].maxCylinders ? CMS_DEVICES['3330-11'] : CMS_DEVICES['3330'];
  return undefined;
}

/** Blocks a CMS disk of this many cylinders holds (the MFD's ADTNUM). */
export function cmsBlocksFor(device: CmsDeviceGeometry, cylinders: number): number {
  return Math.min(cylinders * device.heads * device.blocksPerTrack, MAX_CMS_BLOCKS);
}
