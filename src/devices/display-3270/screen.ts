// What a channel-attached 3270 display needs from the screen model (the 3270 data stream: buffer,
// orders, fields, AIDs; IBM 3270 Information Display System Data Stream Programmer's Reference).
// src/term implements it; the device only moves the bytes of each command to and from it.

export type WriteCommand = 'write' | 'eraseWrite' | 'eraseWriteAlternate';

export interface Screen3270 {
  /** Write, Erase/Write, Erase/Write Alternate: the WCC and the orders and data that follow it. */
  write(command: WriteCommand, data: Uint8Array): void;
  /** Erase All Unprotected: clear the unprotected fields, reset MDTs, unlock the keyboard. */
  eraseAllUnprotected(): void;
  /** Read Buffer: AID, cursor address, then the whole buffer with its field attributes. */
  readBuffer(): Uint8Array;
  /** Read Modified: AID, cursor address and the modified fields (a short read for PA keys and CLEAR). */
  readModified(): Uint8Array;
}
