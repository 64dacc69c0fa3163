// Device addresses for terminals, as a VM/370 real I/O configuration lists them (RDEVICE
// ADDRESS=0C0 … for a range of 3277/3278 displays). Each TN3270 session takes the lowest free
// address; a TN3270E client may ask for one by name (CONNECT 0C5).

import { deviceName } from './host.ts';
import type { Allocation, DeviceAllocator } from './tn3270-session.ts';

export interface AddressRange {
  readonly first: number;
  readonly last: number;
}

/** Parses '0C0-0DF' (hex, inclusive) or a single address '0C0'. */
export function parseAddressRange(text: string): AddressRange {
  const match = /^\s*([0-9a-f]{1,4})\s*(?:-\s*([0-9a-f]{1,4}))?\s*$/i.exec(text);
  if (!match) throw new Error(`'${text}' is not an address range like 0C0-0DF`);
  const first = parseInt(match[1]!, 16);
  const last = match[2] === undefined ? first : parseInt(match[2], 16);
  if (last < first) throw new Error(`address range ${text} ends before it starts`);
  return { first, last };
}

export class AddressPool implements DeviceAllocator {
  private readonly used = new Set<number>();

  constructor(readonly range: AddressRange) {}

  get inUse(): number {
    return this.used.size;
  }

  allocate(requested?: string): Allocation {
    if (requested !== undefined) {
      if (!/^[0-9a-f]{1,4}$/i.test(requested)) return { ok: false, reason: 'invalid-name' };
      const address = parseInt(requested, 16);
      if (address < this.range.first || address > this.range.last) return { ok: false, reason: 'invalid-name' };
      if (this.used.has(address)) return { ok: false, reason: 'in-use' };
      this.used.add(address);
      return { ok: true, address, name: deviceName(address) };
    }
    for (let address = this.range.first; address <= this.range.last; address++) {
      if (!this.used.has(address)) {
        this.used.add(address);
        return { ok: true, address, name: deviceName(address) };
      }
    }
    return { ok: false, reason: 'none-free' };
  }

  release(address: number): void {
    this.used.delete(address);
  }
}
