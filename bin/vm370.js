#!/usr/bin/env node
// Entry shim: run the TypeScript CLI through tsx so a fresh clone works right after `npm install`.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
await main(process.argv);
