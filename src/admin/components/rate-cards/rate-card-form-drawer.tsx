import { Button, Drawer, Heading, Input, Label, Text, toast } from "@medusajs/ui"
import { FormEvent, ReactNode, useEffect, useState } from "react"
import { useTranslation } from "react-i18next"
import { RateCardInput, useSaveRateCard, useTimeProfileOptions } from "../../hooks/rate-cards"
import { toastError } from "../../lib/errors"
import type { RateCard } from "../../lib/types"
import { selectClass } from "./format"
import { isIsoCurrency } from "../../lib/currency"

type FormState = {
  code: string
  name: string
  kind: "sell" | "buy"
  currency_code: string
  decimals: string
  rounding: RateCard["rounding"]
  direction: RateCard["direction"]
  carrier: string
  time_profile_id: string
  charge_unanswered: boolean
}

type Errors = Partial<Record<keyof FormState, string>>

const EMPTY: FormState = {
  code: "",
  name: "",
  kind: "sell",
  currency_code: "",
  decimals: "4",
  rounding: "half_up",
  direction: "outbound",
  carrier: "",
  time_profile_id: "",
  charge_unanswered: false,
}

const fromCard = (c: RateCard): FormState => ({
  code: c.code,
  name: c.name,
  kind: c.kind,
  currency_code: c.currency_code.toUpperCase(),
  decimals: String(c.decimals),
  rounding: c.rounding,
  direction: c.direction,
  carrier: c.carrier ?? "",
  time_profile_id: c.time_profile_id ?? "",
  charge_unanswered: c.charge_unanswered,
})

/** The same checks as the server's validator, so obvious mistakes never leave the form. */
function validate(f: FormState, t: (k: string) => string): Errors {
  const e: Errors = {}
  const k = "callBilling.rateCards.form.errors"
  if (!f.code.trim()) e.code = t(`${k}.codeRequired`)
  else if (f.code.trim().length > 64) e.code = t(`${k}.codeTooLong`)
  if (!f.name.trim()) e.name = t(`${k}.nameRequired`)
  else if (f.name.trim().length > 200) e.name = t(`${k}.nameTooLong`)
  if (!isIsoCurrency(f.currency_code)) e.currency_code = t(`${k}.currency`)
  if (!/^\d+$/.test(f.decimals.trim()) || Number(f.decimals) > 8) e.decimals = t(`${k}.decimals`)
  if (f.kind === "buy" && !f.carrier.trim()) e.carrier = t(`${k}.carrierRequired`)
  return e
}

type Props = {
  open: boolean
  onOpenChange: (open: boolean) => void
  /** the card to edit; none = create */
  card?: RateCard | null
  onSaved?: (card: RateCard) => void
}

/** Create or edit a rate card's settings in a drawer. */
export const RateCardFormDrawer = ({ open, onOpenChange, card, onSaved }: Props) => {
  const { t } = useTranslation()
  const [form, setForm] = useState<FormState>(EMPTY)
  const [errors, setErrors] = useState<Errors>({})
  const save = useSaveRateCard(card?.id)
  const profiles = useTimeProfileOptions()

  useEffect(() => {
    if (open) {
      setForm(card ? fromCard(card) : EMPTY)
      setErrors({})
    }
  }, [open, card])

  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => {
    setForm((f) => ({ ...f, [key]: value }))
    setErrors((e) => ({ ...e, [key]: undefined }))
  }

  const onSubmit = async (ev: FormEvent) => {
    ev.preventDefault()
    const found = validate(form, t)
    setErrors(found)
    if (Object.values(found).some(Boolean)) return
    const body: RateCardInput = {
      code: form.code.trim(),
      name: form.name.trim(),
      kind: form.kind,
      currency_code: form.currency_code.trim().toUpperCase(),
      decimals: Number(form.decimals),
      rounding: form.rounding,
      direction: form.direction,
      carrier: form.carrier.trim() || null,
      time_profile_id: form.time_profile_id || null,
      charge_unanswered: form.charge_unanswered,
    }
    try {
      const { rate_card } = await save.mutateAsync(body)
      toast.success(t(card ? "callBilling.rateCards.form.updated" : "callBilling.rateCards.form.created", { code: rate_card.code }))
      onOpenChange(false)
      onSaved?.(rate_card)
    } catch (e) {
      toastError(e)
    }
  }

  const field = (key: keyof FormState, label: string, control: ReactNode, hint?: string) => (
    <div className="flex flex-col gap-y-2">
      <Label htmlFor={`rate-card-${key}`} size="small" weight="plus">
        {label}
      </Label>
      {control}
      {errors[key] ? (
        <Text size="small" className="text-ui-fg-error" data-testid={`rate-card-form-error-${key}`}>
          {errors[key]}
        </Text>
      ) : hint ? (
        <Text size="small" className="text-ui-fg-subtle">
          {hint}
        </Text>
      ) : null}
    </div>
  )

  const f = "callBilling.rateCards.form"
  return (
    <Drawer open={open} onOpenChange={onOpenChange}>
      <Drawer.Content>
        <form onSubmit={onSubmit} noValidate data-testid="rate-card-form" className="flex flex-1 flex-col overflow-hidden">
          <Drawer.Header>
            <Drawer.Title asChild>
              <Heading>{t(card ? `${f}.editTitle` : `${f}.createTitle`)}</Heading>
            </Drawer.Title>
            <Drawer.Description className="sr-only">{t(`${f}.description`)}</Drawer.Description>
          </Drawer.Header>
          <Drawer.Body className="flex flex-1 flex-col gap-y-4 overflow-y-auto">
            <div className="grid grid-cols-2 gap-4">
              {field(
                "code",
                t(`${f}.code`),
                <Input id="rate-card-code" name="code" value={form.code} aria-invalid={!!errors.code} onChange={(e) => set("code", e.target.value)} />
              )}
              {field(
                "name",
                t(`${f}.name`),
                <Input id="rate-card-name" name="name" value={form.name} aria-invalid={!!errors.name} onChange={(e) => set("name", e.target.value)} />
              )}
              {field(
                "kind",
                t(`${f}.kind`),
                <select id="rate-card-kind" name="kind" className={selectClass} value={form.kind} onChange={(e) => set("kind", e.target.value as FormState["kind"])}>
                  <option value="sell">{t("callBilling.rateCards.kind.sell")}</option>
                  <option value="buy">{t("callBilling.rateCards.kind.buy")}</option>
                </select>
              )}
              {field(
                "currency_code",
                t(`${f}.currency`),
                <Input
                  id="rate-card-currency_code"
                  name="currency_code"
                  value={form.currency_code}
                  maxLength={3}
                  placeholder="GBP"
                  aria-invalid={!!errors.currency_code}
                  onChange={(e) => set("currency_code", e.target.value.toUpperCase())}
                />
              )}
              {field(
                "carrier",
                t(`${f}.carrier`),
                <Input id="rate-card-carrier" name="carrier" value={form.carrier} aria-invalid={!!errors.carrier} onChange={(e) => set("carrier", e.target.value)} />,
                t(`${f}.carrierHint`)
              )}
              {field(
                "direction",
                t(`${f}.direction`),
                <select id="rate-card-direction" name="direction" className={selectClass} value={form.direction} onChange={(e) => set("direction", e.target.value as FormState["direction"])}>
                  <option value="outbound">{t("callBilling.rateCards.direction.outbound")}</option>
                  <option value="inbound">{t("callBilling.rateCards.direction.inbound")}</option>
                  <option value="both">{t("callBilling.rateCards.direction.both")}</option>
                </select>
              )}
              {field(
                "decimals",
                t(`${f}.decimals`),
                <Input
                  id="rate-card-decimals"
                  name="decimals"
                  type="number"
                  min={0}
                  max={8}
                  step={1}
                  value={form.decimals}
                  aria-invalid={!!errors.decimals}
                  onChange={(e) => set("decimals", e.target.value)}
                />
              )}
              {field(
                "rounding",
                t(`${f}.rounding`),
                <select id="rate-card-rounding" name="rounding" className={selectClass} value={form.rounding} onChange={(e) => set("rounding", e.target.value as FormState["rounding"])}>
                  {(["half_up", "up", "down", "half_even"] as const).map((r) => (
                    <option key={r} value={r}>
                      {t(`callBilling.rateCards.rounding.${r}`)}
                    </option>
                  ))}
                </select>
              )}
            </div>
            {field(
              "time_profile_id",
              t(`${f}.timeProfile`),
              <select
                id="rate-card-time_profile_id"
                name="time_profile_id"
                className={selectClass}
                value={form.time_profile_id}
                disabled={profiles.isLoading}
                onChange={(e) => set("time_profile_id", e.target.value)}
              >
                <option value="">{t(`${f}.noTimeProfile`)}</option>
                {(profiles.data?.time_profiles ?? []).map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name} ({p.code})
                  </option>
                ))}
              </select>
            )}
            <div className="flex items-center gap-x-2">
              <input
                id="rate-card-charge_unanswered"
                name="charge_unanswered"
                type="checkbox"
                checked={form.charge_unanswered}
                onChange={(e) => set("charge_unanswered", e.target.checked)}
              />
              <Label htmlFor="rate-card-charge_unanswered" size="small">
                {t(`${f}.chargeUnanswered`)}
              </Label>
            </div>
          </Drawer.Body>
          <Drawer.Footer>
            <Drawer.Close asChild>
              <Button size="small" variant="secondary" type="button">
                {t("callBilling.rateCards.actions.cancel")}
              </Button>
            </Drawer.Close>
            <Button size="small" type="submit" isLoading={save.isPending} data-testid="rate-card-form-submit">
              {t("callBilling.rateCards.actions.save")}
            </Button>
          </Drawer.Footer>
        </form>
      </Drawer.Content>
    </Drawer>
  )
}
