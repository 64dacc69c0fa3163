// The channel's timetable: when each subchannel's next step happens. In virtual time a step is due
// at a CPU tick, so the same program gives the same interruptions at the same instructions on every
// run; in real time the same queue is driven by the host clock. Entries are plain data, so the
// queue snapshots with the subchannels it serves.

/** What a subchannel does when its event comes due. */
export type EventKind =
  /** The current command's time is over: chain to the next command or end the channel program. */
  | 'step'
  /** Device end arrives for a device that presented channel end earlier (rewind, seek). */
  | 'deviceEnd';

export interface ChannelEvent {
  tick: number;
  /** Order of scheduling, to keep events at the same tick in a fixed order. */
  seq: number;
  address: number;
  kind: EventKind;
}

export class EventQueue {
  private events: ChannelEvent[] = [];
  private seq = 0;

  add(tick: number, address: number, kind: EventKind): void {
    const event: ChannelEvent = { tick, seq: this.seq++, address, kind };
    let i = this.events.length;
    while (i > 0 && this.events[i - 1]!.tick > tick) i--;
    this.events.splice(i, 0, event);
  }

  /** Removes the events of one device (halt, clear, reset). */
  remove(address: number, kind?: EventKind): void {
    this.events = this.events.filter((e) => e.address !== address || (kind !== undefined && e.kind !== kind));
  }

  has(address: number, kind: EventKind): boolean {
    return this.events.some((e) => e.address === address && e.kind === kind);
  }

  /** The tick of the earliest event, Infinity when there is none. */
  nextTick(): number {
    return this.events.length === 0 ? Infinity : this.events[0]!.tick;
  }

  /** Takes the earliest event if it is due at or before `tick`. */
  takeDue(tick: number): ChannelEvent | undefined {
    const first = this.events[0];
    if (first === undefined || first.tick > tick) return undefined;
    this.events.shift();
    return first;
  }

  clear(): void {
    this.events = [];
  }

  snapshot(): { seq: number; events: ChannelEvent[] } {
    return { seq: this.seq, events: this.events.map((e) => ({ ...e })) };
  }

  restore(state: { seq: number; events: ChannelEvent[] }): void {
    this.seq = state.seq;
    this.events = state.events.map((e) => ({ ...e }));
  }
}
