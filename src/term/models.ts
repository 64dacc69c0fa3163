// 3270 display models (IBM 3270 Information Display System Component Description): every model
// has the 24x80 default screen (Erase/Write); models 3, 4 and 5 add an alternate screen size
// (Erase/Write Alternate). A 3278 is monochrome, a 3279 has colour. Telnet terminal types name
// them as IBM-3278-2 … IBM-3279-5, with -E when the client handles the extended data stream
// (structured fields, extended attributes); IBM-DYNAMIC means "ask me with a Query".

export type ModelNumber = 2 | 3 | 4 | 5;

export interface TerminalModel {
  /** 3277, 3278 or 3279. */
  readonly family: 3277 | 3278 | 3279;
  readonly model: ModelNumber;
  /** The default screen: always 24x80. */
  readonly defaultRows: number;
  readonly defaultColumns: number;
  /** The alternate screen (24x80 on a model 2). */
  readonly alternateRows: number;
  readonly alternateColumns: number;
  /** Colour (a 3279). */
  readonly color: boolean;
  /** Extended data stream: WSF, SFE, SA, MF and query replies. */
  readonly extended: boolean;
}

export const MODEL_SIZES: Readonly<Record<ModelNumber, { rows: number; columns: number }>> = {
  2: { rows: 24, columns: 80 },
  3: { rows: 32, columns: 80 },
  4: { rows: 43, columns: 80 },
  5: { rows: 27, columns: 132 },
};

export function terminalModel(
  family: 3277 | 3278 | 3279,
  model: ModelNumber,
  extended = family !== 3277,
): TerminalModel {
  const alt = MODEL_SIZES[model];
  return {
    family,
    model,
    defaultRows: 24,
    defaultColumns: 80,
    alternateRows: alt.rows,
    alternateColumns: alt.columns,
    color: family === 3279,
    extended,
  };
}

/** A model with any alternate size (what an IBM-DYNAMIC client reports in its query reply). */
export function dynamicModel(rows: number, columns: number, color: boolean): TerminalModel {
  const model = (Object.entries(MODEL_SIZES).find(([, s]) => s.rows === rows && s.columns === columns)?.[0] ?? '2') as
    | '2'
    | '3'
    | '4'
    | '5';
  return {
    family: color ? 3279 : 3278,
    model: Number(model) as ModelNumber,
    defaultRows: 24,
    defaultColumns: 80,
    alternateRows: rows,
    alternateColumns: columns,
    color,
    extended: true,
  };
}

/** The telnet terminal type for a model: IBM-3279-2-E. */
export function terminalTypeName(model: TerminalModel): string {
  return `IBM-${model.family}-${model.model}${model.extended && model.family !== 3277 ? '-E' : ''}`;
}

export type ParsedTerminalType =
  | { kind: 'model'; model: TerminalModel }
  | { kind: 'dynamic' }
  | { kind: 'unsupported'; reason: string };

/**
 * Reads a terminal type as sent in TERMINAL-TYPE IS or TN3270E DEVICE-TYPE REQUEST. Accepts
 * IBM-3277-2, IBM-3278-2 … 5 and IBM-3279-2 … 5, with or without -E (case-insensitive), and
 * IBM-DYNAMIC. Printers (IBM-3287-1) and anything else are unsupported.
 */
export function parseTerminalType(name: string): ParsedTerminalType {
  const upper = name.trim().toUpperCase();
  if (upper === 'IBM-DYNAMIC') return { kind: 'dynamic' };
  const match = /^IBM-(327[789])-([2-5])(-E)?$/.exec(upper);
  if (!match) {
    if (upper.startsWith('IBM-3287')) return { kind: 'unsupported', reason: 'printers are not supported' };
    return { kind: 'unsupported', reason: `unknown terminal type '${name}'` };
  }
  const family = Number(match[1]) as 3277 | 3278 | 3279;
  const model = Number(match[2]) as ModelNumber;
  if (family === 3277 && model !== 2) return { kind: 'unsupported', reason: 'a 3277 is model 2 only' };
  return { kind: 'model', model: terminalModel(family, model, match[3] !== undefined) };
}

/** Parses a model name as a user writes it: 3278-2, 3279-4, 2, 5 (default family 3279). */
export function parseModelOption(text: string): TerminalModel | undefined {
  const match = /^(?:(327[789])-)?([2-5])$/.exec(text.trim());
  if (!match) return undefined;
  const family = Number(match[1] ?? 3279) as 3277 | 3278 | 3279;
  const model = Number(match[2]) as ModelNumber;
  if (family === 3277 && model !== 2) return undefined;
  return terminalModel(family, model);
}
