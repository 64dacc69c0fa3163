// Raw key presses for the 3270 keyboard. ink's useInput does not report function keys, Insert or
// Shift-F keys, so this hook takes each key sequence from ink's stdin event stream (already split
// into one key per event by ink's input parser) and decodes it with the 3270 key map.

import { useStdin } from 'ink';
import { useEffect, useRef } from 'react';
import { KeyDecoder, type KeyAction } from './keymap.ts';

export function useKeyInput(handler: (action: KeyAction) => void, active = true): KeyDecoder {
  const { setRawMode, isRawModeSupported, internal_eventEmitter: events } = useStdin();
  const decoder = useRef(new KeyDecoder()).current;
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => {
    if (!active) return;
    if (isRawModeSupported) setRawMode(true);
    const onInput = (data: string) => {
      for (const action of decoder.decode(data)) latest.current(action);
    };
    events?.on('input', onInput);
    return () => {
      events?.removeListener('input', onInput);
      if (isRawModeSupported) setRawMode(false);
    };
  }, [active, events, isRawModeSupported, setRawMode, decoder]);
  return decoder;
}
