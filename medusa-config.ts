import { defineConfig, loadEnv } from "@medusajs/framework/utils"
import { collectionsOptionsFromEnv } from "./src/modules/billing/integrations/options"

loadEnv(process.env.NODE_ENV || "development", process.cwd())

/**
 * Hosts the plugin's own `src/` as a Medusa application: for development,
 * the demo and the HTTP tests. Users install the built plugin with
 * `plugins: [{ resolve: "call-billing", options: {} }]` instead.
 */
module.exports = defineConfig({
  projectConfig: {
    databaseUrl: process.env.DATABASE_URL,
    redisUrl: process.env.REDIS_URL,
    http: {
      storeCors: process.env.STORE_CORS || "http://localhost:8000",
      adminCors: process.env.ADMIN_CORS || "http://localhost:9000,http://localhost:5173",
      authCors: process.env.AUTH_CORS || "http://localhost:9000,http://localhost:5173,http://localhost:8000",
      jwtSecret: process.env.JWT_SECRET || "supersecret",
      cookieSecret: process.env.COOKIE_SECRET || "supersecret",
    },
  },
  admin: {
    disable: process.env.ADMIN_DISABLED === "true",
  },
  modules: [
    { resolve: "./src/modules/rating" },
    // Stripe, Xero and notification options from CALL_BILLING_* variables (a
    // user's app passes them as the plugin's options instead)
    { resolve: "./src/modules/billing", options: collectionsOptionsFromEnv() },
    { resolve: "./src/modules/metering" },
    {
      // the local provider logs and stores notifications: email in dev and tests
      resolve: "@medusajs/medusa/notification",
      options: {
        providers: [
          { resolve: "@medusajs/medusa/notification-local", id: "local", options: { name: "Local", channels: ["email", "feed"] } },
        ],
      },
    },
  ],
})
