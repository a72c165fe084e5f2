import type { Format, Reporter } from './types.js';

// PLACEHOLDER: the reporters work replaces this with text/json/sarif/markdown/html.
const json: Reporter = (result) => JSON.stringify(result.findings, null, 2) + '\n';

export const REPORTERS: Partial<Record<Format, Reporter>> = { json, text: json };
