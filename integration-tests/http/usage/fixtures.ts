// Shared set-up of the usage tests: the examples' rating world in a real
// Medusa (examples/README.md): a USD sell card from examples/rates.csv with the
// UK business-hours profile, published from 2026-01-01; carrier-a's buy card;
// the account "acme" (Europe/London, +44) on that card.
import fs from "fs"
import path from "path"

export const EXAMPLES = path.resolve(__dirname, "..", "..", "..", "examples")
export const example = (name: string) => path.join(EXAMPLES, name)

export type RatingWorld = { account: any; card: any; buyCard: any; profile: any }

export async function seedRatingWorld(api: any, headers: Record<string, any>, code = "acme"): Promise<RatingWorld> {
  const post = async (p: string, body: unknown) => (await api.post(p, body, { headers })).data
  const profileJson = JSON.parse(fs.readFileSync(example("profile.json"), "utf8"))
  const { time_profile: profile } = await post("/admin/call-billing/time-profiles", {
    code: `uk-business-${code}`,
    name: "UK business hours",
    ...profileJson,
  })
  const publish = async (card: Record<string, unknown>, file: string) => {
    const { rate_card } = await post("/admin/call-billing/rate-cards", card)
    const { version } = await post(`/admin/call-billing/rate-cards/${rate_card.id}/versions`, {
      csv: fs.readFileSync(example(file), "utf8"),
      filename: file,
    })
    await post(`/admin/call-billing/rate-cards/${rate_card.id}/versions/${version.id}/publish`, {
      effective_from: "2026-01-01T00:00:00Z",
    })
    return rate_card
  }
  const card = await publish(
    { code: `retail-${code}`, name: "Retail", currency_code: "USD", direction: "both", time_profile_id: profile.id },
    "rates.csv"
  )
  const buyCard = await publish(
    { code: `carrier-a-${code}`, name: "Carrier A", kind: "buy", carrier: "carrier-a", currency_code: "USD", direction: "both", time_profile_id: profile.id },
    "carrier-a.csv"
  )
  const { billing_account: account } = await post("/admin/call-billing/billing-accounts", {
    code,
    name: `${code} contact centre`,
    currency_code: "USD",
    timezone: "Europe/London",
    country_code: "44",
  })
  for (const direction of ["outbound", "inbound"]) {
    await post(`/admin/call-billing/billing-accounts/${account.id}/card-assignments`, { direction, rate_card_id: card.id })
  }
  return { account, card, buyCard, profile }
}
