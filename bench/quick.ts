import { Cpu } from '../src/cpu/cpu.ts';
const cpu = new Cpu({ storageSize: 1 << 20 });
// 0x1000: LA 2,1 ; LA 3,N(0) via LA 3,0xfff ; loop: AR 1,2 ; LA 4,4(4) ; AR 5,2 ; BCT 3,loop
const N = 50_000_000;
cpu.gpr[3] = N;
const prog = [0x41,0x20,0x00,0x01, 0x1a,0x12, 0x41,0x44,0x00,0x04, 0x1a,0x52, 0x46,0x30,0x04,0x04, 0x00,0x00];
cpu.mem.set(prog, 0x400);
cpu.ia = 0x400;
const t0 = performance.now();
const s = cpu.run(N * 4 + 10);
const t1 = performance.now();
console.log(s.kind, s.code, cpu.instructions, ((cpu.instructions / ((t1 - t0) / 1000)) / 1e6).toFixed(1), 'MIPS', cpu.gpr[1], cpu.gpr[5]);
