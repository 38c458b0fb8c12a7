import { ArrowDownMini, ArrowUpMini, Plus, Trash } from "@medusajs/icons"
import { Button, Checkbox, Container, Heading, IconButton, Input, Label, Text, toast } from "@medusajs/ui"
import { useEffect, useState } from "react"
import { useTranslation } from "react-i18next"
import { toastError } from "../../lib/errors"
import type { TimeProfile, TimeProfileRule } from "../../lib/types"
import { useUpdateTimeProfile } from "../../hooks/time-profiles"
import { DAYS } from "./week"
import { WeekGrid } from "./week-grid"
import { validateRules } from "./week"

type Holiday = { date: string; band: string }

/** Edits a profile's rules and holidays; the week grid follows the rules as they are typed. */
export const ProfileEditor = ({ profile }: { profile: TimeProfile }) => {
  const { t } = useTranslation()
  const [rules, setRules] = useState<TimeProfileRule[]>(profile.rules ?? [])
  const [holidays, setHolidays] = useState<Holiday[]>(profile.holidays ?? [])
  const [errors, setErrors] = useState<string[]>([])
  const update = useUpdateTimeProfile(profile.id)

  useEffect(() => {
    setRules(profile.rules ?? [])
    setHolidays(profile.holidays ?? [])
  }, [profile])

  const setRule = (i: number, patch: Partial<TimeProfileRule>) =>
    setRules((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)))
  const move = (i: number, by: number) =>
    setRules((rs) => {
      const j = i + by
      if (j < 0 || j >= rs.length) return rs
      const next = [...rs]
      ;[next[i], next[j]] = [next[j], next[i]]
      return next
    })
  const toggleDay = (i: number, day: string, on: boolean) =>
    setRules((rs) =>
      rs.map((r, j) =>
        j === i ? { ...r, days: DAYS.filter((d) => (d === day ? on : r.days.includes(d))) } : r
      )
    )
  const setHoliday = (i: number, patch: Partial<Holiday>) =>
    setHolidays((hs) => hs.map((h, j) => (j === i ? { ...h, ...patch } : h)))

  const save = async () => {
    const cleanRules = rules.map((r) => ({ ...r, band: r.band.trim(), from: r.from.trim(), to: r.to.trim() }))
    const cleanHolidays = holidays.map((h) => ({ date: h.date.trim(), band: h.band.trim() }))
    const found = validateRules(cleanRules, cleanHolidays)
    setErrors(found)
    if (found.length) {
      toast.error(found[0])
      return
    }
    try {
      await update.mutateAsync({ rules: cleanRules, holidays: cleanHolidays })
      toast.success(t("callBilling.timeProfiles.saved"))
    } catch (e) {
      toastError(e)
    }
  }

  return (
    <div className="flex flex-col gap-y-3">
      <Container className="divide-y p-0">
        <div className="flex items-center justify-between px-6 py-4">
          <div>
            <Heading level="h2">{t("callBilling.timeProfiles.rules")}</Heading>
            <Text size="small" className="text-ui-fg-subtle">
              {t("callBilling.timeProfiles.rulesHint")}
            </Text>
          </div>
          <Button
            size="small"
            variant="secondary"
            data-testid="profile-add-rule"
            onClick={() => setRules((rs) => [...rs, { band: "", days: ["mon", "tue", "wed", "thu", "fri"], from: "08:00", to: "18:00" }])}
          >
            <Plus /> {t("callBilling.timeProfiles.addRule")}
          </Button>
        </div>
        {rules.length === 0 && (
          <Text size="small" className="text-ui-fg-muted px-6 py-4">
            {t("callBilling.timeProfiles.noRules")}
          </Text>
        )}
        {rules.map((r, i) => (
          <div key={i} data-testid={`rule-row-${i}`} className="flex flex-wrap items-end gap-3 px-6 py-3">
            <div className="w-32">
              <Label size="xsmall">{t("callBilling.timeProfiles.band")}</Label>
              <Input size="small" name={`rules.${i}.band`} value={r.band} placeholder="peak" onChange={(e) => setRule(i, { band: e.target.value })} />
            </div>
            <div className="flex gap-2">
              {DAYS.map((d) => (
                <label key={d} className="flex flex-col items-center gap-1">
                  <Text size="xsmall">{t(`callBilling.timeProfiles.days.${d}`)}</Text>
                  <Checkbox
                    name={`rules.${i}.days.${d}`}
                    checked={r.days.includes(d)}
                    onCheckedChange={(v) => toggleDay(i, d, v === true)}
                  />
                </label>
              ))}
            </div>
            <div className="w-24">
              <Label size="xsmall">{t("callBilling.timeProfiles.from")}</Label>
              <Input size="small" name={`rules.${i}.from`} value={r.from} placeholder="08:00" onChange={(e) => setRule(i, { from: e.target.value })} />
            </div>
            <div className="w-24">
              <Label size="xsmall">{t("callBilling.timeProfiles.to")}</Label>
              <Input size="small" name={`rules.${i}.to`} value={r.to} placeholder="18:00" onChange={(e) => setRule(i, { to: e.target.value })} />
            </div>
            <div className="flex gap-1">
              <IconButton size="small" variant="transparent" disabled={i === 0} onClick={() => move(i, -1)} aria-label={t("callBilling.timeProfiles.moveUp")}>
                <ArrowUpMini />
              </IconButton>
              <IconButton size="small" variant="transparent" disabled={i === rules.length - 1} onClick={() => move(i, 1)} aria-label={t("callBilling.timeProfiles.moveDown")}>
                <ArrowDownMini />
              </IconButton>
              <IconButton size="small" variant="transparent" onClick={() => setRules((rs) => rs.filter((_, j) => j !== i))} aria-label={t("callBilling.timeProfiles.remove")}>
                <Trash />
              </IconButton>
            </div>
          </div>
        ))}
      </Container>

      <Container className="divide-y p-0">
        <div className="px-6 py-4">
          <Heading level="h2">{t("callBilling.timeProfiles.weekGrid")}</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            {t("callBilling.timeProfiles.weekGridHint")}
          </Text>
        </div>
        <div className="px-6 py-4">
          <WeekGrid rules={rules} />
        </div>
      </Container>

      <Container className="divide-y p-0">
        <div className="flex items-center justify-between px-6 py-4">
          <Heading level="h2">{t("callBilling.timeProfiles.holidays")}</Heading>
          <Button size="small" variant="secondary" data-testid="profile-add-holiday" onClick={() => setHolidays((hs) => [...hs, { date: "", band: "" }])}>
            <Plus /> {t("callBilling.timeProfiles.addHoliday")}
          </Button>
        </div>
        {holidays.length === 0 && (
          <Text size="small" className="text-ui-fg-muted px-6 py-4">
            {t("callBilling.timeProfiles.noHolidays")}
          </Text>
        )}
        {holidays.map((h, i) => (
          <div key={i} data-testid={`holiday-row-${i}`} className="flex items-end gap-3 px-6 py-3">
            <div className="w-44">
              <Label size="xsmall">{t("callBilling.timeProfiles.date")}</Label>
              <Input size="small" type="date" name={`holidays.${i}.date`} value={h.date} onChange={(e) => setHoliday(i, { date: e.target.value })} />
            </div>
            <div className="w-32">
              <Label size="xsmall">{t("callBilling.timeProfiles.band")}</Label>
              <Input size="small" name={`holidays.${i}.band`} value={h.band} placeholder="offpeak" onChange={(e) => setHoliday(i, { band: e.target.value })} />
            </div>
            <IconButton size="small" variant="transparent" onClick={() => setHolidays((hs) => hs.filter((_, j) => j !== i))} aria-label={t("callBilling.timeProfiles.remove")}>
              <Trash />
            </IconButton>
          </div>
        ))}
      </Container>

      <div className="flex flex-col items-end gap-2">
        {errors.length > 0 && (
          <ul className="text-ui-fg-error txt-small" data-testid="profile-errors">
            {errors.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        )}
        <Button data-testid="profile-save" onClick={save} isLoading={update.isPending}>
          {t("callBilling.timeProfiles.save")}
        </Button>
      </div>
    </div>
  )
}
