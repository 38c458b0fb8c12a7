import { Badge, Label, StatusBadge, Text } from "@medusajs/ui"
import type { ReactNode } from "react"
import { useTranslation } from "react-i18next"
import { invoiceStatusColour, type Problem } from "./format"
import type { InvoiceKind, InvoiceStatus } from "./types"

/** Problems by path, each message in words (`<errors>.*`, billing.errors by default). */
export function useProblemText(errors = "billing.errors") {
  const { t } = useTranslation()
  return (p: Problem) => t(`${errors}.${p.key}`, p.values ?? {})
}

/** A labelled control with its problem (or hint) under it; `path` names the problem it shows. */
export const Field = ({
  label,
  htmlFor,
  problems,
  path,
  hint,
  className,
  children,
  errors,
}: {
  label: string
  htmlFor?: string
  problems?: Problem[]
  path?: string
  hint?: ReactNode
  className?: string
  children: ReactNode
  /** where the problems' words are in i18n (default billing.errors) */
  errors?: string
}) => {
  const text = useProblemText(errors)
  const problem = path ? problems?.find((p) => p.path === path) : undefined
  return (
    <div className={`flex flex-col gap-y-1 ${className ?? ""}`}>
      <Label size="xsmall" weight="plus" htmlFor={htmlFor}>
        {label}
      </Label>
      {children}
      {problem ? (
        <Text size="xsmall" className="text-ui-fg-error" data-testid={`problem-${path}`}>
          {text(problem)}
        </Text>
      ) : hint ? (
        <Text size="xsmall" className="text-ui-fg-subtle">
          {hint}
        </Text>
      ) : null}
    </div>
  )
}

/** Every problem of a form, with where it is, above the submit button. */
export const ProblemList = ({
  problems,
  testId,
  label,
  errors,
}: {
  problems: Problem[]
  testId: string
  label?: (path: string) => string
  errors?: string
}) => {
  const text = useProblemText(errors)
  if (!problems.length) return null
  return (
    <ul className="text-ui-fg-error txt-small flex flex-col gap-y-1" data-testid={testId}>
      {problems.map((p, i) => (
        <li key={`${p.path}-${i}`}>
          {label ? label(p.path) : p.path}: {text(p)}
        </li>
      ))}
    </ul>
  )
}

export const InvoiceStatusBadge = ({ status, testId }: { status: InvoiceStatus; testId?: string }) => {
  const { t } = useTranslation()
  return (
    <StatusBadge color={invoiceStatusColour(status)} data-testid={testId} data-status={status}>
      {t(`billing.invoices.status.${status}`)}
    </StatusBadge>
  )
}

export const InvoiceKindBadge = ({ kind }: { kind: InvoiceKind }) => {
  const { t } = useTranslation()
  return (
    <Badge size="2xsmall" color={kind === "debit_note" ? "purple" : "grey"}>
      {t(`billing.invoices.kind.${kind}`)}
    </Badge>
  )
}

/** A "label: value" row of a details card. */
export const Row = ({ label, value, testId }: { label: string; value: ReactNode; testId?: string }) => (
  <div className="text-ui-fg-subtle grid grid-cols-2 items-center px-6 py-2">
    <Text size="small" weight="plus">
      {label}
    </Text>
    <Text size="small" data-testid={testId}>
      {value}
    </Text>
  </div>
)
