// The system console in the terminal window: a line-mode view as a 3215 or a 3270 in line mode
// shows it. The output scrolls up from the bottom, the operator types on the input line, and the
// last line says what the console is doing (CP READ, VM READ, RUNNING) and which keys switch
// screens. The lines come from the SystemConsole (src/cp/operator), which keeps them.

import { Box, Text, useApp } from 'ink';
import { useEffect, useRef, useState } from 'react';
import type { SystemConsole } from '../cp/operator/system-console.ts';
import { KeyHelp } from './KeyHelp.tsx';
import type { KeyAction, ScreenSwitch } from './keymap.ts';
import { useKeyInput } from './use-key-input.ts';
import { useTerminalSize, type WindowSize } from './use-terminal-size.ts';

export interface OperatorConsoleViewProps {
  console: SystemConsole;
  /** Ctrl-A t / +: back to a local 3270, or a new one. */
  onSwitch?: (to: ScreenSwitch) => void;
  onQuit?: () => void;
  windowSize?: WindowSize;
  /** A short note for the status line, e.g. where TN3270 clients connect. */
  status?: string;
}

/** Re-renders whenever the console changes. */
function useConsoleVersion(console: SystemConsole): number {
  const [version, setVersion] = useState(console.version);
  useEffect(() => {
    setVersion(console.version);
    return console.subscribe(() => setVersion(console.version));
  }, [console]);
  return version;
}

/** Long lines fold at the window's width, as a line-mode terminal prints them. */
function fold(text: string, width: number): string[] {
  if (text.length <= width) return [text];
  const out: string[] = [];
  for (let i = 0; i < text.length; i += width) out.push(text.slice(i, i + width));
  return out;
}

/** The rows the output area shows: the newest lines that fit, the oldest at the top. */
export function consoleRows(console: SystemConsole, columns: number, rows: number): string[] {
  const out: string[] = [];
  const lines = console.history();
  for (let i = lines.length - 1; i >= 0 && out.length < rows; i--) {
    const folded = fold(lines[i]!.text, columns);
    for (let j = folded.length - 1; j >= 0 && out.length < rows; j--) out.push(folded[j]!);
  }
  return out.reverse();
}

export function OperatorConsoleView({ console, onSwitch, onQuit, windowSize, status }: OperatorConsoleViewProps) {
  const { exit } = useApp();
  const window = useTerminalSize(windowSize);
  useConsoleVersion(console);
  // The input line lives in a ref so that text and ENTER arriving in one read see each other.
  const typed = useRef('');
  const [input, setInputState] = useState('');
  const setInput = (next: string | ((s: string) => string)) => {
    typed.current = typeof next === 'function' ? next(typed.current) : next;
    setInputState(typed.current);
  };
  const [help, setHelp] = useState(false);
  const [prefix, setPrefix] = useState(false);
  const [recall, setRecall] = useState<{ lines: string[]; at: number }>({ lines: [], at: 0 });

  useKeyInput((action: KeyAction) => {
    setPrefix(action.kind === 'prefix');
    if (action.kind === 'prefix') return;
    if (action.kind === 'quit') {
      onQuit?.();
      exit();
      return;
    }
    if (help) {
      setHelp(false);
      return;
    }
    switch (action.kind) {
      case 'help':
        setHelp(true);
        return;
      case 'switch':
        if (action.to !== 'operator') onSwitch?.(action.to);
        return;
      case 'text':
        setInput((s) => s + action.text);
        return;
      case 'backspace':
        setInput((s) => s.slice(0, -1));
        return;
      case 'erase-input':
      case 'erase-eof':
      case 'clear':
      case 'reset':
        setInput('');
        return;
      case 'pa':
        // PA1 is the attention key: the operator's machine stops in CP READ.
        if (action.n === 1) console.attention();
        return;
      case 'cursor': {
        if (action.rows === 0 || recall.lines.length === 0) return;
        const at = Math.max(0, Math.min(recall.lines.length, recall.at + action.rows));
        setRecall({ ...recall, at });
        setInput(recall.lines[at] ?? '');
        return;
      }
      case 'enter':
      case 'newline': {
        const line = typed.current;
        setInput('');
        if (!console.hiddenInput && line.trim() !== '') {
          const lines = [...recall.lines, line].slice(-50);
          setRecall({ lines, at: lines.length });
        }
        console.enter(line);
        return;
      }
      default:
        return;
    }
  });

  const columns = Math.max(20, window.columns);
  const outputRows = Math.max(1, window.rows - 2);
  if (help) return <KeyHelp columns={columns} rows={window.rows - 1} />;
  const rows = consoleRows(console, columns, outputRows);
  while (rows.length < outputRows) rows.unshift('');
  const shown = console.hiddenInput ? '' : input;
  const inputLine = `${shown}\u2588`.slice(-columns);
  const who = console.user?.userid ?? '';
  const left = `SYSTEM CONSOLE ${who.padEnd(8)} ${console.currentStatus().padEnd(13)}`;
  const note = prefix ? 'Ctrl-A ...' : `${status ? `${status} | ` : ''}Ctrl-A t 3270 | Ctrl-A ? keys`;
  const statusLine = `${left} ${note}`.slice(0, columns);
  return (
    <Box flexDirection="column">
      {rows.map((row, i) => (
        <Text key={i} wrap="truncate-end">
          {row === '' ? ' ' : row}
        </Text>
      ))}
      <Text wrap="truncate-end">{inputLine}</Text>
      <Text inverse wrap="truncate-end">
        {statusLine.padEnd(columns)}
      </Text>
    </Box>
  );
}
