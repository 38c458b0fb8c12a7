import { Badge, StatusBadge, Text } from "@medusajs/ui"
import type { ComponentProps, ReactNode } from "react"
import { Field as BillingField, ProblemList as BillingProblemList, useProblemText as useBillingProblemText } from "../billing/ui"
import { useTranslation } from "react-i18next"
import { dayOffset, deliveryStatusColour, syncStatusColour } from "./format"
import type { DeliveryStatus, DunningStep, SyncStatus } from "./types"

/** Where the collections and webhooks forms keep the words of their problems. */
export const ERRORS = "callBilling.collections.errors"

/** Problems by path, each message in words (callBilling.collections.errors.*). */
export const useProblemText = () => useBillingProblemText(ERRORS)

/** The billing forms' labelled field, with the collections' problem words. */
export const Field = (props: ComponentProps<typeof BillingField>) => <BillingField errors={ERRORS} {...props} />

/** Every problem of a form, with the collections' problem words. */
export const ProblemList = (props: ComponentProps<typeof BillingProblemList>) => <BillingProblemList errors={ERRORS} {...props} />

export const SyncStatusBadge = ({ status, testId }: { status: SyncStatus; testId?: string }) => {
  const { t } = useTranslation()
  return (
    <StatusBadge color={syncStatusColour(status)} data-testid={testId} data-status={status}>
      {t(`callBilling.collections.syncStatus.${status}`, { defaultValue: status })}
    </StatusBadge>
  )
}

export const DeliveryStatusBadge = ({ status, testId }: { status: DeliveryStatus; testId?: string }) => {
  const { t } = useTranslation()
  return (
    <StatusBadge color={deliveryStatusColour(status)} data-testid={testId} data-status={status}>
      {t(`callBilling.webhooks.deliveryStatus.${status}`, { defaultValue: status })}
    </StatusBadge>
  )
}

/** A "label: value" row of a details card. */
export const Row = ({ label, value, testId }: { label: string; value: ReactNode; testId?: string }) => (
  <div className="text-ui-fg-subtle grid grid-cols-2 items-center px-6 py-2">
    <Text size="small" weight="plus">
      {label}
    </Text>
    <div className="txt-small" data-testid={testId}>
      {value}
    </div>
  </div>
)

/** A step's day in words: "3 days before due", "on the due date", "7 days after due". */
export function useStepDay() {
  const { t } = useTranslation()
  return (days: number) => {
    const { when, count } = dayOffset(days)
    return t(`callBilling.collections.dunning.stepDay.${when}`, { count })
  }
}

/** A policy's steps in the order they happen, each as "code (action): when". */
export const StepsList = ({ steps, graceDays, testId }: { steps: DunningStep[]; graceDays?: number; testId?: string }) => {
  const { t } = useTranslation()
  const day = useStepDay()
  const ordered = [...steps].sort((a, b) => a.days - b.days)
  return (
    <ol className="flex flex-col gap-y-0.5" data-testid={testId}>
      {ordered.map((s) => (
        <li key={s.code} className="txt-small flex flex-wrap items-center gap-x-2" data-step={s.code}>
          <span className="font-mono">{s.code}</span>
          <Badge size="2xsmall" color={actionColour(s.action)}>
            {t(`callBilling.collections.dunning.actions.${s.action}`, { defaultValue: s.action })}
          </Badge>
          <span className="text-ui-fg-subtle">{day(s.days)}</span>
        </li>
      ))}
      {!!graceDays && (
        <li className="txt-small text-ui-fg-subtle">{t("callBilling.collections.dunning.graceDaysText", { count: graceDays })}</li>
      )}
    </ol>
  )
}

/** The badge colour of a dunning action, milder to harsher. */
export function actionColour(action: string): "blue" | "orange" | "red" | "purple" | "grey" {
  switch (action) {
    case "reminder":
      return "blue"
    case "overdue":
      return "orange"
    case "warning":
      return "red"
    case "suspend":
      return "purple"
    default:
      return "grey"
  }
}
