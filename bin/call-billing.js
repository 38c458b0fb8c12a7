#!/usr/bin/env node
// The `call-billing` command (FORMATS.md "Command line"). The TypeScript in
// src/cli is compiled to dist/ by scripts/build-cli.js on `npm install`.
"use strict"

let cli
try {
  cli = require("../dist/cli/index.js")
} catch (e) {
  if (e && e.code === "MODULE_NOT_FOUND" && String(e.message).includes("dist/cli/index.js")) {
    process.stderr.write("call-billing: not built yet; run `node scripts/build-cli.js` (or `npm install`) first\n")
    process.exit(1)
  }
  throw e
}

cli.main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (e) => {
    process.stderr.write(`call-billing: ${e && e.stack ? e.stack : String(e)}\n`)
    process.exitCode = 1
  }
)
