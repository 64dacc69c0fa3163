// The VM/370 user directory: USER DIRECT parser, checks, serializer, and the compiled (hashed) form.

export * from './types.ts';
export * from './values.ts';
export * from './device-types.ts';
export { parseUserDirect, tokenize, statementKeyword, INSPECTED_COLUMNS, type ParseOptions, type ParseResult } from './parser.ts';
export { validateDirectory, MAX_BC_MODE_ADDRESS } from './validate.ts';
export { serializeDirectory, serializeUser } from './serializer.ts';
export * from './passwords.ts';
export * from './compile.ts';
