import { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import jwt from "jsonwebtoken"

/**
 * An emailpass identity for `email`, linked to an actor (`user` or
 * `customer`), and a JWT for it signed with the configured secret.
 */
async function signIn(container: MedusaContainer, email: string, actorType: "user" | "customer", actorId: string) {
  const link = actorType === "user" ? { user_id: actorId } : { customer_id: actorId }
  const identity = await container.resolve(Modules.AUTH).createAuthIdentities({
    provider_identities: [{ provider: "emailpass", entity_id: email }],
    app_metadata: link,
  })
  return jwt.sign({ actor_id: actorId, actor_type: actorType, auth_identity_id: identity.id, app_metadata: link }, process.env.JWT_SECRET || "supersecret", {
    expiresIn: "1d",
  })
}

/**
 * Creates an admin user with an emailpass identity and returns the headers
 * of a signed-in admin (a JWT signed with the configured secret).
 */
export async function adminHeaders(container: MedusaContainer) {
  const email = `admin-${Math.random().toString(36).slice(2)}@call-billing.test`
  const user = await container.resolve(Modules.USER).createUsers({ email, first_name: "Ada", last_name: "Admin" })
  const token = await signIn(container, email, "user", user.id)
  return { headers: { authorization: `Bearer ${token}` }, user }
}

/**
 * Creates a Medusa customer with an emailpass identity and returns it with
 * the headers of that customer signed in to the store (a JWT and a
 * publishable key).
 */
export async function customerHeaders(container: MedusaContainer, email: string) {
  const customer = await container.resolve(Modules.CUSTOMER).createCustomers({ email, company_name: email })
  const token = await signIn(container, email, "customer", customer.id)
  const pk = await container.resolve(Modules.API_KEY).createApiKeys({ title: `store ${email}`, type: "publishable", created_by: "test" })
  return { customer, headers: { authorization: `Bearer ${token}`, "x-publishable-api-key": pk.token } }
}

/** The error body of a failed request made with the suite's axios `api`. */
export async function failure(promise: Promise<any>) {
  try {
    const res = await promise
    throw new Error(`expected the request to fail, got ${res.status}`)
  } catch (e: any) {
    if (!e.response) {
      throw e
    }
    return { status: e.response.status as number, body: e.response.data }
  }
}

export const PROFILE = {
  rules: [
    { band: "peak", days: ["mon", "tue", "wed", "thu", "fri"], from: "08:00", to: "19:00" },
    { band: "offpeak", days: ["mon", "tue", "wed", "thu", "fri"], from: "00:00", to: "24:00" },
    { band: "weekend", days: ["sat", "sun"], from: "00:00", to: "24:00" },
  ],
  holidays: [{ date: "2026-12-25", band: "weekend" }],
}

/** Polls until `check` returns a truthy value (subscribers run after the request that emitted their event). */
export async function eventually<T>(check: () => Promise<T>, what: string, timeoutMs = 15000): Promise<NonNullable<T>> {
  const until = Date.now() + timeoutMs
  let last: unknown
  while (Date.now() < until) {
    try {
      const v = await check()
      if (v) return v as NonNullable<T>
    } catch (e) {
      last = e
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ""}`)
}
