#!/usr/bin/env node
import { main } from '../dist/src/cli/main.js';

// exitCode rather than process.exit(): pending writes to stdout drain first.
process.exitCode = await main(process.argv.slice(2));
