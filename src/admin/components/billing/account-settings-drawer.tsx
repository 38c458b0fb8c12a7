import { Button, Drawer, Heading, Input, Text, toast } from "@medusajs/ui"
import { FormEvent, useEffect, useState } from "react"
import { useTranslation } from "react-i18next"
import { useEntities, useTaxProfiles, useUpdateAccountBilling } from "../../hooks/billing"
import { toastError } from "../../lib/errors"
import { ADDRESS_FIELDS } from "./entity-form"
import { selectClass, type Problem } from "./format"
import { fromAccount, toSettingsInput, validateSettings, type SettingsForm } from "./settings-form"
import type { AccountBilling } from "./types"
import { Field, ProblemList } from "./ui"

type Props = { account: AccountBilling; open: boolean; onOpenChange: (open: boolean) => void }

const k = "billing.account.settings"

/** Edits how an account is billed: issuer, tax, prepaid or postpaid, limits, terms and period options. */
export const AccountSettingsDrawer = ({ account, open, onOpenChange }: Props) => {
  const { t } = useTranslation()
  const [form, setForm] = useState<SettingsForm>(fromAccount(account))
  const [problems, setProblems] = useState<Problem[]>([])
  // after a first submit, problems follow the form as it is corrected
  const [submitted, setSubmitted] = useState(false)
  const update = useUpdateAccountBilling(account.id)
  const entities = useEntities({ limit: 1000 })
  const profiles = useTaxProfiles({ limit: 1000 })

  useEffect(() => {
    if (open) {
      setForm(fromAccount(account))
      setProblems([])
      setSubmitted(false)
    }
  }, [open, account])

  const set = <F extends keyof SettingsForm>(f: F, v: SettingsForm[F]) => setForm((x) => ({ ...x, [f]: v }))
  useEffect(() => {
    if (submitted) setProblems(validateSettings(form))
  }, [form, submitted])

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    const found = validateSettings(form)
    setProblems(found)
    setSubmitted(true)
    if (found.length) return
    try {
      await update.mutateAsync(toSettingsInput(form))
      toast.success(t(`${k}.saved`))
      onOpenChange(false)
    } catch (err) {
      toastError(err)
    }
  }

  const text = (f: "credit_limit" | "low_balance_threshold" | "invoicing_floor" | "net_days" | "anchor_day" | "grace_minutes" | "tax_id", mode: "decimal" | "numeric" | "text") => (
    <Field label={t(`${k}.fields.${f}`)} htmlFor={`settings-${f}`} problems={problems} path={f} hint={t(`${k}.hints.${f}`, { defaultValue: "" }) || undefined}>
      <Input id={`settings-${f}`} name={f} inputMode={mode} value={form[f]} onChange={(e) => set(f, e.target.value)} />
    </Field>
  )

  return (
    <Drawer open={open} onOpenChange={onOpenChange}>
      <Drawer.Content>
        <form onSubmit={submit} noValidate className="flex flex-1 flex-col overflow-hidden" data-testid="account-settings-form">
          <Drawer.Header>
            <Drawer.Title asChild>
              <Heading>{t(`${k}.title`)}</Heading>
            </Drawer.Title>
            <Drawer.Description className="sr-only">{t(`${k}.title`)}</Drawer.Description>
          </Drawer.Header>
          <Drawer.Body className="flex flex-1 flex-col gap-y-4 overflow-y-auto">
            <div className="grid grid-cols-2 gap-4">
              <Field label={t(`${k}.fields.entity_id`)} htmlFor="settings-entity" className="col-span-2">
                <select id="settings-entity" name="entity_id" className={selectClass} value={form.entity_id} onChange={(e) => set("entity_id", e.target.value)}>
                  <option value="">{t(`${k}.noEntity`)}</option>
                  {(entities.data?.issuing_entities ?? []).map((x) => (
                    <option key={x.id} value={x.id}>
                      {x.legal_name} ({x.code}, {x.currency_code.toUpperCase()})
                    </option>
                  ))}
                </select>
              </Field>
              <Field label={t(`${k}.fields.tax_profile_id`)} htmlFor="settings-tax-profile" className="col-span-2">
                <select id="settings-tax-profile" name="tax_profile_id" className={selectClass} value={form.tax_profile_id} onChange={(e) => set("tax_profile_id", e.target.value)}>
                  <option value="">{t(`${k}.noTaxProfile`)}</option>
                  {(profiles.data?.tax_profiles ?? []).map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.name} ({p.code})
                    </option>
                  ))}
                </select>
              </Field>
              <Field label={t(`${k}.fields.payment_mode`)} htmlFor="settings-payment-mode">
                <select id="settings-payment-mode" name="payment_mode" className={selectClass} value={form.payment_mode} onChange={(e) => set("payment_mode", e.target.value as SettingsForm["payment_mode"])}>
                  <option value="postpaid">{t("billing.paymentModes.postpaid")}</option>
                  <option value="prepaid">{t("billing.paymentModes.prepaid")}</option>
                </select>
              </Field>
              {form.payment_mode === "postpaid" ? text("credit_limit", "decimal") : text("low_balance_threshold", "decimal")}
              {text("invoicing_floor", "decimal")}
              {text("net_days", "numeric")}
              {text("anchor_day", "numeric")}
              {text("grace_minutes", "numeric")}
              <Field label={t(`${k}.fields.late_usage`)} htmlFor="settings-late-usage">
                <select id="settings-late-usage" name="late_usage" className={selectClass} value={form.late_usage} onChange={(e) => set("late_usage", e.target.value as SettingsForm["late_usage"])}>
                  <option value="debit_note">{t("billing.lateUsage.debit_note")}</option>
                  <option value="next_period">{t("billing.lateUsage.next_period")}</option>
                </select>
              </Field>
              <label className="txt-compact-small flex items-center gap-x-2 self-end pb-2">
                <input type="checkbox" name="auto_finalize" checked={form.auto_finalize} onChange={(e) => set("auto_finalize", e.target.checked)} />
                {t(`${k}.fields.auto_finalize`)}
              </label>
            </div>
            <Text size="small" weight="plus">
              {t(`${k}.billTo`)}
            </Text>
            <div className="grid grid-cols-2 gap-4">
              {text("tax_id", "text")}
              {ADDRESS_FIELDS.map((f) => (
                <Field key={f} label={t(`billing.address.${f}`)} htmlFor={`settings-address-${f}`} problems={problems} path={`address.${f}`}>
                  <Input id={`settings-address-${f}`} name={`address.${f}`} value={form.address[f]} onChange={(e) => set("address", { ...form.address, [f]: e.target.value })} />
                </Field>
              ))}
            </div>
            <ProblemList problems={problems} testId="account-settings-problems" label={(p) => (p.startsWith("address.") ? t(`billing.address.${p.slice(8)}`) : t(`${k}.fields.${p}`, { defaultValue: p }))} />
          </Drawer.Body>
          <Drawer.Footer>
            <Drawer.Close asChild>
              <Button size="small" variant="secondary" type="button">
                {t("billing.actions.cancel")}
              </Button>
            </Drawer.Close>
            <Button size="small" type="submit" isLoading={update.isPending} data-testid="account-settings-submit">
              {t("billing.actions.save")}
            </Button>
          </Drawer.Footer>
        </form>
      </Drawer.Content>
    </Drawer>
  )
}
