// The Stripe and Xero stand-ins of the tests (integration-tests/stand-ins/*.ts),
// loaded for the demo: a new user sees invoices reach "Stripe" and "Xero"
// and pays one on the stand-in's hosted invoice page, with no account anywhere.
// The TypeScript is compiled in memory with @swc/core (the test transformer).
"use strict"

const crypto = require("crypto")
const fs = require("fs")
const Module = require("module")
const path = require("path")

const ROOT = path.join(__dirname, "..", "..")

function loadTs(file) {
  const { transformSync } = require("@swc/core")
  const out = transformSync(fs.readFileSync(file, "utf8"), {
    filename: file,
    jsc: { parser: { syntax: "typescript" }, target: "es2021" },
    module: { type: "commonjs" },
  })
  const m = new Module(file, module)
  m.filename = file
  m.paths = Module._nodeModulePaths(path.dirname(file))
  m._compile(out.code, file)
  return m.exports
}

/**
 * Starts both stand-ins and points the plugin's options (CALL_BILLING_* in
 * `env`) at them, unless the environment configures a real Stripe or Xero.
 * Stripe's hosted invoice page posts signed `invoice.paid` events to the app.
 */
async function startCollectionsStandIns(env, appPort) {
  const started = {}
  if (!env.CALL_BILLING_STRIPE_SECRET_KEY) {
    const { startStripeStandIn } = loadTs(path.join(ROOT, "integration-tests", "stand-ins", "stripe.ts"))
    const webhookSecret = "whsec_demo_" + crypto.randomBytes(12).toString("hex")
    const opts = { webhookSecret, webhookUrl: `http://localhost:${appPort}/call-billing/stripe/webhook` }
    started.stripe = await startStripeStandIn({ ...opts, port: Number(process.env.DEMO_STRIPE_PORT || 12111) }).catch(() => startStripeStandIn(opts))
    Object.assign(env, {
      CALL_BILLING_STRIPE_SECRET_KEY: "sk_test_demo",
      CALL_BILLING_STRIPE_WEBHOOK_SECRET: webhookSecret,
      CALL_BILLING_STRIPE_API_URL: started.stripe.url,
    })
  }
  if (!env.CALL_BILLING_XERO_CLIENT_ID) {
    const { startXeroStandIn } = loadTs(path.join(ROOT, "integration-tests", "stand-ins", "xero.ts"))
    const opts = { clientId: "demo-client", clientSecret: "demo-secret", tenants: ["demo-tenant"], baseCurrency: "GBP" }
    started.xero = await startXeroStandIn(opts)
    Object.assign(env, {
      CALL_BILLING_XERO_CLIENT_ID: "demo-client",
      CALL_BILLING_XERO_CLIENT_SECRET: "demo-secret",
      CALL_BILLING_XERO_TENANT_ID: "demo-tenant",
      CALL_BILLING_XERO_TOKEN_URL: started.xero.token_url,
      CALL_BILLING_XERO_API_BASE: started.xero.api_base,
      // the demo's tax codes (src/scripts/demo-data/billing.ts) → Xero tax types
      CALL_BILLING_XERO_TAX_TYPES: JSON.stringify({ vat: "OUTPUT2", gst: "OUTPUT", usf: "NONE" }),
    })
  }
  return {
    ...started,
    async stop() {
      await Promise.all([started.stripe?.close(), started.xero?.close()].filter(Boolean))
    },
  }
}

module.exports = { startCollectionsStandIns, loadTs }
