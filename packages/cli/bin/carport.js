#!/usr/bin/env node
// Entry point kept in plain JavaScript so the `carport` bin exists before the TypeScript build runs.
import '../dist/main.js';
