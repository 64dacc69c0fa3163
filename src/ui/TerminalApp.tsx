// The local 3270 terminal in the user's terminal window: the screen, the operator information
// line, the key map on request, and a clear message when the window is too small.

import { Box, useApp } from 'ink';
import { useEffect, useRef, useState } from 'react';
import type { LocalTerminal } from '../term/local-terminal.ts';
import { KeyHelp } from './KeyHelp.tsx';
import type { KeyAction, ScreenSwitch } from './keymap.ts';
import { OperatorInfo } from './OperatorInfo.tsx';
import { ScreenView } from './ScreenView.tsx';
import { applyKeyAction } from './terminal-actions.ts';
import { TooSmall } from './TooSmall.tsx';
import { useKeyInput } from './use-key-input.ts';
import { useScreenVersion } from './use-screen-version.ts';
import { useTerminalSize, type WindowSize } from './use-terminal-size.ts';

export interface TerminalAppProps {
  terminal: LocalTerminal;
  /** Draw 3279 colours (the caller knows whether the user's terminal has colour). */
  color?: boolean;
  /** Makes a new terminal on the same host after a disconnect (Ctrl-A r). */
  reconnect?: () => LocalTerminal;
  /** The user quit (Ctrl-A q). */
  onQuit?: () => void;
  /** The host sounded the alarm (WCC bit). */
  onAlarm?: () => void;
  /** Fixed window size (tests); default: the real terminal, following resizes. */
  windowSize?: WindowSize;
  /** A short note for the operator information line, e.g. where TN3270 clients connect. */
  status?: string;
  /** Ctrl-A o / t / +: the person at the keyboard asks for another screen (SystemApp decides). */
  onSwitch?: (to: ScreenSwitch) => void;
}

const HELP_HINT = 'Ctrl-A ? keys';

export function TerminalApp({ terminal: initial, color = false, reconnect, onQuit, onAlarm, windowSize, status, onSwitch }: TerminalAppProps) {
  const { exit } = useApp();
  const [terminal, setTerminal] = useState(initial);
  const [help, setHelp] = useState(false);
  const [prefix, setPrefix] = useState(false);
  const window = useTerminalSize(windowSize);
  const screen = terminal.screen;
  const version = useScreenVersion(screen);
  const heard = useRef({ screen, alarms: screen.alarms });

  useEffect(() => setTerminal(initial), [initial]);
  useEffect(() => {
    // Ring once for each Write whose WCC sounded the alarm (a new screen starts silent).
    if (heard.current.screen !== screen) heard.current = { screen, alarms: screen.alarms };
    if (screen.alarms !== heard.current.alarms) {
      heard.current.alarms = screen.alarms;
      onAlarm?.();
    }
  }, [version, screen, onAlarm]);

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
    if (action.kind === 'help') {
      setHelp(true);
      return;
    }
    if (action.kind === 'switch') {
      onSwitch?.(action.to);
      return;
    }
    if (action.kind === 'reconnect') {
      if (!terminal.connected && reconnect) setTerminal(reconnect());
      return;
    }
    if (terminal.connected) applyKeyAction(terminal, action);
  });

  const model = `${terminal.info.model.family}-${terminal.info.model.model}`;
  const needColumns = screen.columns;
  const needRows = screen.rows + 1;
  if (window.columns < needColumns || window.rows < needRows) {
    return <TooSmall window={window} needColumns={needColumns} needRows={needRows} model={model} />;
  }
  const message = !terminal.connected
    ? `Disconnected (${terminal.disconnectReason ?? ''}): Ctrl-A r reconnects`
    : prefix
      ? 'Ctrl-A ...'
      : status
        ? `${status} | ${HELP_HINT}`
        : HELP_HINT;
  return (
    <Box flexDirection="column">
      {help ? (
        <KeyHelp columns={screen.columns} rows={screen.rows} />
      ) : (
        <ScreenView screen={screen} color={color} showCursor={terminal.connected} version={version} />
      )}
      <OperatorInfo
        info={screen.operatorInformation()}
        columns={screen.columns}
        deviceName={terminal.info.deviceName}
        model={model}
        message={message}
        connected={terminal.connected}
        color={color}
      />
    </Box>
  );
}
