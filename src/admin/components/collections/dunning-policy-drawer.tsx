import { Plus, Trash } from "@medusajs/icons"
import { Button, Drawer, Heading, IconButton, Input, Text, toast } from "@medusajs/ui"
import { FormEvent, useEffect, useState } from "react"
import { useTranslation } from "react-i18next"
import { useBillingAccounts } from "../../hooks/billing-accounts"
import { useEntities } from "../../hooks/billing"
import { useSaveDunningPolicy } from "../../hooks/collections"
import { toastError } from "../../lib/errors"
import { selectClass, type Problem } from "../billing/format"
import { emptyPolicy, fromPolicy, newStep, POLICY_SCOPES, toPolicyInput, validatePolicy, withAction, type PolicyForm, type StepForm } from "./dunning-form"
import { DUNNING_ACTIONS, type BuiltInDunningPolicy, type DunningAction, type DunningPolicy } from "./types"
import { Field, ProblemList } from "./ui"

type Props = { open: boolean; onOpenChange: (open: boolean) => void; policy?: DunningPolicy | null; builtIn?: BuiltInDunningPolicy | null }

const k = "callBilling.collections.dunning.form"

/**
 * Create or edit a dunning policy: its scope (every account, an issuing
 * entity's accounts, or one account; chosen on creation), grace days, and
 * the steps it takes, each so many days from the due date.
 */
export const DunningPolicyDrawer = ({ open, onOpenChange, policy, builtIn }: Props) => {
  const { t } = useTranslation()
  const [form, setForm] = useState<PolicyForm>(emptyPolicy(builtIn))
  const [problems, setProblems] = useState<Problem[]>([])
  // after a first submit, problems follow the form as it is corrected
  const [submitted, setSubmitted] = useState(false)
  const save = useSaveDunningPolicy(policy?.id)
  const entities = useEntities({ limit: 1000 })
  const accounts = useBillingAccounts({ limit: 1000 })
  const editing = !!policy

  useEffect(() => {
    if (open) {
      setForm(policy ? fromPolicy(policy) : emptyPolicy(builtIn))
      setProblems([])
      setSubmitted(false)
    }
  }, [open, policy, builtIn])

  useEffect(() => {
    if (submitted) setProblems(validatePolicy(form))
  }, [form, submitted])

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    const found = validatePolicy(form)
    setProblems(found)
    setSubmitted(true)
    if (found.length) return
    try {
      const { dunning_policy } = await save.mutateAsync(toPolicyInput(form, editing))
      toast.success(t(editing ? `${k}.updated` : `${k}.created`, { name: dunning_policy?.name ?? form.name }))
      onOpenChange(false)
    } catch (err) {
      toastError(err)
    }
  }

  const setStep = (i: number, patch: Partial<StepForm>) => setForm({ ...form, steps: form.steps.map((s, j) => (j === i ? { ...s, ...patch } : s)) })
  const label = (path: string) => {
    const m = /^steps\.(\d+)\.(\w+)$/.exec(path)
    return m ? t(`${k}.paths.step`, { n: Number(m[1]) + 1, field: t(`${k}.stepFields.${m[2]}`) }) : t(`${k}.fields.${path}`, { defaultValue: path })
  }
  const stepProblem = problems.find((p) => p.path === "steps")

  return (
    <Drawer open={open} onOpenChange={onOpenChange}>
      <Drawer.Content>
        <form onSubmit={submit} noValidate className="flex flex-1 flex-col overflow-hidden" data-testid="dunning-policy-form">
          <Drawer.Header>
            <Drawer.Title asChild>
              <Heading>{t(editing ? `${k}.editTitle` : `${k}.createTitle`)}</Heading>
            </Drawer.Title>
            <Drawer.Description className="sr-only">{t(`${k}.description`)}</Drawer.Description>
          </Drawer.Header>
          <Drawer.Body className="flex flex-1 flex-col gap-y-4 overflow-y-auto">
            <Field label={t(`${k}.fields.name`)} htmlFor="dunning-name" problems={problems} path="name">
              <Input id="dunning-name" name="name" value={form.name} placeholder={t(`${k}.namePlaceholder`)} onChange={(e) => setForm({ ...form, name: e.target.value })} />
            </Field>
            <div className="grid grid-cols-2 gap-4">
              <Field label={t(`${k}.fields.scope`)} htmlFor="dunning-scope" hint={editing ? t(`${k}.scopeFixed`) : undefined}>
                <select
                  id="dunning-scope"
                  name="scope"
                  className={selectClass}
                  value={form.scope}
                  disabled={editing}
                  onChange={(e) => setForm({ ...form, scope: e.target.value as PolicyForm["scope"] })}
                  data-testid="dunning-scope"
                >
                  {POLICY_SCOPES.map((s) => (
                    <option key={s} value={s}>
                      {t(`${k}.scopes.${s}`)}
                    </option>
                  ))}
                </select>
              </Field>
              {form.scope === "entity" && (
                <Field label={t(`${k}.fields.entity_id`)} htmlFor="dunning-entity" problems={problems} path="entity_id">
                  <select id="dunning-entity" name="entity_id" className={selectClass} value={form.entity_id} disabled={editing} onChange={(e) => setForm({ ...form, entity_id: e.target.value })}>
                    <option value="">{t(`${k}.chooseEntity`)}</option>
                    {/* a stored id the list does not hold (yet) stays selectable */}
                    {form.entity_id && !entities.data?.issuing_entities.some((x) => x.id === form.entity_id) && <option value={form.entity_id}>{form.entity_id}</option>}
                    {(entities.data?.issuing_entities ?? []).map((x) => (
                      <option key={x.id} value={x.id}>
                        {x.code} – {x.legal_name}
                      </option>
                    ))}
                  </select>
                </Field>
              )}
              {form.scope === "account" && (
                <Field label={t(`${k}.fields.account_id`)} htmlFor="dunning-account" problems={problems} path="account_id">
                  <select id="dunning-account" name="account_id" className={selectClass} value={form.account_id} disabled={editing} onChange={(e) => setForm({ ...form, account_id: e.target.value })}>
                    <option value="">{t(`${k}.chooseAccount`)}</option>
                    {form.account_id && !accounts.data?.billing_accounts.some((x) => x.id === form.account_id) && <option value={form.account_id}>{form.account_id}</option>}
                    {(accounts.data?.billing_accounts ?? []).map((x) => (
                      <option key={x.id} value={x.id}>
                        {x.code} – {x.name}
                      </option>
                    ))}
                  </select>
                </Field>
              )}
            </div>
            <div className="grid grid-cols-2 gap-4">
              <Field label={t(`${k}.fields.grace_days`)} htmlFor="dunning-grace" problems={problems} path="grace_days" hint={t(`${k}.graceHint`)}>
                <Input id="dunning-grace" name="grace_days" inputMode="numeric" value={form.grace_days} placeholder="0" onChange={(e) => setForm({ ...form, grace_days: e.target.value })} />
              </Field>
              <label className="txt-compact-small mt-6 flex items-center gap-x-2">
                <input type="checkbox" name="active" checked={form.active} onChange={(e) => setForm({ ...form, active: e.target.checked })} data-testid="dunning-active" />
                {t(`${k}.fields.active`)}
              </label>
            </div>

            <div className="flex flex-col gap-y-2" data-testid="dunning-steps">
              <div className="flex items-start justify-between gap-x-2">
                <div className="flex-1">
                  <Text size="small" weight="plus">
                    {t(`${k}.steps`)}
                  </Text>
                  <Text size="xsmall" className="text-ui-fg-subtle">
                    {t(`${k}.stepsHint`)}
                  </Text>
                </div>
                <Button size="small" variant="transparent" type="button" className="shrink-0" onClick={() => setForm({ ...form, steps: [...form.steps, newStep(form.steps)] })} data-testid="dunning-add-step">
                  <Plus />
                  {t(`${k}.addStep`)}
                </Button>
              </div>
              {stepProblem && (
                <Text size="xsmall" className="text-ui-fg-error" data-testid="problem-steps">
                  {t(`callBilling.collections.errors.${stepProblem.key}`)}
                </Text>
              )}
              {form.steps.map((s, i) => (
                <div key={s.key} className="flex items-start gap-x-2" data-testid={`dunning-step-${i}`}>
                  <Field label={t(`${k}.stepFields.code`)} htmlFor={`steps.${i}.code`} problems={problems} path={`steps.${i}.code`} className="flex-1">
                    <Input id={`steps.${i}.code`} name={`steps.${i}.code`} size="small" value={s.code} placeholder="reminder" onChange={(e) => setStep(i, { code: e.target.value })} />
                  </Field>
                  <Field label={t(`${k}.stepFields.action`)} htmlFor={`steps.${i}.action`} problems={problems} path={`steps.${i}.action`} className="w-32">
                    <select id={`steps.${i}.action`} name={`steps.${i}.action`} className={selectClass} value={s.action} onChange={(e) => setForm({ ...form, steps: withAction(form.steps, i, e.target.value as DunningAction) })}>
                      {DUNNING_ACTIONS.map((a) => (
                        <option key={a} value={a}>
                          {t(`callBilling.collections.dunning.actions.${a}`)}
                        </option>
                      ))}
                    </select>
                  </Field>
                  <Field label={t(`${k}.stepFields.days`)} htmlFor={`steps.${i}.days`} problems={problems} path={`steps.${i}.days`} className="w-24">
                    <Input id={`steps.${i}.days`} name={`steps.${i}.days`} size="small" inputMode="numeric" value={s.days} placeholder="-3" onChange={(e) => setStep(i, { days: e.target.value })} />
                  </Field>
                  <IconButton
                    size="small"
                    variant="transparent"
                    type="button"
                    className="mt-5"
                    aria-label={t(`${k}.removeStep`)}
                    onClick={() => setForm({ ...form, steps: form.steps.filter((_, j) => j !== i) })}
                    data-testid={`dunning-step-remove-${i}`}
                  >
                    <Trash />
                  </IconButton>
                </div>
              ))}
            </div>
            <ProblemList problems={problems} testId="dunning-policy-problems" label={label} />
          </Drawer.Body>
          <Drawer.Footer>
            <Drawer.Close asChild>
              <Button size="small" variant="secondary" type="button">
                {t("billing.actions.cancel")}
              </Button>
            </Drawer.Close>
            <Button size="small" type="submit" isLoading={save.isPending} data-testid="dunning-policy-submit">
              {t("billing.actions.save")}
            </Button>
          </Drawer.Footer>
        </form>
      </Drawer.Content>
    </Drawer>
  )
}
