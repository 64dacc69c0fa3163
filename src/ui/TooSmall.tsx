// Shown instead of the screen when the window cannot hold it: a clipped 3270 screen would be wrong.

import { Box, Text } from 'ink';

export interface TooSmallProps {
  window: { columns: number; rows: number };
  needColumns: number;
  needRows: number;
  model: string;
}

export function TooSmall({ window, needColumns, needRows, model }: TooSmallProps) {
  return (
    <Box flexDirection="column">
      <Text>
        The window is {window.columns}x{window.rows}; the {model} screen needs {needColumns}x{needRows}.
      </Text>
      <Text>Make the window larger (it redraws at once), or press Ctrl-A q to quit.</Text>
    </Box>
  );
}
