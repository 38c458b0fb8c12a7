import fs from "fs"
import os from "os"
import path from "path"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { importUsageWorkflow } from "../../../src/workflows/metering/workflows/import-usage"
import { adminHeaders, failure } from "../helpers"
import { example, seedRatingWorld, type RatingWorld } from "../usage/fixtures"

jest.setTimeout(240 * 1000)

const X = "/admin/call-billing/exceptions"

// calls for accounts that do not exist yet: two for "globex", one for "nobody"
const UNKNOWN_ACCOUNTS = `call_id,account,direction,callee,answer_time,duration,billsec,disposition
g-1,globex,outbound,+44 20 7946 0018,2026-03-02T09:15:07Z,67,61,ANSWERED
g-2,globex,outbound,01632 960123,2026-03-02T10:02:11Z,191,185,ANSWERED
n-1,nobody,outbound,01632 960123,2026-03-02T10:02:11Z,191,185,ANSWERED
`

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer, dbConnection }) => {
    let headers: Record<string, any>
    let user: any
    let world: RatingWorld
    let tmp: string

    beforeEach(async () => {
      ;({ headers, user } = await adminHeaders(getContainer()))
      world = await seedRatingWorld(api, { ...headers })
      tmp = fs.mkdtempSync(path.join(os.tmpdir(), "cb-exceptions-"))
    })
    afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }))

    const get = async (p: string, params?: Record<string, unknown>) => (await api.get(p, { headers, params })).data
    const post = async (p: string, body: unknown) => (await api.post(p, body, { headers })).data
    const importFile = async (file: string, source: string) =>
      (
        await importUsageWorkflow(getContainer()).run({
          input: { source, channel: "upload", filename: path.basename(file), file: { path: file, format: "generic" } },
        })
      ).result
    const exceptionOf = async (callId: string) => (await get(X, { q: callId })).exceptions.find((x: any) => x.record_key === callId)
    const call = async (callId: string) =>
      (await dbConnection.raw(`SELECT id, number, charge::text AS charge, version_number, account_code, rate_card_version_id FROM call_billing_call WHERE call_id = ?`, [callId])).rows[0]

    /** Publishes a new version of the retail card from the examples' rates, edited. */
    const publishRates = async (edit: (csv: string) => string, effective_from: string) => {
      const csv = edit(fs.readFileSync(example("rates.csv"), "utf8"))
      const { version } = await post(`/admin/call-billing/rate-cards/${world.card.id}/versions`, { csv, filename: "rates-v2.csv" })
      await post(`/admin/call-billing/rate-cards/${world.card.id}/versions/${version.id}/publish`, { effective_from })
      return version
    }

    it("lists the queue, assigns an account, fixes fields, reprocesses all after a rate change, ignores with a note and accepts out of policy", async () => {
      expect(await importFile(example("cdrs.csv"), "pbx-1")).toMatchObject({ inserted: 21, exceptions: 4 })
      const unknown = path.join(tmp, "unknown.csv")
      fs.writeFileSync(unknown, UNKNOWN_ACCOUNTS)
      expect(await importFile(unknown, "pbx-2")).toMatchObject({ inserted: 0, exceptions: 3, exception_reasons: { unknown_account: 3 } })

      // the list: filters, paging, newest first, counts per reason for the filter without the reason
      const all = await get(X, { status: "open" })
      expect(all).toMatchObject({ count: 7, offset: 0, limit: 50 })
      expect(all.by_reason).toEqual({ invalid_number: 1, invalid_record: 1, no_rate: 1, out_of_policy: 1, unknown_account: 3 })
      expect(all.exceptions[0].source).toBe("pbx-2") // the later import first
      const byReason = await get(X, { status: "open", reason: "unknown_account", limit: 2 })
      expect(byReason).toMatchObject({ count: 3, limit: 2 })
      expect(byReason.exceptions).toHaveLength(2)
      expect(byReason.by_reason).toEqual(all.by_reason)
      expect((await get(X, { account_code: "globex" })).count).toBe(2)
      expect((await get(X, { q: "C-001" })).exceptions.map((x: any) => x.record_key).sort()).toEqual(["c-0016", "c-0017", "c-0018"])
      const bad = await failure(api.get(X, { headers, params: { reason: "nope" } }))
      expect(bad.status).toBe(400)
      expect(bad.body.message).toMatch(/reason/)

      // reprocessing before the account exists changes nothing but the attempts
      const early = await post(`${X}/reprocess`, { all: true, filter: { reason: "unknown_account", account_code: "globex" } })
      expect(early).toMatchObject({ reprocessed: 2, resolved: 0, still_failing_count: 2 })
      expect(early.still_failing[0]).toMatchObject({ reason: "unknown_account", details: 'no billing account with code "globex"' })
      expect(await exceptionOf("g-1")).toMatchObject({ status: "open", attempts: 1 })

      // the account is created: the same filter now stores both calls, rated
      const { billing_account: globex } = await post("/admin/call-billing/billing-accounts", {
        code: "globex",
        name: "Globex",
        currency_code: "USD",
        timezone: "Europe/London",
        country_code: "44",
      })
      await post(`/admin/call-billing/billing-accounts/${globex.id}/card-assignments`, { direction: "outbound", rate_card_id: world.card.id })
      const assigned = await post(`${X}/reprocess`, { all: true, filter: { reason: "unknown_account", account_code: "globex" } })
      expect(assigned).toMatchObject({ reprocessed: 2, resolved: 2, still_failing: [], still_failing_count: 0 })
      expect(await call("g-1")).toMatchObject({ account_code: "globex", number: "442079460018", charge: "0.0200" })
      expect(await call("g-2")).toMatchObject({ account_code: "globex", charge: "0.0600" })
      const g1 = await exceptionOf("g-1")
      expect(g1).toMatchObject({ status: "resolved", resolved_by: user.id, resolved_record_id: (await call("g-1")).id, attempts: 2, account_id: globex.id })
      expect(g1.resolved_at).toBeTruthy()
      const job = (await getContainer().resolve("callBillingMetering").listImportJobs({ id: assigned.job_ids[0] }))[0]
      expect(job).toMatchObject({ source: "pbx-2", format: "reprocess", status: "completed", received: 2, inserted: 2 })

      // assign an account by patch: "nobody" becomes acme
      const nobody = await exceptionOf("n-1")
      const patched = await post(`${X}/reprocess`, { ids: [nobody.id], patch: { account_code: "acme" } })
      expect(patched).toMatchObject({ reprocessed: 1, resolved: 1 })
      expect(await call("n-1")).toMatchObject({ account_code: "acme", charge: "0.0600" })
      expect((await exceptionOf("n-1")).note).toBe('reprocessed: account set to "acme"')

      // fix a bad number
      const c16 = await exceptionOf("c-0016")
      expect(c16.reason).toBe("invalid_number")
      const fixed = await post(`${X}/reprocess`, { ids: [c16.id], patch: { fields: { callee: "+44 20 7946 0100" } } })
      expect(fixed).toMatchObject({ reprocessed: 1, resolved: 1, still_failing: [] })
      expect(await call("c-0016")).toMatchObject({ number: "442079460100", account_code: "acme" })
      const c16after = await get(`${X}/${c16.id}`)
      expect(c16after.exception).toMatchObject({ status: "resolved", note: "reprocessed: fixed callee" })
      expect(c16after.exception.record.callee).toBe("+44 20 7946 0100")
      expect(c16after.exception.record.fields).toEqual(c16.record.fields) // the original values stay
      expect(c16after.exception.record.patches[0]).toMatchObject({ by: user.id, fields: { callee: "+44 20 7946 0100" } })

      // an unreadable value must be fixed, not replaced by a placeholder
      const c18 = await exceptionOf("c-0018")
      const unfixed = await post(`${X}/reprocess`, { ids: [c18.id] })
      expect(unfixed).toMatchObject({ resolved: 0, still_failing: [{ id: c18.id, reason: "invalid_record" }] })
      expect(unfixed.still_failing[0].details).toMatch(/patch\.fields\.answer_time/)
      const stillBad = await post(`${X}/reprocess`, { ids: [c18.id], patch: { fields: { answer_time: "2026-03-03T10:00:00Z", billsec: "600" } } })
      expect(stillBad.still_failing[0]).toMatchObject({ reason: "invalid_record", details: "billsec: billsec 600 is greater than duration 66" })
      // the fixes so far are kept on the exception: setting billsec right is enough now
      expect((await get(`${X}/${c18.id}`)).exception.record).toMatchObject({ answer_time: "2026-03-03T10:00:00.000Z", billsec: 600 })
      expect(await post(`${X}/reprocess`, { ids: [c18.id], patch: { fields: { billsec: "60" } } })).toMatchObject({ resolved: 1 })
      expect(await call("c-0018")).toMatchObject({ charge: "0.0100" })
      const typo = await failure(api.post(`${X}/reprocess`, { ids: [c18.id], patch: { fields: { calee: "1" } } }, { headers }))
      expect(typo.status).toBe(400)

      // no rate for Egypt until a version that covers +20 is published; then "reprocess all"
      const c17 = await exceptionOf("c-0017")
      expect(c17.reason).toBe("no_rate")
      await publishRates((csv) => csv.trimEnd() + "\n20,Egypt,EG,0.1500,,,60,60,0,,outbound\n", "2026-03-01T00:00:00Z")
      const afterRates = await post(`${X}/reprocess`, { all: true })
      const c05 = await exceptionOf("c-0005")
      expect(afterRates).toMatchObject({ reprocessed: 2, resolved: 1, still_failing: [{ id: c05.id, reason: "out_of_policy" }] })
      expect(await call("c-0017")).toMatchObject({ charge: "0.3000", version_number: 2 })
      expect(await exceptionOf("c-0017")).toMatchObject({ status: "resolved", note: "rated on reprocessing" })

      // out of policy: stored only when an admin accepts it explicitly
      expect(await call("c-0005")).toBeUndefined()
      const accepted = await post(`${X}/reprocess`, { ids: [c05.id], accept_out_of_policy: true })
      expect(accepted).toMatchObject({ reprocessed: 1, resolved: 1, still_failing: [] })
      expect(await call("c-0005")).toMatchObject({ charge: "0.0000" })
      expect((await exceptionOf("c-0005")).note).toMatch(new RegExp(`^accepted out of policy by ${user.id} \\(sold at 0.0000 USD, below its cost 0\\.0006`))

      // ignore with a note; a closed exception cannot be ignored or reprocessed again
      const noNote = await failure(api.post(`${X}/ignore`, { ids: [c05.id] }, { headers }))
      expect(noNote.status).toBe(400)
      expect(noNote.body.message).toMatch(/note/)
      const again = await failure(api.post(`${X}/ignore`, { ids: [c05.id], note: "x" }, { headers }))
      expect(again.status).toBe(400)
      expect(again.body.message).toBe(`Only open exceptions can be ignored: ${c05.id} is resolved`)

      // a fresh unknown-account exception to ignore (a record from another source)
      fs.writeFileSync(unknown, UNKNOWN_ACCOUNTS.replace(/globex/g, "initech"))
      await importFile(unknown, "pbx-3")
      const i1 = (await get(X, { source: "pbx-3", q: "g-1" })).exceptions[0]
      const ignored = await post(`${X}/ignore`, { ids: [i1.id], note: "lab test calls" })
      expect(ignored.ignored).toBe(1)
      expect(ignored.exceptions[0]).toMatchObject({ id: i1.id, status: "ignored", note: "lab test calls", resolved_by: user.id })
      const reprocessIgnored = await failure(api.post(`${X}/reprocess`, { ids: [i1.id] }, { headers }))
      expect(reprocessIgnored.status).toBe(400)
      expect(reprocessIgnored.body.message).toBe(`Only open exceptions can be reprocessed: ${i1.id} is ignored`)
      const missing = await failure(api.post(`${X}/reprocess`, { ids: ["uexc_nope"] }, { headers }))
      expect(missing.status).toBe(404)
      expect((await failure(api.get(`${X}/uexc_nope`, { headers }))).status).toBe(404)
      // "all" never takes an ignored one
      const rest = await post(`${X}/reprocess`, { all: true, filter: { source: "pbx-3" } })
      expect(rest).toMatchObject({ reprocessed: 2, resolved: 0 })
      const closed = await get(X, { status: "ignored" })
      expect(closed.count).toBe(1)

      const totals = await dbConnection.raw(`SELECT count(*)::int AS n FROM call_billing_call`)
      expect(totals.rows[0].n).toBe(21 + 2 + 1 + 1 + 1 + 1 + 1)
      expect((await get(X, { status: "open" })).by_reason).toEqual({ unknown_account: 2 })
    })

    it("re-rates an account's calls after a late rate change, skips invoiced ones, reports what moved, and is idempotent", async () => {
      expect(await importFile(example("cdrs.csv"), "pbx-1")).toMatchObject({ inserted: 21 })
      await dbConnection.raw(`INSERT INTO call_billing_billed_call (call_id, billed_by, t) SELECT id, 'inv_test_1', answer_time FROM call_billing_call WHERE call_id IN ('c-0001', 'c-0002')`)
      const before = {
        c1: await call("c-0001"),
        c6: await call("c-0006"),
        c7: await call("c-0007"),
        c12: await call("c-0012"),
      }
      expect(before.c6.charge).toBe("0.0750") // 5 peak minutes at 0.0150
      expect(before.c7.charge).toBe("0.0500") // 10 holiday minutes at 0.0050

      // UK fixed doubles from 1 February, and India is no longer sold
      await publishRates(
        (csv) =>
          csv
            .split("\n")
            .filter((l) => !l.startsWith("91"))
            .map((l) =>
              l.startsWith("44,")
                ? l.replace(",0.0150,", ",0.0300,").replace(",0.0080,", ",0.0160,").replace(",0.0050,", ",0.0100,").replace(",0.0120,", ",0.0240,")
                : l
            )
            .join("\n"),
        "2026-02-01T00:00:00Z"
      )

      const body = { account_id: world.account.id, from: "2026-01-01", to: "2027-01-01T00:00:00Z" }
      const report = await post("/admin/call-billing/rerate", body)
      expect(report).toEqual({
        account_id: world.account.id,
        from: "2026-01-01T00:00:00.000Z",
        to: "2027-01-01T00:00:00.000Z",
        count: 21,
        // every answered call moves to version 2 (its trace); two of them change their charge;
        // the three unanswered calls have no trace and stay as they were
        changed: 15,
        charge_changed: 2,
        unchanged: 3,
        skipped_invoiced: 2,
        skipped_invoice_ids: ["inv_test_1"],
        failed: [{ id: before.c12.id, call_id: "c-0012", source: "pbx-1", reason: "no_rate", details: expect.any(String) }],
        failed_count: 1,
        // 1.6408 less the invoiced 0.02 and 0.06; then +0.075 (c-0006) and +0.05 (c-0007)
        old_total: "1.5608",
        new_total: "1.6858",
        currency: "USD",
        // without adjust_invoiced, invoiced calls are left alone and nothing is issued
        invoiced_changed: 0,
        adjustments: [],
        documents: [],
      })
      expect(await call("c-0006")).toMatchObject({ charge: "0.1500", version_number: 2 })
      expect(await call("c-0007")).toMatchObject({ charge: "0.1000", version_number: 2 })
      expect(await call("c-0001")).toEqual(before.c1) // invoiced: untouched
      expect(await call("c-0012")).toEqual(before.c12) // no longer rates: kept as it was
      const raw = await dbConnection.raw(`SELECT raw_charge FROM call_billing_call WHERE call_id = 'c-0006'`)
      expect(raw.rows[0].raw_charge).toEqual({ value: "0.1500", precision: 20 })

      const second = await post("/admin/call-billing/rerate", body)
      expect(second).toMatchObject({ count: 21, changed: 0, charge_changed: 0, unchanged: 18, failed_count: 1, old_total: "1.6858", new_total: "1.6858" })

      // a window with nothing in it, and bad input
      expect(await post("/admin/call-billing/rerate", { ...body, from: "2025-01-01", to: "2025-02-01" })).toMatchObject({
        count: 0,
        changed: 0,
        old_total: "0",
        new_total: "0",
      })
      const backwards = await failure(api.post("/admin/call-billing/rerate", { ...body, to: "2025-01-01" }, { headers }))
      expect(backwards.status).toBe(400)
      expect(backwards.body.message).toMatch(/to: must be after from/)
      const nobody = await failure(api.post("/admin/call-billing/rerate", { ...body, account_id: "bacc_nope" }, { headers }))
      expect(nobody.status).toBe(404)
    })
  },
})
