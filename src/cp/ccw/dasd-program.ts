// The checks CP makes on a DIAGNOSE X'18' channel program before it runs it (VM/370 System Logic
// R6 Vol 1, SY20-0886-1, p. 1-51, DMKDGD): the CMS-style CCW string of Seek, Set Sector, Search ID
// Equal, TIC *-8 and Read or Write of one record, repeated, e.g.
//     SEEK,A,CC,6  SET SECTOR  SRCH,A+2,CC,5  TIC,*-8  RD or WRT,DATA,CC+SILI,800  SEEK HEAD ...
// Each check that fails gives a condition code and a code in R15:
//   CC 1, R15 3  attempt to write on a read-only disk
//   CC 1, R15 4  cylinder number not in range of the user's disk
//   CC 2, R15 5  pointer to the CCW string not doubleword aligned
//   CC 2, R15 6  SEEK/SEARCH argument not within the user's storage
//   CC 2, R15 7  READ/WRITE CCW neither Read (X'06') nor Write (X'05')
//   CC 2, R15 8  READ/WRITE byte count 0
//   CC 2, R15 9  READ/WRITE byte count greater than 2048
//   CC 2, R15 10 READ/WRITE buffer not within the user's storage
//   CC 2, R15 12 cylinder on a seek head not the one of the first seek
// (R15 11, a bad record count in R15 at entry, is not checked: CMS always passes a good one.)

export interface DasdProgramCheck {
  cc: number;
  r15: number;
}

const SEEK = 0x07;
const SEEK_CYLINDER = 0x0b;
const SEEK_HEAD = 0x1b;
const SET_SECTOR = 0x23;
const READ_SECTOR = 0x22;
const SEARCH_ID_EQUAL = 0x31;
const TIC = 0x08;
const NOP = 0x03;
const READ_DATA = 0x06;
const WRITE_DATA = 0x05;
const CHAIN = 0xc0;
/** A runaway string: more CCWs than any CMS request has. */
const MAX_CCWS = 512;

/** Checks a DIAGNOSE X'18' CCW string in storage; null when it may run. */
export function checkDasdProgram(
  mem: Uint8Array,
  /** The storage size, or a test of whether [a, a + n) is addressable (storage with segments above it). */
  storageSize: number | ((a: number, n: number) => boolean),
  ccwAddress: number,
  disk: { cylinders: number; readOnly: boolean },
): DasdProgramCheck | null {
  if ((ccwAddress & 7) !== 0) return { cc: 2, r15: 5 };
  const within = typeof storageSize === 'function' ? storageSize : (a: number, n: number) => a >= 0 && a + n <= storageSize;
  let firstCylinder = -1;
  let at = ccwAddress;
  for (let n = 0; n < MAX_CCWS; n++, at += 8) {
    if (!within(at, 8)) return { cc: 2, r15: 5 };
    const code = mem[at]!;
    const data = (mem[at + 1]! << 16) | (mem[at + 2]! << 8) | mem[at + 3]!;
    const flags = mem[at + 4]!;
    const count = (mem[at + 6]! << 8) | mem[at + 7]!;
    switch (code) {
      case SEEK:
      case SEEK_CYLINDER:
      case SEEK_HEAD: {
        if (!within(data, 6)) return { cc: 2, r15: 6 };
        const cylinder = (mem[data + 2]! << 8) | mem[data + 3]!;
        if (code === SEEK_HEAD) {
          if (firstCylinder >= 0 && cylinder !== firstCylinder) return { cc: 2, r15: 12 };
        } else {
          if (cylinder >= disk.cylinders) return { cc: 1, r15: 4 };
          if (firstCylinder < 0) firstCylinder = cylinder;
        }
        break;
      }
      case SEARCH_ID_EQUAL:
        if (!within(data, 5)) return { cc: 2, r15: 6 };
        break;
      case SET_SECTOR:
      case READ_SECTOR:
        if (!within(data, 1)) return { cc: 2, r15: 6 };
        break;
      case TIC:
      case NOP:
        break;
      case READ_DATA:
      case WRITE_DATA:
        if (count === 0) return { cc: 2, r15: 8 };
        if (count > 2048) return { cc: 2, r15: 9 };
        if (!within(data, count)) return { cc: 2, r15: 10 };
        if (code === WRITE_DATA && disk.readOnly) return { cc: 1, r15: 3 };
        break;
      default:
        return { cc: 2, r15: 7 };
    }
    if (code !== TIC && (flags & CHAIN) === 0) return null;
  }
  return { cc: 2, r15: 7 };
}
