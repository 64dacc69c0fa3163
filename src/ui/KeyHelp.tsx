// The key map, shown in place of the screen until the next key.

import { Box, Text } from 'ink';
import { KEY_HELP } from './keymap.ts';

export function KeyHelp({ columns, rows }: { columns: number; rows: number }) {
  const keyWidth = Math.max(...KEY_HELP.map(([key]) => key.length)) + 2;
  return (
    <Box flexDirection="column" width={columns} height={rows}>
      <Text bold>vm370 3270 terminal keys (press any key to go back)</Text>
      <Text> </Text>
      {KEY_HELP.map(([key, meaning]) => (
        <Text key={key} wrap="truncate-end">
          {'  ' + key.padEnd(keyWidth) + meaning}
        </Text>
      ))}
    </Box>
  );
}
