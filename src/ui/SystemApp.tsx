// The terminal window of `vm370 start`: the person at the keyboard sits at the system's local
// terminals, one or more local 3270s and the operator's system console, and switches between them
// (Ctrl-A o the console, Ctrl-A t the next 3270, Ctrl-A + a new 3270; keymap.ts). The first
// screen is a local 3270 with the logo. Only the screen shown reads the keyboard; the others run
// on (their host keeps writing to them).

import { useState } from 'react';
import type { SystemConsole } from '../cp/operator/system-console.ts';
import type { LocalTerminal } from '../term/local-terminal.ts';
import type { ScreenSwitch } from './keymap.ts';
import { OperatorConsoleView } from './OperatorConsoleView.tsx';
import { TerminalApp } from './TerminalApp.tsx';
import type { WindowSize } from './use-terminal-size.ts';

export interface SystemAppProps {
  /** Makes a local 3270 connected to the host (the first screen, Ctrl-A +, and reconnects). */
  newTerminal: () => LocalTerminal;
  /** The system console (absent when the host is not CP, e.g. --demo). */
  console?: SystemConsole;
  color?: boolean;
  onQuit?: () => void;
  onAlarm?: () => void;
  windowSize?: WindowSize;
  /** A short note for the status lines, e.g. where TN3270 clients connect. */
  status?: string;
}

interface Screens {
  terminals: LocalTerminal[];
  /** Index of the 3270 shown, or -1 for the operator console. */
  shown: number;
  /** The 3270 to go back to from the console. */
  last: number;
}

export function SystemApp({ newTerminal, console, color, onQuit, onAlarm, windowSize, status }: SystemAppProps) {
  const [screens, setScreens] = useState<Screens>(() => ({ terminals: [newTerminal()], shown: 0, last: 0 }));

  const switchTo = (to: ScreenSwitch) => {
    if (to === 'new') {
      const fresh = newTerminal();
      setScreens((s) => {
        const terminals = [...s.terminals, fresh];
        return { terminals, shown: terminals.length - 1, last: terminals.length - 1 };
      });
      return;
    }
    setScreens((s) => {
      if (to === 'operator') return console ? { ...s, shown: -1, last: s.shown < 0 ? s.last : s.shown } : s;
      const next = s.shown < 0 ? s.last : (s.shown + 1) % s.terminals.length;
      return { ...s, shown: next, last: next };
    });
  };

  /** Ctrl-A r on a disconnected 3270: a new one takes its place. */
  const reconnect = (index: number) => (): LocalTerminal => {
    const fresh = newTerminal();
    setScreens((s) => ({ ...s, terminals: s.terminals.map((t, i) => (i === index ? fresh : t)) }));
    return fresh;
  };

  const count = screens.terminals.length;
  if (screens.shown < 0 && console) {
    return <OperatorConsoleView console={console} onSwitch={switchTo} onQuit={onQuit} windowSize={windowSize} status={status} />;
  }
  const index = Math.max(0, screens.shown);
  const where = count > 1 ? `${index + 1}/${count}` : '';
  const note = [status, where, console ? 'Ctrl-A o console' : ''].filter((x) => x).join(' | ');
  return (
    <TerminalApp
      key={index}
      terminal={screens.terminals[index]!}
      color={color}
      reconnect={reconnect(index)}
      onQuit={onQuit}
      onAlarm={onAlarm}
      windowSize={windowSize}
      status={note}
      onSwitch={switchTo}
    />
  );
}
