import {
  canRetrySync,
  dayOffset,
  deliveryStatusColour,
  describeDetail,
  lastMonth,
  mismatchesFirst,
  newestFirst,
  placeholdersIn,
  recordPath,
  syncStatusColour,
  unknownPlaceholders,
} from "../format"

describe("collections format helpers", () => {
  it("defaults the reconciliation range to last month, across a year and a leap February", () => {
    expect(lastMonth(new Date(2026, 0, 15))).toEqual({ from: "2025-12-01", to: "2025-12-31" })
    expect(lastMonth(new Date(2028, 2, 31, 23, 59))).toEqual({ from: "2028-02-01", to: "2028-02-29" })
    expect(lastMonth(new Date(2026, 10, 1, 0, 0))).toEqual({ from: "2026-10-01", to: "2026-10-31" })
  })

  it("lists mismatches first, each group by number", () => {
    const rows = [
      { number: "A-3", mismatch: false },
      { number: "A-2", mismatch: true },
      { number: "A-1", mismatch: false },
      { number: "A-0", mismatch: true },
    ]
    expect(mismatchesFirst(rows).map((r) => r.number)).toEqual(["A-0", "A-2", "A-1", "A-3"])
    expect(rows[0].number).toBe("A-3")
  })

  it("shows the timeline newest first, ties in their order", () => {
    const events = [
      { id: "a", occurred_at: "2026-11-01T10:00:00Z" },
      { id: "b", occurred_at: "2026-11-05T10:00:00Z" },
      { id: "c", occurred_at: "2026-11-01T10:00:00Z" },
      { id: "d", occurred_at: "not a date" },
    ]
    expect(newestFirst(events).map((e) => e.id)).toEqual(["b", "a", "c", "d"])
  })

  it("links invoices and accounts to their pages, and nothing else", () => {
    expect(recordPath({ record_type: "invoice", record_id: "binv_1" })).toBe("/call-billing/invoices/binv_1")
    expect(recordPath({ record_type: "account", record_id: "bacct_1" })).toBe("/call-billing/billing-accounts/bacct_1")
    expect(recordPath({ record_type: "payment", record_id: "bpay_1" })).toBeNull()
    expect(recordPath({ record_type: "credit_note", record_id: "bcn_1" })).toBeNull()
  })

  it("offers Retry on failed and pending rows only", () => {
    expect(canRetrySync({ status: "failed" })).toBe(true)
    expect(canRetrySync({ status: "pending" })).toBe(true)
    expect(canRetrySync({ status: "synced" })).toBe(false)
    expect(syncStatusColour("failed")).toBe("red")
    expect(deliveryStatusColour("delivered")).toBe("green")
  })

  it("reads a step's day relative to the due date", () => {
    expect(dayOffset(-3)).toEqual({ when: "before", count: 3 })
    expect(dayOffset(0)).toEqual({ when: "on", count: 0 })
    expect(dayOffset(14)).toEqual({ when: "after", count: 14 })
  })

  it("finds a template's placeholders as the renderer does, and flags names the built-in wording does not use", () => {
    expect(placeholdersIn("Invoice {{invoice_number}} due {{ due_date }}", "{{invoice_number}} {{Amount_Due}}")).toEqual(["invoice_number", "due_date", "Amount_Due"])
    const builtIn = { subject: "Reminder: {{invoice_number}} is due on {{due_date}}", body: "{{amount_due}} {{currency_code}}" }
    expect(unknownPlaceholders("Due {{due_dte}}", "Hi {{account_name}}, {{amount_due}}", builtIn, ["account_name"])).toEqual(["due_dte"])
  })

  it("prints a detail in one line without empty values or what is shown elsewhere", () => {
    expect(describeDetail({ note: "promised to pay", invoice_number: "A-1", amount_due: "10.00", none: null, empty: "" }, ["invoice_number"])).toBe(
      "note promised to pay · amount due 10.00"
    )
    expect(describeDetail(null)).toBe("")
  })
})

describe("notification kinds", () => {
  it("are the server's: the admin's list (kept in the admin bundle) has not drifted", async () => {
    const { NOTIFICATION_KINDS: admin } = await import("../types")
    const { NOTIFICATION_KINDS: server } = await import("../../../../modules/billing/notifications/templates")
    expect([...admin]).toEqual([...server])
  })
})
