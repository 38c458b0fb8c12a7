import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { Modules } from "@medusajs/framework/utils"
import { runDunningWorkflow } from "../../../src/workflows/collections"
import { adminHeaders, eventually, failure } from "../helpers"
import { seedRatingWorld } from "../usage/fixtures"
import { draftInvoiceWorld } from "./fixtures"

jest.setTimeout(240 * 1000)

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer, dbConnection }) => {
    let headers: Record<string, string>
    let key: Record<string, string>
    beforeEach(async () => {
      ;({ headers } = await adminHeaders(getContainer()))
      const created = await getContainer().resolve(Modules.API_KEY).createApiKeys({ title: "switch", type: "secret", created_by: "test" })
      key = { authorization: `Basic ${Buffer.from(`${created.token}:`).toString("base64")}` }
    })

    const dunning = async (accountId: string) => (await api.get(`/admin/call-billing/billing-accounts/${accountId}/dunning`, { headers })).data.dunning
    const run = async (as_of: string) => (await api.post("/admin/call-billing/collections/dunning/run", { as_of }, { headers })).data
    const authorize = async (account_code: string) =>
      (await api.post("/call-billing/authorize", { account_code, number: "+44 20 7946 0018", requested_seconds: 120 }, { headers: key })).data
    const at = (date: string, days: number) => new Date(Date.parse(`${date}T09:00:00Z`) + days * 86400000).toISOString()
    const mails = async (to: string) => getContainer().resolve(Modules.NOTIFICATION).listNotifications({ to }, { order: { created_at: "ASC" } } as any)

    it("walks an unpaid invoice from reminder to suspension, once per step, and reactivates the account when it is paid", async () => {
      const { account } = await seedRatingWorld(api, headers, `dun${Math.random().toString(36).slice(2, 6)}`)
      const { invoice } = await draftInvoiceWorld(api, getContainer(), headers, { account })
      const fin = (await api.post(`/admin/call-billing/invoices/${invoice.id}/finalize`, {}, { headers })).data.invoice
      const due = fin.due_date as string
      expect((await authorize(account.code)).granted).toBe(true)

      expect((await run(at(due, -4))).taken).toEqual([])
      expect((await run(at(due, -3))).taken).toEqual([expect.objectContaining({ invoice_id: invoice.id, step: "reminder", action: "reminder" })])
      expect((await run(at(due, -2))).taken).toEqual([]) // the same step is never taken twice
      expect((await run(at(due, 1))).taken.map((t: any) => t.step)).toEqual(["overdue"])
      const late = await run(at(due, 14)) // the job was down for a while: warning and suspension come due together
      expect(late.taken.map((t: any) => t.step).sort()).toEqual(["suspend", "warning"])
      expect(late.suspended).toEqual([account.id])
      expect((await run(at(due, 15))).taken).toEqual([])

      const state = await dunning(account.id)
      expect(state).toMatchObject({ status: "suspended", suspension_reason: "dunning", paused: false })
      expect(state.timeline.map((e: any) => e.step).sort()).toEqual(["overdue", "reminder", "suspend", "warning"])
      expect(await authorize(account.code)).toMatchObject({ granted: false, reason: "account_suspended" })

      // one email per announced step: reminder, overdue, then only the latest of the two that came due together
      const sent = await eventually(async () => {
        const m = await mails(`billing@${account.code}.test`)
        return m.filter((n: any) => n.template !== "call-billing.invoice_issued").length >= 3 ? m : null
      }, "the dunning emails")
      expect(sent.map((n: any) => n.template).filter((t: string) => t !== "call-billing.invoice_issued")).toEqual([
        "call-billing.reminder",
        "call-billing.overdue",
        "call-billing.suspension",
      ])

      // paid by bank transfer: the suspension is lifted, the timeline says so
      await api.post(`/admin/call-billing/billing-accounts/${account.id}/payments`, { amount: "120.00", method: "bank_transfer", reference: "BANK-1" }, { headers })
      await eventually(async () => (await dunning(account.id)).status === "active", "the reactivation")
      const after = await dunning(account.id)
      expect(after.suspension_reason).toBeNull()
      expect(after.timeline[0]).toMatchObject({ step: "reactivated", invoice_id: null })
      expect((await authorize(account.code)).granted).toBe(true)
    })

    it("leaves a paused account alone, and an account an admin suspended stays suspended when paid", async () => {
      const { account } = await seedRatingWorld(api, headers, `pau${Math.random().toString(36).slice(2, 6)}`)
      const { invoice } = await draftInvoiceWorld(api, getContainer(), headers, { account })
      const fin = (await api.post(`/admin/call-billing/invoices/${invoice.id}/finalize`, {}, { headers })).data.invoice
      const paused = (await api.post(`/admin/call-billing/billing-accounts/${account.id}/dunning`, { paused: true, note: "disputed" }, { headers })).data.dunning
      expect(paused.paused).toBe(true)
      expect(paused.timeline[0]).toMatchObject({ step: "paused", detail: expect.objectContaining({ note: "disputed" }) })
      expect((await run(at(fin.due_date, 30))).taken).toEqual([])
      expect((await dunning(account.id)).status).toBe("active")

      await api.post(`/admin/call-billing/billing-accounts/${account.id}/dunning`, { paused: false }, { headers })
      await api.post(`/admin/call-billing/billing-accounts/${account.id}`, { status: "suspended" }, { headers })
      await runDunningWorkflow(getContainer()).run({ input: { as_of: at(fin.due_date, 30), account_ids: [account.id] } })
      await api.post(`/admin/call-billing/billing-accounts/${account.id}/payments`, { amount: "120.00", method: "bank_transfer", reference: "BANK-2" }, { headers })
      await new Promise((r) => setTimeout(r, 1500))
      expect((await dunning(account.id)).status).toBe("suspended")
    })

    it("uses the account's policy over its entity's and the default, and refuses a malformed one with the field", async () => {
      const { account } = await seedRatingWorld(api, headers, `pol${Math.random().toString(36).slice(2, 6)}`)
      const post = (body: unknown) => api.post("/admin/call-billing/collections/dunning-policies", body, { headers })
      await post({ name: "House default", steps: [{ code: "late", action: "overdue", days: 5 }] })
      const own = (await post({ name: "Strict", account_id: account.id, grace_days: 2, steps: [{ code: "cut", action: "suspend", days: 3 }, { code: "nudge", action: "reminder", days: -1 }] })).data
        .dunning_policy
      expect(own.steps.map((s: any) => s.code)).toEqual(["nudge", "cut"])
      expect((await dunning(account.id)).policy.id).toBe(own.id)
      const dup = await failure(post({ name: "Again", account_id: account.id, steps: [{ code: "x", action: "reminder", days: 1 }] }))
      expect(dup.status).toBe(422)
      const bad = await failure(post({ name: "Bad", steps: [{ code: "a", action: "nag", days: 1 }] }))
      expect(bad.status).toBe(400)
      expect(bad.body.message).toMatch(/steps\[0\]\.action/)
      const twice = await failure(post({ name: "Twice", entity_id: null, steps: [{ code: "a", action: "suspend", days: 1 }, { code: "b", action: "suspend", days: 2 }] }))
      expect(twice.status).toBe(400)
      expect(twice.body.message).toMatch(/at most one suspend/)

      const { invoice } = await draftInvoiceWorld(api, getContainer(), headers, { account })
      const fin = (await api.post(`/admin/call-billing/invoices/${invoice.id}/finalize`, {}, { headers })).data.invoice
      // the account's own steps: "cut" at due + 3 + 2 grace days
      expect((await run(at(fin.due_date, 4))).taken.map((t: any) => t.step)).toEqual(["nudge"])
      expect((await run(at(fin.due_date, 5))).taken.map((t: any) => t.step)).toEqual(["cut"])
      expect((await dunning(account.id)).status).toBe("suspended")
      const rows = await dbConnection.raw(`SELECT count(*)::int AS n FROM call_billing_dunning_event WHERE invoice_id = ?`, [invoice.id])
      expect(rows.rows[0].n).toBe(2)
    })

    it("words emails with the entity's template (else the default one, else the built-in), and edits and deletes policies and templates", async () => {
      const { account } = await seedRatingWorld(api, headers, `tpl${Math.random().toString(36).slice(2, 6)}`)
      const post = (path: string, body: unknown) => api.post(`/admin/call-billing/collections/${path}`, body, { headers })
      const bad = await failure(post("notification-templates", { kind: "nag", subject: "x", body: "y" }))
      expect(bad.status).toBe(400)
      expect(bad.body.message).toMatch(/kind/)
      const generic = (await post("notification-templates", { kind: "invoice_issued", subject: "Bill {{invoice_number}}", body: "Pay {{total}} by {{due_date}}" })).data.notification_template
      // upsert: the same kind again replaces the default one
      const replaced = (await post("notification-templates", { kind: "invoice_issued", subject: "Your bill {{invoice_number}}", body: "Pay {{total}} {{currency_code}} by {{due_date}}" })).data.notification_template
      expect(replaced.id).toBe(generic.id)
      const { invoice } = await draftInvoiceWorld(api, getContainer(), headers, { account })
      const fin = (await api.post(`/admin/call-billing/invoices/${invoice.id}/finalize`, {}, { headers })).data.invoice
      const [mail] = await eventually(async () => {
        const m = await mails(`billing@${account.code}.test`)
        return m.length ? m : null
      }, "the invoice email")
      expect(mail.data).toMatchObject({ subject: `Your bill ${fin.number}`, body: `Pay ${fin.total} USD by ${fin.due_date}` })

      const list = (await api.get("/admin/call-billing/collections/notification-templates", { headers })).data
      expect(list.notification_templates.map((t: any) => t.kind)).toEqual(["invoice_issued"])
      expect(list.built_in.reminder.subject).toMatch(/Reminder/)
      await api.delete(`/admin/call-billing/collections/notification-templates/${generic.id}`, { headers })
      expect((await api.get("/admin/call-billing/collections/notification-templates", { headers })).data.notification_templates).toEqual([])

      const policy = (await post("dunning-policies", { name: "Soft", account_id: account.id, steps: [{ code: "r", action: "reminder", days: -1 }] })).data.dunning_policy
      const edited = (await post(`dunning-policies/${policy.id}`, { grace_days: 3, steps: [{ code: "late", action: "overdue", days: 2 }, { code: "r", action: "reminder", days: -1 }] })).data
        .dunning_policy
      expect(edited).toMatchObject({ grace_days: 3, steps: [{ code: "r" }, { code: "late" }] })
      expect((await failure(post(`dunning-policies/${policy.id}`, { steps: [] }))).status).toBe(400)
      await api.delete(`/admin/call-billing/collections/dunning-policies/${policy.id}`, { headers })
      expect((await dunning(account.id)).policy.id).toBeNull()
    })
  },
})
