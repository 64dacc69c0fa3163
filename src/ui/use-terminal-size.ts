// The size of the user's terminal window, updated when it is resized.

import { useStdout } from 'ink';
import { useEffect, useState } from 'react';

export interface WindowSize {
  columns: number;
  rows: number;
}

/** The window size; `fixed` (tests) overrides what stdout reports. Unknown dimensions count as large. */
export function useTerminalSize(fixed?: WindowSize): WindowSize {
  const { stdout } = useStdout();
  const read = (): WindowSize => fixed ?? { columns: stdout.columns || 1_000, rows: stdout.rows || 1_000 };
  const [size, setSize] = useState(read);
  useEffect(() => {
    if (fixed) {
      setSize(fixed);
      return;
    }
    const onResize = () => setSize(read());
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [stdout, fixed?.columns, fixed?.rows]);
  return size;
}
