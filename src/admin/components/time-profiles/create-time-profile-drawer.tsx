import { Button, Drawer, Input, Label, Textarea, toast } from "@medusajs/ui"
import { FormEvent, useState } from "react"
import { useTranslation } from "react-i18next"
import { useNavigate } from "react-router-dom"
import { useCreateTimeProfile } from "../../hooks/time-profiles"
import { toastError } from "../../lib/errors"

/** Creates an empty profile, then opens it to edit its rules. */
export const CreateTimeProfileDrawer = () => {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const [open, setOpen] = useState(false)
  const [form, setForm] = useState({ code: "", name: "", description: "" })
  const create = useCreateTimeProfile()

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    if (!form.code.trim() || !form.name.trim()) {
      toast.error(t("callBilling.timeProfiles.codeNameRequired"))
      return
    }
    try {
      const { time_profile } = await create.mutateAsync({
        code: form.code.trim(),
        name: form.name.trim(),
        description: form.description.trim() || null,
        rules: [],
        holidays: [],
      })
      toast.success(t("callBilling.timeProfiles.created", { code: time_profile.code }))
      setOpen(false)
      setForm({ code: "", name: "", description: "" })
      navigate(`/call-billing/time-profiles/${time_profile.id}`)
    } catch (err) {
      toastError(err)
    }
  }

  return (
    <Drawer open={open} onOpenChange={setOpen}>
      <Drawer.Trigger asChild>
        <Button size="small" variant="secondary" data-testid="time-profile-create">
          {t("callBilling.timeProfiles.create")}
        </Button>
      </Drawer.Trigger>
      <Drawer.Content>
        <form onSubmit={submit} className="flex flex-1 flex-col overflow-hidden" data-testid="time-profile-form">
          <Drawer.Header>
            <Drawer.Title>{t("callBilling.timeProfiles.create")}</Drawer.Title>
          </Drawer.Header>
          <Drawer.Body className="flex flex-col gap-y-4 overflow-y-auto">
            <div>
              <Label size="small">{t("callBilling.timeProfiles.code")}</Label>
              <Input name="code" value={form.code} onChange={(e) => setForm({ ...form, code: e.target.value })} />
            </div>
            <div>
              <Label size="small">{t("callBilling.timeProfiles.name")}</Label>
              <Input name="name" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
            </div>
            <div>
              <Label size="small">{t("callBilling.timeProfiles.description_label")}</Label>
              <Textarea name="description" value={form.description} onChange={(e) => setForm({ ...form, description: e.target.value })} />
            </div>
          </Drawer.Body>
          <Drawer.Footer>
            <Drawer.Close asChild>
              <Button size="small" variant="secondary" type="button">
                {t("callBilling.timeProfiles.cancel")}
              </Button>
            </Drawer.Close>
            <Button size="small" type="submit" isLoading={create.isPending} data-testid="time-profile-create-submit">
              {t("callBilling.timeProfiles.create")}
            </Button>
          </Drawer.Footer>
        </form>
      </Drawer.Content>
    </Drawer>
  )
}
