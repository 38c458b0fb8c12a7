import { DEFAULT_TEMPLATES, NOTIFICATION_KINDS, renderTemplate } from "../templates"

describe("notification templates", () => {
  it("fills placeholders and leaves unknown ones visible", () => {
    expect(renderTemplate("Invoice {{ invoice_number }} for {{total}} {{currency_code}} {{nope}}", { invoice_number: "A-1", total: "10.00", currency_code: "GBP" })).toBe(
      "Invoice A-1 for 10.00 GBP {{nope}}"
    )
  })
  it("has a default subject and body for every kind", () => {
    for (const kind of NOTIFICATION_KINDS) {
      expect(DEFAULT_TEMPLATES[kind].subject.length).toBeGreaterThan(0)
      expect(DEFAULT_TEMPLATES[kind].body).toContain("{{account_name}}")
    }
  })
})
