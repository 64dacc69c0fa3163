// The operator information area under the screen, laid out like a 3278's: readiness and online
// symbols at the left (4A), the input-inhibited indicator (X SYSTEM, X Protected …), insert mode,
// then the device, the model and the cursor position (row/column, 1-origin) at the right.

import { Text } from 'ink';
import type { OperatorInformation } from '../term/screen-model.ts';

export interface OperatorInfoProps {
  info: OperatorInformation;
  columns: number;
  deviceName: string;
  model: string;
  /** A note for the middle of the line: disconnected, a pending Ctrl-A, the help hint. */
  message: string;
  connected: boolean;
  color: boolean;
}

export function operatorInfoText({ info, columns, deviceName, model, message, connected }: Omit<OperatorInfoProps, 'color'>): string {
  const left = `${connected ? '4A' : '4 '} ${(connected ? info.lockText : 'X Not Connected').padEnd(16)}${info.insertMode ? 'INSERT' : '      '}  `;
  const position = `${String(info.cursorRow + 1).padStart(3, '0')}/${String(info.cursorColumn + 1).padStart(3, '0')}`;
  const right = `  ${deviceName} ${model}  ${position}`;
  const room = Math.max(0, columns - left.length - right.length);
  return (left + message.slice(0, room).padEnd(room) + right).slice(0, columns);
}

export function OperatorInfo(props: OperatorInfoProps) {
  const text = operatorInfoText(props);
  return (
    <Text color={props.color ? '#5a8cff' : undefined} wrap="truncate-end">
      {text}
    </Text>
  );
}
