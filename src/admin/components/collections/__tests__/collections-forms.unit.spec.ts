import fc from "fast-check"
import {
  AdminCreateDunningPolicy,
  AdminUpdateDunningPolicy,
  AdminUpsertNotificationTemplate,
} from "../../../../api/admin/call-billing/collections/validators"
import { AdminCreateWebhookEndpoint, AdminUpdateWebhookEndpoint } from "../../../../api/admin/call-billing/webhook-endpoints/validators"
import { validateSteps } from "../../../../modules/billing/dunning/policy"
import { emptyPolicy, fromPolicy, hasStoredDefault, newStep, PolicyForm, sortSteps, StepForm, toPolicyInput, validatePolicy, withAction } from "../dunning-form"
import { emptyTemplate, toTemplateInput, validateTemplate } from "../template-form"
import { DUNNING_ACTIONS, NOTIFICATION_KINDS, WEBHOOK_EVENTS, type DunningAction } from "../types"
import { emptyEndpoint, isHttpUrl, toEndpointInput, toggleEvent, validateEndpoint } from "../webhook-form"

const problems = (list: Array<{ path: string; key: string }>) => list.map((p) => `${p.path}:${p.key}`)
const step = (code: string, action: DunningAction, days: string): StepForm => ({ key: code, code, action, days })
const policy = (over: Partial<PolicyForm> = {}): PolicyForm => ({ ...emptyPolicy(), name: "Strict", ...over })

const BUILT_IN = {
  grace_days: 0,
  steps: [
    { code: "reminder", action: "reminder" as const, days: -3 },
    { code: "overdue", action: "overdue" as const, days: 1 },
    { code: "warning", action: "warning" as const, days: 7 },
    { code: "suspend", action: "suspend" as const, days: 14 },
  ],
}

describe("dunning policy form: the body sent", () => {
  it("starts a new policy from the built-in default's steps, which the server accepts as they are", () => {
    const form = policy({ ...emptyPolicy(BUILT_IN), name: "Copy of default" })
    expect(form.steps.map((s) => `${s.code}:${s.action}:${s.days}`)).toEqual(["reminder:reminder:-3", "overdue:overdue:1", "warning:warning:7", "suspend:suspend:14"])
    expect(validatePolicy(form)).toEqual([])
    expect(AdminCreateDunningPolicy.safeParse(toPolicyInput(form)).success).toBe(true)
  })

  it("sends steps in the order they happen, with whole-number days", () => {
    const body = toPolicyInput(policy({ steps: [step("final", "warning", " 10 "), step("early", "reminder", "-5"), step("late", "overdue", "+2")] }))
    expect(body.steps).toEqual([
      { code: "early", action: "reminder", days: -5 },
      { code: "late", action: "overdue", days: 2 },
      { code: "final", action: "warning", days: 10 },
    ])
  })

  it("sends only the chosen scope's id on creation, and no scope on an update (the update schema refuses it)", () => {
    const entity = policy({ scope: "entity", entity_id: "bent_1", account_id: "bacct_left_over" })
    expect(toPolicyInput(entity)).toMatchObject({ entity_id: "bent_1" })
    expect(toPolicyInput(entity)).not.toHaveProperty("account_id")
    expect(AdminCreateDunningPolicy.safeParse(toPolicyInput(entity)).success).toBe(true)

    const account = policy({ scope: "account", account_id: "bacct_1" })
    expect(toPolicyInput(account)).toMatchObject({ account_id: "bacct_1" })
    expect(toPolicyInput(policy())).not.toHaveProperty("entity_id")

    const update = toPolicyInput(account, true)
    expect(update).not.toHaveProperty("account_id")
    expect(update).not.toHaveProperty("entity_id")
    expect(AdminUpdateDunningPolicy.safeParse(update).success).toBe(true)
  })

  it("reads a stored policy back with its scope", () => {
    const form = fromPolicy({ id: "p1", name: "Acme", account_id: "bacct_1", entity_id: null, steps: BUILT_IN.steps, grace_days: 2, active: false })
    expect(form).toMatchObject({ name: "Acme", scope: "account", account_id: "bacct_1", grace_days: "2", active: false })
    expect(toPolicyInput(form, true)).toMatchObject({ grace_days: 2, active: false, steps: BUILT_IN.steps })
  })

  it("gives a new step a code not used yet", () => {
    const steps = [step("reminder", "reminder", "-3"), step("reminder_2", "reminder", "-1")]
    expect(newStep(steps, "reminder").code).toBe("reminder_3")
    expect(newStep(steps, "warning").code).toBe("warning")
  })

  it("renames a step's generated code when its action changes, never a code typed by hand", () => {
    const steps = [step("warning", "warning", "7"), step("reminder_2", "reminder", "3"), step("final", "reminder", "9")]
    expect(withAction(steps, 1, "warning").map((s) => `${s.code}:${s.action}`)).toEqual(["warning:warning", "warning_2:warning", "final:reminder"])
    expect(withAction(steps, 2, "suspend")[2]).toMatchObject({ code: "final", action: "suspend" })
    expect(withAction(steps, 0, "overdue")[0]).toMatchObject({ code: "overdue", action: "overdue" })
  })

  it("sorts steps by day, keeps ties in order and puts half-typed days last", () => {
    const sorted = sortSteps([step("a", "warning", "7"), step("b", "reminder", ""), step("c", "overdue", "1"), step("d", "reminder", "1"), step("e", "reminder", "-3")])
    expect(sorted.map((s) => s.code)).toEqual(["e", "c", "d", "a", "b"])
  })
})

describe("dunning policy form: checks before sending", () => {
  it("names each mistake's field", () => {
    const form = policy({
      name: " ",
      scope: "entity",
      grace_days: "91",
      steps: [step("Bad Code", "reminder", "-3"), step("dup", "overdue", "1.5"), step("dup", "suspend", "400"), step("cut", "suspend", "20")],
    })
    expect(problems(validatePolicy(form))).toEqual([
      "name:required",
      "entity_id:required",
      "grace_days:range",
      "steps.0.code:stepCode",
      "steps.1.days:stepDays",
      "steps.2.code:duplicateStep",
      "steps.2.days:stepDays",
      "steps:oneSuspend",
    ])
    expect(problems(validatePolicy(policy({ scope: "account", steps: [] })))).toEqual(["account_id:required", "steps:stepsRequired"])
  })

  it("accepts exactly what the server and the dunning engine accept (property)", () => {
    const code = fc.oneof({ weight: 8, arbitrary: fc.stringMatching(/^[a-z0-9_]{1,40}$/) }, { weight: 1, arbitrary: fc.string({ maxLength: 45 }) })
    const days = fc.oneof(
      { weight: 8, arbitrary: fc.integer({ min: -365, max: 365 }).map(String) },
      { weight: 1, arbitrary: fc.integer({ min: -500, max: 500 }).map(String) },
      { weight: 1, arbitrary: fc.constantFrom("", "1.5", "x", "-") }
    )
    const stepArb = fc.record({ key: fc.constant("k"), code, action: fc.constantFrom(...DUNNING_ACTIONS), days })
    const formArb = fc.record({
      name: fc.oneof({ weight: 8, arbitrary: fc.constant("Policy") }, { weight: 1, arbitrary: fc.constant(" ") }),
      scope: fc.constantFrom("default" as const, "entity" as const, "account" as const),
      entity_id: fc.constantFrom("", "bent_1"),
      account_id: fc.constantFrom("", "bacct_1"),
      grace_days: fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 0, max: 90 }).map(String) }, { weight: 1, arbitrary: fc.constantFrom("", "91", "-1", "2.5") }),
      active: fc.boolean(),
      steps: fc.array(stepArb, { minLength: 0, maxLength: 5 }),
    })
    fc.assert(
      fc.property(formArb, (form) => {
        if (validatePolicy(form).length) return
        const body = toPolicyInput(form)
        expect(AdminCreateDunningPolicy.safeParse(body).success).toBe(true)
        expect(validateSteps(body.steps!)).toBeNull()
      }),
      { numRuns: 300 }
    )
  })

  it("knows when the built-in default is in force", () => {
    expect(hasStoredDefault([])).toBe(false)
    expect(hasStoredDefault([{ account_id: "bacct_1", entity_id: null, active: true }])).toBe(false)
    expect(hasStoredDefault([{ account_id: null, entity_id: null, active: false }])).toBe(false)
    expect(hasStoredDefault([{ account_id: null, entity_id: null, active: true }])).toBe(true)
  })
})

describe("notification template form", () => {
  it("sends no entity as null (every entity), and the text as typed", () => {
    const body = toTemplateInput({ entity_id: "", kind: "reminder", subject: "Due {{due_date}}", body: "Dear {{account_name}},\n\n  Pay {{amount_due}}." })
    expect(body).toEqual({ entity_id: null, kind: "reminder", subject: "Due {{due_date}}", body: "Dear {{account_name}},\n\n  Pay {{amount_due}}." })
    expect(AdminUpsertNotificationTemplate.safeParse(body).success).toBe(true)
    expect(toTemplateInput({ ...emptyTemplate("overdue"), entity_id: "bent_1", subject: "S", body: "B" }).entity_id).toBe("bent_1")
  })

  it("requires a subject and a body within the server's lengths", () => {
    expect(problems(validateTemplate(emptyTemplate()))).toEqual(["subject:required", "body:required"])
    expect(problems(validateTemplate({ ...emptyTemplate(), subject: "x".repeat(301), body: "b" }))).toEqual(["subject:tooLong"])
  })

  it("every kind the page offers is one the server takes", () => {
    for (const kind of NOTIFICATION_KINDS) {
      expect(AdminUpsertNotificationTemplate.safeParse(toTemplateInput({ entity_id: "", kind, subject: "S", body: "B" })).success).toBe(true)
    }
  })
})

describe("webhook endpoint form", () => {
  it("sends a trimmed URL, no description as null, and the chosen events", () => {
    const body = toEndpointInput({ url: " https://example.com/hooks ", description: "  ", events: ["invoice.paid", "invoice.paid"], active: true })
    expect(body).toEqual({ url: "https://example.com/hooks", description: null, events: ["invoice.paid"], active: true })
    expect(AdminCreateWebhookEndpoint.safeParse(body).success).toBe(true)
    expect(AdminUpdateWebhookEndpoint.safeParse({ ...body, active: false }).success).toBe(true)
  })

  it("checks the URL and the events as the server does", () => {
    expect(problems(validateEndpoint(emptyEndpoint()))).toEqual(["url:required", "events:eventsRequired"])
    expect(problems(validateEndpoint({ ...emptyEndpoint(), url: "ftp://example.com", events: ["invoice.paid"] }))).toEqual(["url:url"])
    expect(problems(validateEndpoint({ ...emptyEndpoint(), url: "https://example.com", events: ["invoice.sent"] }))).toEqual(["events:unknownEvent"])
    for (const url of ["https://example.com/h", "http://localhost:9000/hooks", "ftp://x", "example.com", "https://"]) {
      expect(isHttpUrl(url)).toBe(AdminCreateWebhookEndpoint.safeParse({ url, events: ["invoice.paid"] }).success)
    }
  })

  it("keeps the events in the order they are offered", () => {
    let events: string[] = []
    events = toggleEvent(events, "account.suspended", true)
    events = toggleEvent(events, "invoice.finalized", true)
    events = toggleEvent(events, "balance.low", true)
    expect(events).toEqual(["invoice.finalized", "balance.low", "account.suspended"])
    expect(toggleEvent(events, "balance.low", false)).toEqual(["invoice.finalized", "account.suspended"])
    expect(AdminCreateWebhookEndpoint.safeParse({ url: "https://e.com", events: [...WEBHOOK_EVENTS] }).success).toBe(true)
  })
})
