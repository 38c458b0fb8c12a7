/**
 * Demo data for call-billing: a time profile, sell, inbound, override and
 * carrier cards with realistic decks, three tenants (Medusa customers with
 * billing accounts) and their card assignments.
 *
 *   npx medusa exec ./src/scripts/seed-demo.ts
 *
 * Idempotent: everything is looked up by its natural key (profile and card
 * code, version checksum, customer email, account code, assignment slot)
 * and only what is missing is created, through the plugin's workflows. A
 * second run changes nothing and says so.
 */
import { seedBilling } from "./demo-data/billing"
import { createHash } from "crypto"
import fs from "fs"
import os from "os"
import path from "path"
import { ExecArgs } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createCustomersWorkflow } from "@medusajs/medusa/core-flows"
import {
  assignRateCardWorkflow,
  createBillingAccountsWorkflow,
  createRateCardsWorkflow,
  createTimeProfilesWorkflow,
  importRateDeckWorkflow,
  importUsageWorkflow,
  publishRateCardVersionWorkflow,
} from "../workflows"
import {
  DEMO_ASSIGNMENTS,
  DEMO_CARDS,
  DEMO_EFFECTIVE_FROM,
  DEMO_TENANTS,
  DemoCard,
  UK_BUSINESS_PROFILE,
} from "./demo-data/catalog"
import { toDeckCsv } from "./demo-data/decks"
import { demoCdrCsv } from "./demo-data/usage"

const SEEDED_BY = "seed-demo"

type Query = { graph: (config: any) => Promise<{ data: any[] }> }
type Log = (message: string) => void

export default async function seedDemo({ container }: ExecArgs) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const query: Query = container.resolve(ContainerRegistrationKeys.QUERY)
  const log: Log = (message) => logger.info(`[seed-demo] ${message}`)

  const profileIds = await seedTimeProfile(container, query, log)
  const cardIds: Record<string, string> = {}
  for (const card of DEMO_CARDS) {
    cardIds[card.code] = await seedCard(container, query, log, card, profileIds)
  }
  const accountIds = await seedTenants(container, query, log)
  await seedAssignments(container, query, log, cardIds, accountIds)
  await seedUsage(container, log)
  await seedBilling(container, log)
  await printSummary(query, log)
}

async function seedTimeProfile(container: ExecArgs["container"], query: Query, log: Log) {
  const { data: existing } = await query.graph({
    entity: "time_profile",
    fields: ["id", "code"],
    filters: { code: UK_BUSINESS_PROFILE.code },
  })
  if (existing.length) {
    log(`time profile ${UK_BUSINESS_PROFILE.code}: exists, reused`)
    return { [UK_BUSINESS_PROFILE.code]: existing[0].id as string }
  }
  const { result } = await createTimeProfilesWorkflow(container).run({
    input: { time_profiles: [UK_BUSINESS_PROFILE] },
  })
  log(`time profile ${UK_BUSINESS_PROFILE.code}: created`)
  return { [UK_BUSINESS_PROFILE.code]: result[0].id as string }
}

/** The card, then its 2026 version: imported and published unless already there. */
async function seedCard(
  container: ExecArgs["container"],
  query: Query,
  log: Log,
  card: DemoCard,
  profileIds: Record<string, string>
): Promise<string> {
  const { data: found } = await query.graph({
    entity: "rate_card",
    fields: ["id", "code", "kind", "currency_code", "direction", "carrier"],
    filters: { code: card.code },
  })
  let cardId: string
  if (found.length) {
    cardId = found[0].id
    const drift = (["kind", "currency_code", "direction"] as const).filter(
      (f) => String(found[0][f]) !== String(card[f])
    )
    log(
      `card ${card.code}: exists, reused` +
        (drift.length ? ` (its ${drift.join(", ")} differ from the demo's; left as is)` : "")
    )
  } else {
    const { result } = await createRateCardsWorkflow(container).run({
      input: {
        rate_cards: [
          {
            code: card.code,
            name: card.name,
            description: card.description,
            kind: card.kind,
            currency_code: card.currency_code,
            decimals: card.decimals,
            rounding: card.rounding,
            direction: card.direction,
            carrier: card.carrier ?? null,
            time_profile_id: card.time_profile ? profileIds[card.time_profile] : null,
            metadata: { seeded_by: SEEDED_BY },
          },
        ],
      },
    })
    cardId = result[0].id
    log(`card ${card.code}: created (${card.kind}, ${card.currency_code}, ${card.direction})`)
  }

  const { data: versions } = await query.graph({
    entity: "rate_card_version",
    fields: ["id", "number", "status", "effective_from", "source_sha256", "row_count"],
    filters: { rate_card_id: cardId },
  })
  const published = versions.filter((v) => v.status === "published")
  if (published.length) {
    const ours = published.find(
      (v) => new Date(v.effective_from).getTime() === new Date(DEMO_EFFECTIVE_FROM).getTime()
    )
    log(
      `card ${card.code}: ${published.length} published version(s) already, nothing imported` +
        (ours ? ` (v${ours.number}, ${ours.row_count} rows, from ${DEMO_EFFECTIVE_FROM})` : "")
    )
    return cardId
  }

  const csv = toDeckCsv(card.rows())
  const sha = createHash("sha256").update(csv).digest("hex")
  // a draft from an interrupted run (imported, not yet published) is reused
  let draft = versions.find((v) => v.status === "draft" && v.source_sha256 === sha)
  if (draft) {
    log(`card ${card.code}: draft v${draft.number} with this deck found, reused`)
  } else {
    const { result } = await importRateDeckWorkflow(container).run({
      input: {
        rate_card_id: cardId,
        csv,
        filename: card.filename,
        notes: "demo data",
        created_by: SEEDED_BY,
      },
    })
    if (!result.version) {
      const lines = result.errors.slice(0, 20).map((e: any) => JSON.stringify(e))
      throw new Error(
        `card ${card.code}: the generated deck was rejected (${result.errors.length} bad lines):\n${lines.join("\n")}`
      )
    }
    draft = result.version
    log(`card ${card.code}: imported ${card.filename} as draft v${draft.number} (${draft.row_count} rows)`)
  }
  await publishRateCardVersionWorkflow(container).run({
    input: { version_id: draft.id, effective_from: DEMO_EFFECTIVE_FROM, published_by: SEEDED_BY },
  })
  log(`card ${card.code}: published v${draft.number} effective ${DEMO_EFFECTIVE_FROM}`)
  return cardId
}

/** Each tenant: a Medusa customer (by email), then its billing account (by code) linked to it. */
async function seedTenants(container: ExecArgs["container"], query: Query, log: Log) {
  const ids: Record<string, string> = {}
  for (const t of DEMO_TENANTS) {
    const { data: accounts } = await query.graph({
      entity: "billing_account",
      fields: ["id", "code", "currency_code"],
      filters: { code: t.code },
    })
    if (accounts.length) {
      ids[t.code] = accounts[0].id
      log(`account ${t.code}: exists, reused`)
      continue
    }

    const { data: customers } = await query.graph({
      entity: "customer",
      fields: ["id", "email"],
      filters: { email: t.email },
    })
    let customerId: string
    if (customers.length) {
      customerId = customers[0].id
      log(`customer ${t.email}: exists, reused`)
    } else {
      const { result } = await createCustomersWorkflow(container).run({
        input: {
          customersData: [
            {
              company_name: t.name,
              email: t.email,
              first_name: t.first_name,
              last_name: t.last_name,
              phone: t.phone,
              metadata: { seeded_by: SEEDED_BY },
            },
          ],
        },
      })
      customerId = result[0].id
      log(`customer ${t.email}: created`)
    }

    const { result } = await createBillingAccountsWorkflow(container).run({
      input: {
        billing_accounts: [
          {
            code: t.code,
            name: t.name,
            email: t.email,
            currency_code: t.currency_code,
            timezone: t.timezone,
            country_code: t.country_code,
            international_prefix: t.international_prefix,
            trunk_prefix: t.trunk_prefix,
            metadata: { seeded_by: SEEDED_BY },
            customer_id: customerId,
          },
        ],
      },
    })
    ids[t.code] = result[0].id
    log(`account ${t.code}: created (${t.currency_code}, ${t.timezone}) and linked to ${t.email}`)
  }
  return ids
}

/**
 * Assigns a card only when its slot does not already hold it: assigning
 * replaces the slot's card, so a blind re-run would churn assignments.
 */
async function seedAssignments(
  container: ExecArgs["container"],
  query: Query,
  log: Log,
  cardIds: Record<string, string>,
  accountIds: Record<string, string>
) {
  for (const a of DEMO_ASSIGNMENTS) {
    const accountId = a.account ? accountIds[a.account] : null
    const rateCardId = cardIds[a.card]
    const slot = a.account ? `${a.scope} ${a.direction} of ${a.account}` : `system ${a.direction} default`
    const filters: Record<string, unknown> = { scope: a.scope, direction: a.direction }
    if (accountId) {
      filters.account_id = accountId
    }
    const { data: current } = await query.graph({
      entity: "card_assignment",
      fields: ["id", "scope", "account_id", "direction", "rate_card.id", "rate_card.code"],
      filters,
    })
    const holding = current.filter((c) => (accountId ? true : c.account_id === null))
    if (holding.some((c) => c.rate_card?.id === rateCardId)) {
      log(`${slot}: already ${a.card}`)
      continue
    }
    await assignRateCardWorkflow(container).run({
      input: {
        scope: a.scope,
        account_id: accountId,
        direction: a.direction,
        rate_card_id: rateCardId,
        priority: a.priority ?? 0,
      },
    })
    const was = a.scope === "override" ? [] : holding.map((c) => c.rate_card?.code).filter(Boolean)
    log(`${slot}: ${a.card}${was.length ? ` (was ${was.join(", ")})` : ""}`)
  }
}

/** A month of calls through the real import path; a second run finds them all duplicates. */
async function seedUsage(container: ExecArgs["container"], log: Log) {
  const file = path.join(os.tmpdir(), `call-billing-demo-cdrs-${process.pid}.csv`)
  fs.writeFileSync(file, demoCdrCsv(new Date()))
  try {
    const { result } = await importUsageWorkflow(container).run({
      input: { source: "demo-pbx", channel: "upload", filename: "demo-cdrs.csv", created_by: SEEDED_BY, file: { path: file, format: "generic" } },
    })
    const reasons = Object.entries(result.exception_reasons).map(([r, n]) => `${r} ${n}`).join(", ")
    log(
      `usage: ${result.received} calls read, ${result.inserted} rated and stored, ${result.duplicates} already there, ` +
        `${result.exceptions} to the exception queue${reasons ? ` (${reasons})` : ""}`
    )
  } finally {
    fs.rmSync(file, { force: true })
  }
}

async function printSummary(query: Query, log: Log) {
  const { data: cards } = await query.graph({
    entity: "rate_card",
    fields: [
      "code",
      "kind",
      "currency_code",
      "direction",
      "carrier",
      "time_profile.code",
      "versions.number",
      "versions.status",
      "versions.row_count",
      "versions.effective_from",
    ],
    filters: { code: DEMO_CARDS.map((c) => c.code) },
  })
  const order = DEMO_CARDS.map((c) => c.code)
  cards.sort((a, b) => order.indexOf(a.code) - order.indexOf(b.code))
  const lines = ["summary — rate cards:"]
  for (const c of cards) {
    const live = (c.versions ?? []).filter((v: any) => v.status === "published")
    const v = live.sort((x: any, y: any) => y.number - x.number)[0]
    lines.push(
      `  ${c.code.padEnd(16)} ${c.kind.padEnd(4)} ${c.currency_code} ${c.direction.padEnd(8)} ` +
        `${(c.carrier ?? c.time_profile?.code ?? "").padEnd(11)} ` +
        (v ? `v${v.number} ${String(v.row_count).padStart(5)} rows from ${new Date(v.effective_from).toISOString()}` : "no published version")
    )
  }
  const { data: accounts } = await query.graph({
    entity: "billing_account",
    fields: ["id", "code", "name", "currency_code", "timezone", "country_code", "international_prefix"],
    filters: { code: DEMO_TENANTS.map((t) => t.code) },
  })
  const { data: assignments } = await query.graph({
    entity: "card_assignment",
    fields: ["scope", "account_id", "direction", "rate_card.code"],
  })
  lines.push("summary — billing accounts:")
  for (const a of accounts) {
    const cardsOf = assignments
      .filter((x) => x.account_id === a.id)
      .map((x) => `${x.scope} ${x.direction} ${x.rate_card?.code}`)
    lines.push(
      `  ${a.code.padEnd(8)} ${a.name.padEnd(24)} ${a.currency_code} ${a.timezone.padEnd(17)} ` +
        `+${a.country_code} intl ${a.international_prefix}; ${cardsOf.join(", ") || "system cards only"}`
    )
  }
  const system = assignments.filter((x) => x.scope === "system")
  lines.push(`summary — system defaults: ${system.map((x) => `${x.direction} ${x.rate_card?.code}`).join(", ")}`)
  lines.forEach((l) => log(l))
}
