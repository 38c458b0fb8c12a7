import { Badge, Container, Heading, Input, Label, StatusBadge, Switch, Table, Text, toast } from "@medusajs/ui"
import { useEffect, useState } from "react"
import { useTranslation } from "react-i18next"
import { Link } from "react-router-dom"
import { useAccountDunning, useSetDunningPaused } from "../../hooks/collections"
import { toastError } from "../../lib/errors"
import { statusColour } from "../billing-accounts/status"
import { formatDateTime, money } from "../billing/format"
import { describeDetail, newestFirst } from "./format"
import type { AccountDunning } from "./types"
import { actionColour, Row, StepsList, useStepDay } from "./ui"

const k = "callBilling.collections.dunningSection"

/**
 * An account's dunning: its status (and why it is suspended), the pause
 * switch with an optional note for the timeline, the policy in force, the
 * open invoices with how late they are and what comes next, and the
 * timeline, newest first.
 */
export const DunningSection = ({ accountId }: { accountId: string }) => {
  const { t } = useTranslation()
  const { data, isLoading, isError, error } = useAccountDunning(accountId)
  useEffect(() => {
    if (isError) toastError(error)
  }, [isError, error])
  const dunning = data?.dunning

  return (
    <Container className="divide-y p-0" data-testid="dunning-section">
      <div className="px-6 py-4">
        <Heading level="h2">{t(`${k}.title`)}</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          {t(`${k}.description`)}
        </Text>
      </div>
      {isLoading ? (
        <Text size="small" className="text-ui-fg-muted px-6 py-4">
          {t("billing.loading")}
        </Text>
      ) : dunning ? (
        <DunningDetails dunning={dunning} />
      ) : null}
    </Container>
  )
}

const DunningDetails = ({ dunning }: { dunning: AccountDunning }) => {
  const { t } = useTranslation()
  const day = useStepDay()
  const setPaused = useSetDunningPaused(dunning.account_id)
  const [note, setNote] = useState("")
  const timeline = newestFirst(dunning.timeline ?? [])
  const numbers = new Map(dunning.open_invoices.map((i) => [i.id, i.number]))

  const toggle = async (paused: boolean) => {
    try {
      await setPaused.mutateAsync({ paused, ...(note.trim() ? { note: note.trim() } : {}) })
      setNote("")
      toast.success(t(paused ? `${k}.pausedDone` : `${k}.resumedDone`))
    } catch (e) {
      toastError(e)
    }
  }

  return (
    <>
      <div className="py-2">
        <Row
          label={t(`${k}.status`)}
          testId="dunning-status"
          value={
            <div className="flex flex-wrap items-center gap-2">
              <StatusBadge color={statusColour(dunning.status)} data-status={dunning.status}>
                {t(`callBilling.billingAccounts.status.${dunning.status}`, { defaultValue: dunning.status })}
              </StatusBadge>
              {dunning.suspension_reason && (
                <Text size="small" className="text-ui-fg-subtle" data-testid="dunning-suspension-reason">
                  {t(`${k}.suspensionReason`, {
                    reason: t(`${k}.suspensionReasons.${dunning.suspension_reason}`, { defaultValue: dunning.suspension_reason }),
                  })}
                </Text>
              )}
            </div>
          }
        />
        <Row
          label={t(`${k}.paused`)}
          value={
            <div className="flex flex-wrap items-center gap-2">
              <Switch
                id="dunning-paused"
                checked={dunning.paused}
                disabled={setPaused.isPending}
                onCheckedChange={(v) => toggle(v === true)}
                aria-label={t(`${k}.paused`)}
                data-testid="dunning-paused"
              />
              <Label size="small" htmlFor="dunning-paused" className="text-ui-fg-subtle">
                {t(dunning.paused ? `${k}.pausedOn` : `${k}.pausedOff`)}
              </Label>
              <Input
                size="small"
                name="note"
                className="min-w-[200px] flex-1"
                placeholder={t(dunning.paused ? `${k}.resumeNote` : `${k}.pauseNote`)}
                value={note}
                maxLength={500}
                onChange={(e) => setNote(e.target.value)}
                data-testid="dunning-pause-note"
              />
            </div>
          }
        />
        <Row
          label={t(`${k}.policy`)}
          testId="dunning-policy"
          value={
            <div className="flex flex-col gap-y-1">
              <Text size="small" weight="plus">
                {dunning.policy.id ? dunning.policy.name ?? dunning.policy.id : t(`${k}.builtInPolicy`)}
              </Text>
              <StepsList steps={dunning.policy.steps ?? []} graceDays={dunning.policy.grace_days} />
            </div>
          }
        />
      </div>

      <div className="flex flex-col gap-y-2 py-4">
        <Text size="small" weight="plus" className="px-6">
          {t(`${k}.openInvoices.title`)}
        </Text>
        {dunning.open_invoices.length === 0 ? (
          <Text size="small" className="text-ui-fg-muted px-6" data-testid="dunning-open-empty">
            {t(`${k}.openInvoices.empty`)}
          </Text>
        ) : (
          <div className="overflow-x-auto">
            <Table data-testid="dunning-open-invoices">
              <Table.Header>
                <Table.Row>
                  <Table.HeaderCell>{t(`${k}.openInvoices.number`)}</Table.HeaderCell>
                  <Table.HeaderCell>{t(`${k}.openInvoices.dueDate`)}</Table.HeaderCell>
                  <Table.HeaderCell className="text-right">{t(`${k}.openInvoices.amountDue`)}</Table.HeaderCell>
                  <Table.HeaderCell className="text-right">{t(`${k}.openInvoices.daysPastDue`)}</Table.HeaderCell>
                  <Table.HeaderCell>{t(`${k}.openInvoices.dueNow`)}</Table.HeaderCell>
                  <Table.HeaderCell>{t(`${k}.openInvoices.nextStep`)}</Table.HeaderCell>
                </Table.Row>
              </Table.Header>
              <Table.Body>
                {dunning.open_invoices.map((i) => (
                  <Table.Row key={i.id} data-testid={`dunning-invoice-${i.id}`}>
                    <Table.Cell className="font-mono">
                      <Link to={`/call-billing/invoices/${i.id}`} className="text-ui-fg-interactive">
                        {i.number ?? i.id}
                      </Link>
                    </Table.Cell>
                    <Table.Cell>{i.due_date}</Table.Cell>
                    <Table.Cell className="text-right tabular-nums">{money(i.amount_due, i.currency_code)}</Table.Cell>
                    <Table.Cell className={`text-right tabular-nums ${i.days_past_due > 0 ? "text-ui-fg-error" : ""}`}>{i.days_past_due}</Table.Cell>
                    <Table.Cell>
                      {i.steps_due_now.length ? (
                        <div className="flex flex-wrap gap-1">
                          {i.steps_due_now.map((s) => (
                            <Badge key={s} size="2xsmall" color="orange" className="font-mono">
                              {s}
                            </Badge>
                          ))}
                        </div>
                      ) : (
                        "–"
                      )}
                    </Table.Cell>
                    <Table.Cell>
                      {i.next_step ? (
                        <div className="flex flex-wrap items-center gap-x-2">
                          <span className="font-mono">{i.next_step.code}</span>
                          <Badge size="2xsmall" color={actionColour(i.next_step.action)}>
                            {t(`callBilling.collections.dunning.actions.${i.next_step.action}`, { defaultValue: i.next_step.action })}
                          </Badge>
                          <span className="text-ui-fg-subtle">{i.next_step.on ?? day(i.next_step.days)}</span>
                        </div>
                      ) : (
                        t(`${k}.openInvoices.noNextStep`)
                      )}
                    </Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
          </div>
        )}
      </div>

      <div className="flex flex-col gap-y-2 py-4">
        <Text size="small" weight="plus" className="px-6">
          {t(`${k}.timeline.title`)}
        </Text>
        {timeline.length === 0 ? (
          <Text size="small" className="text-ui-fg-muted px-6" data-testid="dunning-timeline-empty">
            {t(`${k}.timeline.empty`)}
          </Text>
        ) : (
          <ol className="flex flex-col divide-y" data-testid="dunning-timeline">
            {timeline.map((e) => {
              const number = typeof e.detail?.invoice_number === "string" ? e.detail.invoice_number : numbers.get(e.invoice_id ?? "")
              const detail = describeDetail(e.detail, ["invoice_number"])
              return (
                <li key={e.id} className="flex flex-col gap-y-0.5 px-6 py-2" data-testid={`dunning-event-${e.id}`} data-step={e.step}>
                  <div className="flex flex-wrap items-center gap-x-2">
                    <Text size="small" className="text-ui-fg-subtle whitespace-nowrap">
                      {formatDateTime(e.occurred_at)}
                    </Text>
                    <Badge size="2xsmall" color={actionColour(e.action)}>
                      {t(`${k}.timeline.steps.${e.step}`, { defaultValue: e.step })}
                    </Badge>
                    {e.action && e.action !== e.step && (
                      <Text size="small" className="text-ui-fg-subtle">
                        {t(`callBilling.collections.dunning.actions.${e.action}`, { defaultValue: e.action })}
                      </Text>
                    )}
                    {e.invoice_id && (
                      <Link to={`/call-billing/invoices/${e.invoice_id}`} className="text-ui-fg-interactive txt-small font-mono">
                        {number || e.invoice_id}
                      </Link>
                    )}
                  </div>
                  {detail && (
                    <Text size="xsmall" className="text-ui-fg-subtle break-words">
                      {detail}
                    </Text>
                  )}
                </li>
              )
            })}
          </ol>
        )}
      </div>
    </>
  )
}
