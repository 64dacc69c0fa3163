// A program exception recognized during an instruction. Thrown by handlers and storage helpers and
// caught once in the CPU's step loop, which performs the PSW swap (Principles of Operation,
// "Program Interruption"). It is not an Error: throwing it must not capture a stack trace.

export class ProgramInterruption {
  code = 0;
  /** True for exceptions that nullify the instruction (segment and page translation). */
  nullify = false;

  set(code: number, nullify = false): this {
    this.code = code;
    this.nullify = nullify;
    return this;
  }
}
