// The 3270 screen: every buffer position as a character cell, styled by its field, with the cursor
// shown as an inverse cell. Runs of cells with the same style become one ink <Text>.

import { Box, Text } from 'ink';
import type { Screen3270 } from '../term/screen-model.ts';
import { cellStyle, sameStyle, type CellStyle } from './screen-style.ts';

export interface ScreenViewProps {
  screen: Screen3270;
  /** Render 3279 colours (a colour terminal and a colour model). */
  color: boolean;
  /** Show the cursor (hidden when the terminal is disconnected). */
  showCursor: boolean;
  /** The model's change count: passing it re-renders this view when the screen changes. */
  version: number;
}

interface Segment {
  text: string;
  style: CellStyle;
}

export function ScreenView({ screen, color, showCursor }: ScreenViewProps) {
  const cells = screen.cells();
  const cursorRow = Math.floor(screen.cursor / screen.columns);
  const cursorColumn = screen.cursor % screen.columns;
  return (
    <Box flexDirection="column" width={screen.columns}>
      {cells.map((row, r) => {
        const segments: Segment[] = [];
        row.forEach((cell, c) => {
          const style = cellStyle(cell, color, showCursor && r === cursorRow && c === cursorColumn);
          const last = segments[segments.length - 1];
          if (last && sameStyle(last.style, style)) last.text += cell.text;
          else segments.push({ text: cell.text, style });
        });
        return (
          <Text key={r} wrap="truncate-end">
            {segments.map((segment, i) => (
              <Text
                key={i}
                color={segment.style.color}
                bold={segment.style.bold}
                underline={segment.style.underline}
                inverse={segment.style.inverse}
              >
                {segment.text}
              </Text>
            ))}
          </Text>
        );
      })}
    </Box>
  );
}
