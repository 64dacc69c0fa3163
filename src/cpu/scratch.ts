// Per-CPU work areas for instructions whose operands do not fit in local numbers (long packed
// decimal operands, extended floating point). Each Cpu owns one, so nothing is shared between the
// many CPUs CP runs in one process, and no instruction allocates.

export interface HfpScratch {
  /** Fractions as 28-bit limbs (7 hex digits each), most significant first; limb 4 holds the guard digit. */
  readonly x: Int32Array;
  readonly y: Int32Array;
  /** 14-bit limbs for multiplication, least significant first, and the product columns. */
  readonly x14: Float64Array;
  readonly y14: Float64Array;
  readonly columns: Float64Array;
  /** Product as 28-bit limbs, most significant first. */
  readonly product: Int32Array;
}

export class CpuScratch {
  /** Packed-decimal digits: three operands of 32 digits plus work space. */
  readonly decimal = new Uint8Array(128);
  readonly hfp: HfpScratch = {
    x: new Int32Array(5),
    y: new Int32Array(5),
    x14: new Float64Array(8),
    y14: new Float64Array(8),
    columns: new Float64Array(16),
    product: new Int32Array(8),
  };
}
