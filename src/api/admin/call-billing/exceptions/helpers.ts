import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"

export type ExceptionListFilters = {
  status?: string
  reason?: string
  source?: string
  account_code?: string
  import_job_id?: string
  q?: string
}

/** `%` and `_` match themselves in a search for part of a call id. */
const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`)

/** The list filters as query.graph filters (q: part of the record key, case-insensitive). */
export function graphFilters(f: ExceptionListFilters): Record<string, unknown> {
  const { q, ...rest } = f
  const filters: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(rest)) if (v !== undefined && v !== "") filters[k] = v
  if (q) filters.record_key = { $ilike: `%${likeEscape(q)}%` }
  return filters
}

/**
 * How many exceptions of each reason the filter holds, leaving the reason
 * filter out (the counts are the choices of that filter). One GROUP BY.
 *
 * @example
 * await countByReason(req.scope, { status: "open", import_job_id: "ijob_1" }) // { no_rate: 1, invalid_number: 1 }
 */
export async function countByReason(scope: MedusaContainer, f: ExceptionListFilters): Promise<Record<string, number>> {
  const knex = scope.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  const q = knex("call_billing_usage_exception").whereNull("deleted_at")
  if (f.status) q.where("status", f.status)
  if (f.source) q.where("source", f.source)
  if (f.account_code) q.where("account_code", f.account_code)
  if (f.import_job_id) q.where("import_job_id", f.import_job_id)
  if (f.q) q.whereRaw(`record_key ILIKE ?`, [`%${likeEscape(f.q)}%`])
  const rows = await q.select("reason").count("* as n").groupBy("reason").orderBy("reason")
  const out: Record<string, number> = {}
  for (const r of rows as Array<{ reason: string; n: string | number }>) out[r.reason] = Number(r.n)
  return out
}
