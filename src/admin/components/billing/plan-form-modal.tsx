import { Button, FocusModal, Heading, Input, Text, Textarea, toast } from "@medusajs/ui"
import { FormEvent, useEffect, useState } from "react"
import { useTranslation } from "react-i18next"
import { useSavePlan } from "../../hooks/billing"
import { toastError } from "../../lib/errors"
import { ComponentEditor } from "./component-editor"
import { selectClass, type Problem } from "./format"
import { emptyComponent, emptyPlan, fromPlan, toPlanInput, validatePlan, type PlanForm } from "./plan-form"
import { PLAN_INTERVALS, type Plan } from "./types"
import { Field, ProblemList } from "./ui"

type Props = {
  open: boolean
  onOpenChange: (open: boolean) => void
  /** the plan to edit; none = create */
  plan?: Plan | null
}

const k = "billing.plans.form"

/** Create or edit a plan and its components in a focus modal. */
export const PlanFormModal = ({ open, onOpenChange, plan }: Props) => {
  const { t } = useTranslation()
  const [form, setForm] = useState<PlanForm>(emptyPlan())
  const [problems, setProblems] = useState<Problem[]>([])
  // after a first submit, problems follow the form as it is corrected
  const [submitted, setSubmitted] = useState(false)
  const save = useSavePlan(plan?.id)

  useEffect(() => {
    if (open) {
      setForm(plan ? fromPlan(plan) : emptyPlan())
      setProblems([])
      setSubmitted(false)
    }
  }, [open, plan])

  const set = <F extends keyof PlanForm>(f: F, v: PlanForm[F]) => setForm((x) => ({ ...x, [f]: v }))

  useEffect(() => {
    if (submitted) setProblems(validatePlan(form))
  }, [form, submitted])

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    const found = validatePlan(form)
    setProblems(found)
    setSubmitted(true)
    if (found.length) return
    try {
      const { plan: saved } = await save.mutateAsync(toPlanInput(form))
      toast.success(t(plan ? `${k}.updated` : `${k}.created`, { code: saved.code }))
      onOpenChange(false)
    } catch (err) {
      toastError(err)
    }
  }

  const label = (path: string) => {
    const m = /^components\.(\d+)\.(.+)$/.exec(path)
    if (!m) return t(`${k}.fields.${path}`, { defaultValue: path })
    const c = form.components[Number(m[1])]
    return `${c?.code || t("billing.plans.components.numbered", { n: Number(m[1]) + 1 })} · ${m[2].replace(/\./g, " ")}`
  }

  return (
    <FocusModal open={open} onOpenChange={onOpenChange}>
      <FocusModal.Content>
        <form onSubmit={submit} noValidate className="flex h-full flex-col overflow-hidden" data-testid="plan-form">
          <FocusModal.Header>
            <FocusModal.Title asChild>
              <span className="sr-only">{t(plan ? `${k}.editTitle` : `${k}.createTitle`)}</span>
            </FocusModal.Title>
            <FocusModal.Description className="sr-only">{t(`${k}.description`)}</FocusModal.Description>
          </FocusModal.Header>
          <FocusModal.Body className="flex flex-1 flex-col items-center overflow-y-auto py-8">
            <div className="flex w-full max-w-[880px] flex-col gap-y-6 px-4">
              <div>
                <Heading level="h2">{t(plan ? `${k}.editTitle` : `${k}.createTitle`)}</Heading>
                <Text size="small" className="text-ui-fg-subtle">
                  {t(`${k}.description`)}
                </Text>
              </div>
              <div className="grid grid-cols-2 gap-4">
                <Field label={t(`${k}.fields.code`)} htmlFor="plan-code" problems={problems} path="code">
                  <Input id="plan-code" name="code" value={form.code} placeholder="contact-centre" onChange={(e) => set("code", e.target.value)} />
                </Field>
                <Field label={t(`${k}.fields.name`)} htmlFor="plan-name" problems={problems} path="name">
                  <Input id="plan-name" name="name" value={form.name} placeholder="Contact centre" onChange={(e) => set("name", e.target.value)} />
                </Field>
                <Field label={t(`${k}.fields.currency_code`)} htmlFor="plan-currency" problems={problems} path="currency_code">
                  <Input id="plan-currency" name="currency_code" maxLength={3} value={form.currency_code} placeholder="USD" onChange={(e) => set("currency_code", e.target.value.toUpperCase())} />
                </Field>
                <Field label={t(`${k}.fields.interval`)} htmlFor="plan-interval">
                  <select id="plan-interval" name="interval" className={selectClass} value={form.interval} onChange={(e) => set("interval", e.target.value as PlanForm["interval"])}>
                    {PLAN_INTERVALS.map((i) => (
                      <option key={i} value={i}>
                        {t(`billing.intervals.${i}`)}
                      </option>
                    ))}
                  </select>
                </Field>
                <Field label={t(`${k}.fields.term_discount_percent`)} htmlFor="plan-discount" problems={problems} path="term_discount_percent" hint={t(`${k}.discountHint`)}>
                  <Input id="plan-discount" name="term_discount_percent" inputMode="decimal" value={form.term_discount_percent} placeholder="0" onChange={(e) => set("term_discount_percent", e.target.value)} />
                </Field>
                <Field label={t(`${k}.fields.trial_days`)} htmlFor="plan-trial" problems={problems} path="trial_days">
                  <Input id="plan-trial" name="trial_days" inputMode="numeric" value={form.trial_days} onChange={(e) => set("trial_days", e.target.value)} />
                </Field>
                <Field label={t(`${k}.fields.description`)} htmlFor="plan-description" problems={problems} path="description" className="col-span-2">
                  <Textarea id="plan-description" name="description" rows={2} value={form.description} onChange={(e) => set("description", e.target.value)} />
                </Field>
              </div>
              <ComponentEditor
                components={form.components}
                problems={problems}
                onChange={(components) => set("components", components)}
                onAdd={() => set("components", [...form.components, emptyComponent("recurring")])}
              />
              <ProblemList problems={problems} testId="plan-form-problems" label={label} />
            </div>
          </FocusModal.Body>
          <FocusModal.Footer>
            <div className="flex items-center justify-end gap-x-2">
              <FocusModal.Close asChild>
                <Button size="small" variant="secondary" type="button">
                  {t("billing.actions.cancel")}
                </Button>
              </FocusModal.Close>
              <Button size="small" type="submit" isLoading={save.isPending} data-testid="plan-form-submit">
                {t("billing.actions.save")}
              </Button>
            </div>
          </FocusModal.Footer>
        </form>
      </FocusModal.Content>
    </FocusModal>
  )
}
