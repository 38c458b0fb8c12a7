// Lets plain Node `require()` the engine's TypeScript sources: each .ts file
// is transpiled on load with @swc/core (already a dev dependency, used by
// jest) to CommonJS ES2021. No type checking, no files written.
const fs = require("fs")
const swc = require("@swc/core")

require.extensions[".ts"] = function (module, filename) {
  const source = fs.readFileSync(filename, "utf8")
  const { code } = swc.transformSync(source, {
    filename,
    sourceMaps: false,
    jsc: { parser: { syntax: "typescript" }, target: "es2021" },
    module: { type: "commonjs" },
  })
  module._compile(code, filename)
}
