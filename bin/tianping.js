#!/usr/bin/env node
// The `tianping` command. Node ≥ 22.18 runs the TypeScript sources directly (type stripping).
import '../src/cli.ts';
