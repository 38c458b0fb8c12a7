import { Badge, Button, Container, Drawer, Heading, Input, Table, Text, Textarea, toast } from "@medusajs/ui"
import { FormEvent, useEffect, useMemo, useState } from "react"
import { useTranslation } from "react-i18next"
import { useCancelSubscription, useChangeSubscription, usePlan, usePlans, useSubscribe, useSubscription } from "../../hooks/billing"
import { toastError } from "../../lib/errors"
import { localDate, selectClass, type Problem } from "./format"
import { cancelAt, changedQuantities, dateProblems, quantityComponents, quantityProblems, startQuantities } from "./subscription-form"
import type { AccountBilling, Plan, PlanComponent, Subscription } from "./types"
import { Field, ProblemList, Row } from "./ui"

const k = "billing.account.subscription"

const statusColour = (s: Subscription["status"]) => (s === "active" ? "green" : s === "trialing" ? "blue" : "grey")

/** The account's plan: what it pays for, its quantities and recent changes; subscribe, change and cancel. */
export const SubscriptionCard = ({ account }: { account: AccountBilling }) => {
  const { t } = useTranslation()
  const { data, isLoading, isError, error } = useSubscription(account.id)
  const [drawer, setDrawer] = useState<"subscribe" | "change" | "cancel" | null>(null)
  useEffect(() => {
    if (isError) toastError(error)
  }, [isError, error])
  const sub = data?.subscription ?? null
  // a canceled subscription leaves room for a new one
  const live = sub && sub.status !== "canceled" ? sub : null
  const components = sub?.plan.components ?? []
  const names = new Map(components.map((c) => [c.code, c.name]))

  return (
    <Container className="divide-y p-0" data-testid="subscription-card">
      <div className="flex items-center justify-between px-6 py-4">
        <div>
          <Heading level="h2">{t(`${k}.title`)}</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            {t(`${k}.description`)}
          </Text>
        </div>
        <div className="flex gap-2">
          {live ? (
            <>
              <Button size="small" variant="secondary" onClick={() => setDrawer("change")} data-testid="subscription-change">
                {t(`${k}.change`)}
              </Button>
              {!live.cancel_at && (
                <Button size="small" variant="secondary" onClick={() => setDrawer("cancel")} data-testid="subscription-cancel">
                  {t(`${k}.cancel`)}
                </Button>
              )}
            </>
          ) : (
            <Button size="small" variant="secondary" onClick={() => setDrawer("subscribe")} disabled={isLoading} data-testid="subscription-subscribe">
              {t(`${k}.subscribe`)}
            </Button>
          )}
        </div>
      </div>
      {isLoading ? (
        <Text size="small" className="text-ui-fg-muted px-6 py-4">
          {t("billing.loading")}
        </Text>
      ) : !sub ? (
        <Text size="small" className="text-ui-fg-muted px-6 py-4" data-testid="subscription-none">
          {t(`${k}.none`)}
        </Text>
      ) : (
        <>
          <div className="py-2">
            <Row
              label={t(`${k}.plan`)}
              testId="subscription-plan"
              value={
                <>
                  {sub.plan.name} <span className="text-ui-fg-muted font-mono">({sub.plan.code})</span>
                </>
              }
            />
            <Row
              label={t(`${k}.status`)}
              value={
                <Badge size="2xsmall" color={statusColour(sub.status)} data-testid="subscription-status" data-status={sub.status}>
                  {t(`${k}.statuses.${sub.status}`)}
                </Badge>
              }
            />
            <Row label={t(`${k}.startDate`)} value={sub.start_date} testId="subscription-start" />
            {sub.trial_end && <Row label={t(`${k}.trialEnd`)} value={sub.trial_end} />}
            {sub.cancel_at && <Row label={t(`${k}.cancelAt`)} value={sub.cancel_at} testId="subscription-cancel-at" />}
          </div>
          {Object.keys(sub.quantities ?? {}).length > 0 && (
            <div className="px-6 py-4">
              <Text size="small" weight="plus" className="mb-2">
                {t(`${k}.quantities`)}
              </Text>
              <ul className="flex flex-col gap-y-1">
                {Object.entries(sub.quantities).map(([code, qty]) => (
                  <li key={code} className="flex justify-between" data-testid={`subscription-quantity-${code}`} data-quantity={String(qty)}>
                    <Text size="small">{names.get(code) ?? code}</Text>
                    <Text size="small" className="tabular-nums">
                      {String(qty)}
                    </Text>
                  </li>
                ))}
              </ul>
            </div>
          )}
          {(sub.changes?.length ?? 0) > 0 && (
            <div className="overflow-x-auto">
              <Table data-testid="subscription-changes">
                <Table.Header>
                  <Table.Row>
                    <Table.HeaderCell>{t(`${k}.changes.date`)}</Table.HeaderCell>
                    <Table.HeaderCell>{t(`${k}.changes.kind`)}</Table.HeaderCell>
                    <Table.HeaderCell>{t(`${k}.changes.component`)}</Table.HeaderCell>
                    <Table.HeaderCell className="text-right">{t(`${k}.changes.quantity`)}</Table.HeaderCell>
                  </Table.Row>
                </Table.Header>
                <Table.Body>
                  {[...(sub.changes ?? [])]
                    .sort((a, b) => (b.effective_date + b.created_at).localeCompare(a.effective_date + a.created_at))
                    .slice(0, 8)
                    .map((c, i) => (
                      <Table.Row key={i}>
                        <Table.Cell>{c.effective_date}</Table.Cell>
                        <Table.Cell>{t(`${k}.changeKinds.${c.kind}`, { defaultValue: c.kind })}</Table.Cell>
                        <Table.Cell>{c.component_code ? names.get(c.component_code) ?? c.component_code : "–"}</Table.Cell>
                        <Table.Cell className="text-right tabular-nums">
                          {c.quantity_before ?? "–"} → {c.quantity_after ?? "–"}
                        </Table.Cell>
                      </Table.Row>
                    ))}
                </Table.Body>
              </Table>
            </div>
          )}
        </>
      )}
      <SubscribeDrawer account={account} open={drawer === "subscribe"} onOpenChange={(o) => setDrawer(o ? "subscribe" : null)} />
      {live && <ChangeDrawer account={account} subscription={live} open={drawer === "change"} onOpenChange={(o) => setDrawer(o ? "change" : null)} />}
      {live && <CancelDrawer subscription={live} open={drawer === "cancel"} onOpenChange={(o) => setDrawer(o ? "cancel" : null)} />}
    </Container>
  )
}

/** Inputs for the quantities a plan takes (seats, add-ons, optional components). */
const QuantityInputs = ({
  components,
  values,
  onChange,
  problems,
}: {
  components: PlanComponent[]
  values: Record<string, string>
  onChange: (v: Record<string, string>) => void
  problems: Problem[]
}) => {
  const { t } = useTranslation()
  const list = quantityComponents(components)
  if (!list.length) return null
  return (
    <div className="flex flex-col gap-y-2" data-testid="subscription-quantities">
      <Text size="small" weight="plus">
        {t(`${k}.quantities`)}
      </Text>
      <div className="grid grid-cols-2 gap-4">
        {list.map((c) => (
          <Field key={c.code} label={`${c.name} (${c.code})`} htmlFor={`quantities.${c.code}`} problems={problems} path={`quantities.${c.code}`} hint={c.price ? t(`${k}.unitPrice`, { price: c.price }) : undefined}>
            <Input id={`quantities.${c.code}`} name={`quantities.${c.code}`} inputMode="decimal" value={values[c.code] ?? ""} onChange={(e) => onChange({ ...values, [c.code]: e.target.value })} />
          </Field>
        ))}
      </div>
    </div>
  )
}

/** Active plans in the account's currency (a plan bills in its own currency), and of one interval when changing plan. */
function usePlanOptions(account: AccountBilling, interval?: string) {
  const plans = usePlans({ status: "active", limit: 1000 })
  return useMemo(
    () =>
      (plans.data?.plans ?? []).filter(
        (p) => p.currency_code.toUpperCase() === account.currency_code.toUpperCase() && (!interval || p.interval === interval)
      ),
    [plans.data, account.currency_code, interval]
  )
}

const SubscribeDrawer = ({ account, open, onOpenChange }: { account: AccountBilling; open: boolean; onOpenChange: (o: boolean) => void }) => {
  const { t } = useTranslation()
  const plans = usePlanOptions(account)
  const subscribe = useSubscribe(account.id)
  const [planId, setPlanId] = useState("")
  const [startDate, setStartDate] = useState("")
  const [trialDays, setTrialDays] = useState("")
  const [quantities, setQuantities] = useState<Record<string, string>>({})
  const [problems, setProblems] = useState<Problem[]>([])
  const plan: Plan | undefined = plans.find((p) => p.id === planId)

  useEffect(() => {
    if (open) {
      setPlanId("")
      setStartDate(localDate())
      setTrialDays("")
      setQuantities({})
      setProblems([])
    }
  }, [open])
  const choose = (id: string) => {
    setPlanId(id)
    const p = plans.find((x) => x.id === id)
    setQuantities(startQuantities(p?.components, null))
    setTrialDays(p ? String(p.trial_days ?? 0) : "")
  }

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    const found: Problem[] = []
    if (!plan) found.push({ path: "plan_id", key: "required" })
    found.push(...dateProblems({ start_date: startDate }))
    if (trialDays.trim() && (!/^\d+$/.test(trialDays.trim()) || Number(trialDays) > 365)) found.push({ path: "trial_days", key: "trialDays" })
    if (plan) found.push(...quantityProblems(quantities, quantityComponents(plan.components)))
    setProblems(found)
    if (found.length || !plan) return
    try {
      await subscribe.mutateAsync({
        plan_id: plan.id,
        ...(startDate.trim() ? { start_date: startDate.trim() } : {}),
        ...(trialDays.trim() ? { trial_days: Number(trialDays) } : {}),
        ...(Object.keys(quantities).length ? { quantities: Object.fromEntries(Object.entries(quantities).map(([c, v]) => [c, v.trim()])) } : {}),
      })
      toast.success(t(`${k}.subscribed`, { plan: plan.name }))
      onOpenChange(false)
    } catch (err) {
      toastError(err)
    }
  }

  return (
    <Drawer open={open} onOpenChange={onOpenChange}>
      <Drawer.Content>
        <form onSubmit={submit} noValidate className="flex flex-1 flex-col overflow-hidden" data-testid="subscribe-form">
          <Drawer.Header>
            <Drawer.Title asChild>
              <Heading>{t(`${k}.subscribeTitle`)}</Heading>
            </Drawer.Title>
            <Drawer.Description className="sr-only">{t(`${k}.subscribeTitle`)}</Drawer.Description>
          </Drawer.Header>
          <Drawer.Body className="flex flex-1 flex-col gap-y-4 overflow-y-auto">
            <Field label={t(`${k}.plan`)} htmlFor="subscribe-plan" problems={problems} path="plan_id" hint={plans.length ? undefined : t(`${k}.noPlans`, { currency: account.currency_code.toUpperCase() })}>
              <select id="subscribe-plan" name="plan_id" className={selectClass} value={planId} onChange={(e) => choose(e.target.value)}>
                <option value="">{t(`${k}.choosePlan`)}</option>
                {plans.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name} ({p.code}, {t(`billing.intervals.${p.interval}`)})
                  </option>
                ))}
              </select>
            </Field>
            <div className="grid grid-cols-2 gap-4">
              <Field label={t(`${k}.startDate`)} htmlFor="subscribe-start" problems={problems} path="start_date" hint={t(`${k}.startHint`)}>
                <Input id="subscribe-start" name="start_date" type="date" value={startDate} onChange={(e) => setStartDate(e.target.value)} />
              </Field>
              <Field label={t(`${k}.trialDays`)} htmlFor="subscribe-trial" problems={problems} path="trial_days">
                <Input id="subscribe-trial" name="trial_days" inputMode="numeric" value={trialDays} onChange={(e) => setTrialDays(e.target.value)} />
              </Field>
            </div>
            {plan && <QuantityInputs components={plan.components} values={quantities} onChange={setQuantities} problems={problems} />}
            <ProblemList problems={problems} testId="subscribe-problems" />
          </Drawer.Body>
          <Drawer.Footer>
            <Drawer.Close asChild>
              <Button size="small" variant="secondary" type="button">
                {t("billing.actions.cancel")}
              </Button>
            </Drawer.Close>
            <Button size="small" type="submit" isLoading={subscribe.isPending} data-testid="subscribe-submit">
              {t(`${k}.subscribe`)}
            </Button>
          </Drawer.Footer>
        </form>
      </Drawer.Content>
    </Drawer>
  )
}

const ChangeDrawer = ({
  account,
  subscription,
  open,
  onOpenChange,
}: {
  account: AccountBilling
  subscription: Subscription
  open: boolean
  onOpenChange: (o: boolean) => void
}) => {
  const { t } = useTranslation()
  // a plan change keeps the interval (the server refuses another: cancel and subscribe anew)
  const plans = usePlanOptions(account, subscription.plan.interval)
  const change = useChangeSubscription(subscription.id)
  const [planId, setPlanId] = useState(subscription.plan.id)
  const [effectiveDate, setEffectiveDate] = useState("")
  const [note, setNote] = useState("")
  const [quantities, setQuantities] = useState<Record<string, string>>({})
  const [problems, setProblems] = useState<Problem[]>([])
  // the subscription's own plan may be archived (not in the options): read it directly
  const current = usePlan(subscription.plan.id)
  const target: Plan | undefined = planId === subscription.plan.id ? current.data?.plan ?? plans.find((p) => p.id === planId) : plans.find((p) => p.id === planId)
  const samePlan = planId === subscription.plan.id

  useEffect(() => {
    if (open) {
      setPlanId(subscription.plan.id)
      setEffectiveDate(localDate())
      setNote("")
      setProblems([])
    }
  }, [open, subscription.plan.id])
  // quantities follow the chosen plan, starting from what the account has now
  useEffect(() => {
    if (open && target) setQuantities(startQuantities(target.components, subscription.quantities))
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, target?.id])

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    if (!target) return
    const found: Problem[] = [...dateProblems({ effective_date: effectiveDate }), ...quantityProblems(quantities, quantityComponents(target.components))]
    const changed = found.length ? {} : changedQuantities(subscription.quantities ?? {}, quantities)
    if (!found.length && samePlan && !Object.keys(changed).length) found.push({ path: "quantities", key: "nothingToChange" })
    setProblems(found)
    if (found.length) return
    try {
      await change.mutateAsync({
        ...(effectiveDate.trim() ? { effective_date: effectiveDate.trim() } : {}),
        ...(samePlan ? { quantities: changed } : { plan_id: target.id, quantities: Object.fromEntries(Object.entries(quantities).map(([c, v]) => [c, v.trim()])) }),
        ...(note.trim() ? { note: note.trim() } : {}),
      })
      toast.success(t(`${k}.changed`))
      onOpenChange(false)
    } catch (err) {
      toastError(err)
    }
  }

  return (
    <Drawer open={open} onOpenChange={onOpenChange}>
      <Drawer.Content>
        <form onSubmit={submit} noValidate className="flex flex-1 flex-col overflow-hidden" data-testid="subscription-change-form">
          <Drawer.Header>
            <Drawer.Title asChild>
              <Heading>{t(`${k}.changeTitle`)}</Heading>
            </Drawer.Title>
            <Drawer.Description className="sr-only">{t(`${k}.changeHint`)}</Drawer.Description>
          </Drawer.Header>
          <Drawer.Body className="flex flex-1 flex-col gap-y-4 overflow-y-auto">
            <Text size="small" className="text-ui-fg-subtle">
              {t(`${k}.changeHint`)}
            </Text>
            <Field label={t(`${k}.plan`)} htmlFor="change-plan">
              <select id="change-plan" name="plan_id" className={selectClass} value={planId} onChange={(e) => setPlanId(e.target.value)}>
                {!plans.some((p) => p.id === subscription.plan.id) && <option value={subscription.plan.id}>{subscription.plan.name}</option>}
                {plans.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name} ({p.code})
                  </option>
                ))}
              </select>
            </Field>
            <Field label={t(`${k}.effectiveDate`)} htmlFor="change-effective" problems={problems} path="effective_date" hint={t(`${k}.effectiveHint`)}>
              <Input id="change-effective" name="effective_date" type="date" value={effectiveDate} onChange={(e) => setEffectiveDate(e.target.value)} />
            </Field>
            {target && <QuantityInputs components={target.components} values={quantities} onChange={setQuantities} problems={problems} />}
            <Field label={t(`${k}.note`)} htmlFor="change-note">
              <Textarea id="change-note" name="note" rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
            </Field>
            <ProblemList problems={problems} testId="subscription-change-problems" />
          </Drawer.Body>
          <Drawer.Footer>
            <Drawer.Close asChild>
              <Button size="small" variant="secondary" type="button">
                {t("billing.actions.cancel")}
              </Button>
            </Drawer.Close>
            <Button size="small" type="submit" isLoading={change.isPending} disabled={!target} data-testid="subscription-change-submit">
              {t(`${k}.applyChange`)}
            </Button>
          </Drawer.Footer>
        </form>
      </Drawer.Content>
    </Drawer>
  )
}

const CancelDrawer = ({ subscription, open, onOpenChange }: { subscription: Subscription; open: boolean; onOpenChange: (o: boolean) => void }) => {
  const { t } = useTranslation()
  const cancel = useCancelSubscription(subscription.id)
  const [choice, setChoice] = useState<"period_end" | "now" | "date">("period_end")
  const [date, setDate] = useState("")
  const [problems, setProblems] = useState<Problem[]>([])

  useEffect(() => {
    if (open) {
      setChoice("period_end")
      setDate("")
      setProblems([])
    }
  }, [open])

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    const found = choice === "date" ? (date.trim() ? dateProblems({ date }) : [{ path: "date", key: "required" }]) : []
    setProblems(found)
    if (found.length) return
    try {
      await cancel.mutateAsync(cancelAt(choice, date))
      toast.success(t(`${k}.canceled`))
      onOpenChange(false)
    } catch (err) {
      toastError(err)
    }
  }

  return (
    <Drawer open={open} onOpenChange={onOpenChange}>
      <Drawer.Content>
        <form onSubmit={submit} noValidate className="flex flex-1 flex-col overflow-hidden" data-testid="subscription-cancel-form">
          <Drawer.Header>
            <Drawer.Title asChild>
              <Heading>{t(`${k}.cancelTitle`)}</Heading>
            </Drawer.Title>
            <Drawer.Description className="sr-only">{t(`${k}.cancelTitle`)}</Drawer.Description>
          </Drawer.Header>
          <Drawer.Body className="flex flex-1 flex-col gap-y-3 overflow-y-auto">
            {(["period_end", "now", "date"] as const).map((c) => (
              <label key={c} className="txt-compact-small flex items-center gap-x-2">
                <input type="radio" name="at" value={c} checked={choice === c} onChange={() => setChoice(c)} />
                {t(`${k}.cancelAtChoice.${c}`)}
              </label>
            ))}
            {choice === "date" && (
              <Field label={t(`${k}.cancelDate`)} htmlFor="cancel-date" problems={problems} path="date">
                <Input id="cancel-date" name="date" type="date" value={date} onChange={(e) => setDate(e.target.value)} />
              </Field>
            )}
            <Text size="small" className="text-ui-fg-subtle">
              {t(`${k}.cancelHint`)}
            </Text>
          </Drawer.Body>
          <Drawer.Footer>
            <Drawer.Close asChild>
              <Button size="small" variant="secondary" type="button">
                {t("billing.actions.back")}
              </Button>
            </Drawer.Close>
            <Button size="small" variant="danger" type="submit" isLoading={cancel.isPending} data-testid="subscription-cancel-submit">
              {t(`${k}.cancel`)}
            </Button>
          </Drawer.Footer>
        </form>
      </Drawer.Content>
    </Drawer>
  )
}
