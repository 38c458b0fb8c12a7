import { Text } from "@medusajs/ui"

type Props = {
  /** percent sent, or null when the browser cannot tell */
  pct: number | null
  /** aria label, e.g. "Uploading…" */
  label: string
  /** "Uploaded 42 %" */
  progressText: (pct: number) => string
  /** shown once the bytes are sent and the server works on them */
  processingText: string
  testId: string
}

/** A file upload's bar: the share sent, then a pulse while the server processes it. */
export const UploadProgress = ({ pct, label, progressText, processingText, testId }: Props) => {
  const sent = pct === null || pct >= 100
  return (
    <div
      className="flex flex-col gap-y-1"
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={pct ?? undefined}
      data-testid={testId}
    >
      <div className="bg-ui-bg-subtle h-1.5 w-full max-w-[480px] overflow-hidden rounded-full">
        {sent ? (
          <div className="bg-ui-fg-interactive h-full w-1/3 animate-pulse rounded-full" />
        ) : (
          <div className="bg-ui-fg-interactive h-full rounded-full transition-all" style={{ width: `${pct}%` }} />
        )}
      </div>
      <Text size="xsmall" className="text-ui-fg-subtle">
        {sent ? processingText : progressText(pct!)}
      </Text>
    </div>
  )
}
