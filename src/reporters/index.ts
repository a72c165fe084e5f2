import { html } from './html.js';
import { json } from './json.js';
import { markdown } from './markdown.js';
import { sarif } from './sarif.js';
import { text } from './text.js';
import type { Format, Reporter } from './types.js';

export const REPORTERS: Record<Format, Reporter> = { text, json, sarif, markdown, html };
