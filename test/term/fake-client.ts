// A fake transport for the TN3270 session tests: records what the server writes.
import { AddressPool } from '../../src/term/address-pool.ts';

export class Wire {
  bytes: number[] = [];
  ended = false;
  write(b: Uint8Array): void {
    this.bytes.push(...b);
  }
  end(): void {
    this.ended = true;
  }
  /** What the server wrote since the last take(), as hex. */
  take(): string {
    const hex = Buffer.from(this.bytes).toString('hex');
    this.bytes = [];
    return hex;
  }
}

export const pool = (range = '0C0-0C3') => {
  const [a, b] = range.split('-');
  return new AddressPool({ first: parseInt(a!, 16), last: parseInt(b ?? a!, 16) });
};

export const hex = (text: string): Uint8Array => Uint8Array.from(Buffer.from(text.replace(/\s+/g, ''), 'hex'));
export const ascii = (text: string): string => Buffer.from(text, 'latin1').toString('hex');
