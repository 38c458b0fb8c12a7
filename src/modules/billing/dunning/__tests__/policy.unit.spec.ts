import { DEFAULT_DUNNING_POLICY, daysPastDue, dueSteps, policyFor, validateSteps } from "../policy"

describe("dunning policy", () => {
  it("counts days from the due date across month ends", () => {
    expect(daysPastDue("2026-11-30", "2026-12-01")).toBe(1)
    expect(daysPastDue("2026-11-30", "2026-11-27")).toBe(-3)
    expect(daysPastDue("2026-03-28", "2026-03-30")).toBe(2) // across a DST change in Europe: still whole days
  })

  it("takes the steps whose day has come, grace moving only those after the due date", () => {
    const codes = (p: any, today: string) => dueSteps(p, "2026-11-10", today).map((s) => s.code)
    expect(codes(DEFAULT_DUNNING_POLICY, "2026-11-06")).toEqual([])
    expect(codes(DEFAULT_DUNNING_POLICY, "2026-11-07")).toEqual(["reminder"])
    expect(codes(DEFAULT_DUNNING_POLICY, "2026-11-11")).toEqual(["reminder", "overdue"])
    expect(codes(DEFAULT_DUNNING_POLICY, "2026-11-24")).toEqual(["reminder", "overdue", "warning", "suspend"])
    const grace = { ...DEFAULT_DUNNING_POLICY, grace_days: 2 }
    expect(codes(grace, "2026-11-07")).toEqual(["reminder"])
    expect(codes(grace, "2026-11-12")).toEqual(["reminder"])
    expect(codes(grace, "2026-11-13")).toEqual(["reminder", "overdue"])
  })

  it("picks the account's policy, then the entity's, then the stored default, then the built-in", () => {
    const own = { id: "p1", account_id: "a1", entity_id: null, steps: [], grace_days: 0 }
    const ent = { id: "p2", account_id: null, entity_id: "e1", steps: [], grace_days: 0 }
    const def = { id: "p3", account_id: null, entity_id: null, steps: [], grace_days: 0 }
    expect(policyFor({ id: "a1", entity_id: "e1" }, [def, ent, own]).id).toBe("p1")
    expect(policyFor({ id: "a2", entity_id: "e1" }, [def, ent, own]).id).toBe("p2")
    expect(policyFor({ id: "a3", entity_id: "e2" }, [def, ent, own]).id).toBe("p3")
    expect(policyFor({ id: "a3", entity_id: "e2" }, [{ ...def, active: false }]).id).toBeNull()
  })

  it("refuses malformed steps with the field at fault", () => {
    expect(validateSteps(DEFAULT_DUNNING_POLICY.steps)).toBeNull()
    expect(validateSteps([])).toMatch(/^steps:/)
    expect(validateSteps([{ code: "a", action: "nag" as any, days: 1 }])).toMatch(/^steps\[0\]\.action/)
    expect(validateSteps([{ code: "a", action: "reminder", days: 1 }, { code: "a", action: "overdue", days: 2 }])).toMatch(/^steps\[1\]\.code/)
    expect(validateSteps([{ code: "a", action: "suspend", days: 1 }, { code: "b", action: "suspend", days: 2 }])).toMatch(/one suspend/)
    expect(validateSteps([{ code: "a", action: "reminder", days: 1.5 }])).toMatch(/^steps\[0\]\.days/)
  })
})
