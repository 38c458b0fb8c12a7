#!/usr/bin/env node
// Compiles the dependency-free parts the `call-billing` command needs (the CLI,
// the rating engine, the file formats) into dist/, so `npx call-billing` works
// right after `npm install` in a fresh clone, with no database and no server.
const { spawnSync } = require("child_process")
const path = require("path")
const fs = require("fs")

const root = path.resolve(__dirname, "..")
const tsc = path.join(root, "node_modules", "typescript", "bin", "tsc")
if (!fs.existsSync(tsc) || !fs.existsSync(path.join(root, "src", "cli", "index.ts"))) {
  // Installed as a dependency of someone else's app: dist/ ships in the package.
  process.exit(0)
}
const res = spawnSync(process.execPath, [tsc, "-p", path.join(root, "tsconfig.cli.json")], {
  stdio: "inherit",
  cwd: root,
})
process.exit(res.status ?? 1)
