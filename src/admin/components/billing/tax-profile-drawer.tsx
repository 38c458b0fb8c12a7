import { Plus, Trash } from "@medusajs/icons"
import { Button, Drawer, Heading, IconButton, Input, Text, Textarea, toast } from "@medusajs/ui"
import { FormEvent, useEffect, useState } from "react"
import { useTranslation } from "react-i18next"
import { useSaveTaxProfile } from "../../hooks/billing"
import { toastError } from "../../lib/errors"
import { selectClass, type Problem } from "./format"
import { emptySurcharge, emptyTaxComponent, emptyTaxProfile, fromTaxProfile, toTaxProfileInput, validateTaxProfile, type TaxForm } from "./tax-form"
import type { TaxProfile } from "./types"
import { Field, ProblemList } from "./ui"

type Props = { open: boolean; onOpenChange: (open: boolean) => void; profile?: TaxProfile | null }

const k = "billing.setup.taxProfiles.form"

/** Create or edit a tax profile: its rates (one per component, e.g. CGST + SGST), surcharges and legal note. */
export const TaxProfileDrawer = ({ open, onOpenChange, profile }: Props) => {
  const { t } = useTranslation()
  const [form, setForm] = useState<TaxForm>(emptyTaxProfile())
  const [problems, setProblems] = useState<Problem[]>([])
  // after a first submit, problems follow the form as it is corrected
  const [submitted, setSubmitted] = useState(false)
  const save = useSaveTaxProfile(profile?.id)

  useEffect(() => {
    if (open) {
      setForm(profile ? fromTaxProfile(profile) : emptyTaxProfile())
      setProblems([])
      setSubmitted(false)
    }
  }, [open, profile])

  useEffect(() => {
    if (submitted) setProblems(validateTaxProfile(form))
  }, [form, submitted])

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    const found = validateTaxProfile(form)
    setProblems(found)
    setSubmitted(true)
    if (found.length) return
    try {
      const { tax_profile } = await save.mutateAsync(toTaxProfileInput(form))
      toast.success(t(profile ? `${k}.updated` : `${k}.created`, { code: tax_profile?.code ?? form.code }))
      onOpenChange(false)
    } catch (err) {
      toastError(err)
    }
  }

  const setComponent = (i: number, f: "code" | "name" | "percent", v: string) =>
    setForm({ ...form, components: form.components.map((c, j) => (j === i ? { ...c, [f]: v } : c)) })
  const setSurcharge = (i: number, patch: Partial<TaxForm["surcharges"][number]>) =>
    setForm({ ...form, surcharges: form.surcharges.map((s, j) => (j === i ? { ...s, ...patch } : s)) })
  const label = (path: string) => {
    const m = /^(\w+)\.(\d+)\.(\w+)$/.exec(path)
    return m ? `${t(`${k}.paths.${m[1]}_${m[3]}`)} ${Number(m[2]) + 1}` : t(`${k}.paths.${path}`, { defaultValue: path })
  }

  return (
    <Drawer open={open} onOpenChange={onOpenChange}>
      <Drawer.Content>
        <form onSubmit={submit} noValidate className="flex flex-1 flex-col overflow-hidden" data-testid="tax-profile-form">
          <Drawer.Header>
            <Drawer.Title asChild>
              <Heading>{t(profile ? `${k}.editTitle` : `${k}.createTitle`)}</Heading>
            </Drawer.Title>
            <Drawer.Description className="sr-only">{t(`${k}.description`)}</Drawer.Description>
          </Drawer.Header>
          <Drawer.Body className="flex flex-1 flex-col gap-y-4 overflow-y-auto">
            <div className="grid grid-cols-2 gap-4">
              <Field label={t(`${k}.code`)} htmlFor="tax-code" problems={problems} path="code">
                <Input id="tax-code" name="code" value={form.code} placeholder="vat20" onChange={(e) => setForm({ ...form, code: e.target.value })} />
              </Field>
              <Field label={t(`${k}.name`)} htmlFor="tax-name" problems={problems} path="name">
                <Input id="tax-name" name="name" value={form.name} placeholder="VAT 20 %" onChange={(e) => setForm({ ...form, name: e.target.value })} />
              </Field>
            </div>
            <div className="flex flex-col gap-y-2">
              {(["inclusive", "exempt", "reverse_charge"] as const).map((f) => (
                <label key={f} className="txt-compact-small flex items-center gap-x-2">
                  <input type="checkbox" name={f} checked={form[f]} onChange={(e) => setForm({ ...form, [f]: e.target.checked })} />
                  {t(`${k}.${f}`)}
                </label>
              ))}
              {problems.find((p) => p.path === "reverse_charge") && (
                <Text size="xsmall" className="text-ui-fg-error">
                  {t("billing.errors.exemptOrReverse")}
                </Text>
              )}
            </div>
            <Field label={t(`${k}.note`)} htmlFor="tax-note" problems={problems} path="note" hint={t(`${k}.noteHint`)}>
              <Textarea id="tax-note" name="note" rows={2} value={form.note} onChange={(e) => setForm({ ...form, note: e.target.value })} />
            </Field>

            <div className="flex flex-col gap-y-2" data-testid="tax-components">
              <div className="flex items-center justify-between">
                <Text size="small" weight="plus">
                  {t(`${k}.rates`)}
                </Text>
                <Button size="small" variant="transparent" type="button" onClick={() => setForm({ ...form, components: [...form.components, emptyTaxComponent()] })} data-testid="tax-add-component">
                  <Plus />
                  {t(`${k}.addRate`)}
                </Button>
              </div>
              {problems.find((p) => p.path === "components") && (
                <Text size="xsmall" className="text-ui-fg-error">
                  {t("billing.errors.taxRateRequired")}
                </Text>
              )}
              {form.components.map((c, i) => (
                <div key={c.key} className="flex items-start gap-x-2" data-testid={`tax-component-${i}`}>
                  <Field label={t(`${k}.rateCode`)} htmlFor={`components.${i}.code`} problems={problems} path={`components.${i}.code`} className="w-24">
                    <Input id={`components.${i}.code`} name={`components.${i}.code`} size="small" value={c.code} placeholder="vat" onChange={(e) => setComponent(i, "code", e.target.value)} />
                  </Field>
                  <Field label={t(`${k}.rateName`)} htmlFor={`components.${i}.name`} problems={problems} path={`components.${i}.name`} className="flex-1">
                    <Input id={`components.${i}.name`} name={`components.${i}.name`} size="small" value={c.name} placeholder="VAT" onChange={(e) => setComponent(i, "name", e.target.value)} />
                  </Field>
                  <Field label={t(`${k}.percent`)} htmlFor={`components.${i}.percent`} problems={problems} path={`components.${i}.percent`} className="w-24">
                    <Input id={`components.${i}.percent`} name={`components.${i}.percent`} size="small" inputMode="decimal" value={c.percent} placeholder="20" onChange={(e) => setComponent(i, "percent", e.target.value)} />
                  </Field>
                  <IconButton size="small" variant="transparent" type="button" className="mt-5" aria-label={t(`${k}.remove`)} onClick={() => setForm({ ...form, components: form.components.filter((_, j) => j !== i) })} data-testid={`tax-component-remove-${i}`}>
                    <Trash />
                  </IconButton>
                </div>
              ))}
            </div>

            <div className="flex flex-col gap-y-2" data-testid="tax-surcharges">
              <div className="flex items-center justify-between">
                <Text size="small" weight="plus">
                  {t(`${k}.surcharges`)}
                </Text>
                <Button size="small" variant="transparent" type="button" onClick={() => setForm({ ...form, surcharges: [...form.surcharges, emptySurcharge()] })} data-testid="tax-add-surcharge">
                  <Plus />
                  {t(`${k}.addSurcharge`)}
                </Button>
              </div>
              {form.surcharges.map((s, i) => (
                <div key={s.key} className="flex flex-col gap-y-1" data-testid={`tax-surcharge-${i}`}>
                  <div className="flex items-start gap-x-2">
                    <Field label={t(`${k}.rateCode`)} htmlFor={`surcharges.${i}.code`} problems={problems} path={`surcharges.${i}.code`} className="w-24">
                      <Input id={`surcharges.${i}.code`} name={`surcharges.${i}.code`} size="small" value={s.code} onChange={(e) => setSurcharge(i, { code: e.target.value })} />
                    </Field>
                    <Field label={t(`${k}.rateName`)} htmlFor={`surcharges.${i}.name`} problems={problems} path={`surcharges.${i}.name`} className="flex-1">
                      <Input id={`surcharges.${i}.name`} name={`surcharges.${i}.name`} size="small" value={s.name} onChange={(e) => setSurcharge(i, { name: e.target.value })} />
                    </Field>
                    <Field label={t(`${k}.surchargeKind`)} htmlFor={`surcharges.${i}.kind`} className="w-32">
                      <select id={`surcharges.${i}.kind`} name={`surcharges.${i}.kind`} className={selectClass} value={s.kind} onChange={(e) => setSurcharge(i, { kind: e.target.value as "percent" | "per_minute" })}>
                        <option value="percent">{t(`${k}.kind.percent`)}</option>
                        <option value="per_minute">{t(`${k}.kind.per_minute`)}</option>
                      </select>
                    </Field>
                    <Field label={t(`${k}.value`)} htmlFor={`surcharges.${i}.value`} problems={problems} path={`surcharges.${i}.value`} className="w-24">
                      <Input id={`surcharges.${i}.value`} name={`surcharges.${i}.value`} size="small" inputMode="decimal" value={s.value} onChange={(e) => setSurcharge(i, { value: e.target.value })} />
                    </Field>
                    <IconButton size="small" variant="transparent" type="button" className="mt-5" aria-label={t(`${k}.remove`)} onClick={() => setForm({ ...form, surcharges: form.surcharges.filter((_, j) => j !== i) })}>
                      <Trash />
                    </IconButton>
                  </div>
                  <label className="txt-compact-small flex items-center gap-x-2">
                    <input type="checkbox" name={`surcharges.${i}.taxable`} checked={s.taxable} onChange={(e) => setSurcharge(i, { taxable: e.target.checked })} />
                    {t(`${k}.taxable`)}
                  </label>
                </div>
              ))}
            </div>
            <ProblemList problems={problems} testId="tax-profile-form-problems" label={label} />
          </Drawer.Body>
          <Drawer.Footer>
            <Drawer.Close asChild>
              <Button size="small" variant="secondary" type="button">
                {t("billing.actions.cancel")}
              </Button>
            </Drawer.Close>
            <Button size="small" type="submit" isLoading={save.isPending} data-testid="tax-profile-form-submit">
              {t("billing.actions.save")}
            </Button>
          </Drawer.Footer>
        </form>
      </Drawer.Content>
    </Drawer>
  )
}
