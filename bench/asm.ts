// Assembler speed: a generated 10,000-line source (instructions of every format, constants, literals,
// EQU, USING, comments, several control sections) assembled by the assembler proper and by the whole
// assembler (macro phase included). Numbers only; nothing here asserts a speed.
// Run alone: node --import tsx bench/asm.ts    (bench/run.ts calls run()).

import { assembleSource } from '../src/asm/assembler.ts';
import { assemble } from '../src/asm/index.ts';

function line(name: string, op: string, operands = ''): string {
  return (name.padEnd(8, ' ') + ' ' + op).padEnd(15, ' ') + operands;
}

/** A source of exactly `count` lines: control sections of about 270 lines, each with its own base and pool. */
export function benchSource(count: number): string {
  const out: string[] = [];
  let k = 0;
  for (let section = 0; count - 1 - out.length >= 80; section++) {
    const w = (n: number) => `W${section}X${n % 50}`;
    const p = (n: number) => `P${section}X${n % 20}`;
    const body = [
      (n: number) => line(`L${n}`, 'L', `1,=F'${n}'`),
      (n: number) => line('', 'LA', `2,L${n - 1}(3)`),
      (n: number) => line('', 'MVC', `${w(n)}(8),=CL8'TEXT${n % 1000}'`),
      () => line('', 'STM', '14,12,12(13)'),
      () => line('', 'AR', '1,2'),
      (n: number) => line('', 'CLI', `${w(n)},C'A'`),
      (n: number) => line('', 'BNE', `L${n - 6}`),
      (n: number) => line('', 'AP', `${p(n)},=P'1'`),
      (n: number) => `* COMMENT LINE ${n}`,
      (n: number) => line(`E${n}`, 'EQU', `*-L${n - 9}+${n % 7}`),
    ];
    out.push(line(`S${section}`, 'CSECT'));
    out.push(line('', 'USING', `S${section},12`));
    const room = Math.min(200, count - 1 - out.length - 72);
    const groups = Math.floor(room / body.length);
    for (let g = 0; g < groups; g++) for (let i = 0; i < body.length; i++, k++) out.push(body[i](k));
    for (let n = 0; n < 50; n++) out.push(line(w(n), 'DS', 'CL8'));
    for (let n = 0; n < 20; n++) out.push(line(p(n), 'DC', "PL4'0'"));
    out.push(line('', 'LTORG'));
    out.push(line('', 'DROP', '12'));
  }
  while (out.length < count - 1) out.push('* PAD');
  out.push(line('', 'END'));
  return out.join('\n') + '\n';
}

function time(f: () => void): number {
  const t0 = performance.now();
  f();
  return (performance.now() - t0) / 1000;
}

export function run(): string[] {
  const lines = 10_000;
  const src = benchSource(lines);
  // Warm the JIT once, then measure.
  assembleSource(benchSource(1000));
  let rc = 0;
  const proper = time(() => {
    rc = assembleSource(src).returnCode;
  });
  const whole = time(() => {
    assemble(src);
  });
  return [
    `assembler: ${lines.toLocaleString()} lines, assembler proper ${proper.toFixed(3)} s, with macro phase ${whole.toFixed(3)} s (return code ${rc})`,
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const l of run()) console.log(l);
}
