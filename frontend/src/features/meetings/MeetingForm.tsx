import { ActionIcon, Alert, Button, Group, MultiSelect, NumberInput, SegmentedControl, Select, Stack, Switch, Text, Textarea, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../i18n';
import { AppError } from '../../shared/lib/bridge';
import { addDays } from '../../shared/lib/days';
import { useCampaigns, usePosts } from '../../shared/api/calendar';
import { useMembers } from '../../shared/api/team';
import { useAddMeeting, useAgendaTemplates, type Meeting, type MeetingInput, type MeetingKind } from '../../shared/api/meetings';

/** emptyMeeting is a new meeting of kind on day: a check-in repeats weekly and everyone attends. */
export function emptyMeeting(kind: MeetingKind, day: string, title: string, memberIds: string[]): MeetingInput {
  return {
    kind,
    title,
    date: day,
    time: kind === 'checkin' ? '09:00' : '14:00',
    durationMinutes: kind === 'checkin' ? 30 : 60,
    repeat: kind === 'checkin' ? 'weekly' : '',
    agenda: '',
    agendaTemplateId: '',
    attendeeIds: kind === 'checkin' ? memberIds : [],
    guests: [],
    postIds: [],
    campaignIds: [],
  };
}

/** MeetingForm plans a weekly check-in or a meeting with stakeholders. */
export function MeetingForm({ initial, onDone }: { initial: MeetingInput; onDone: (m: Meeting) => void }) {
  const { t, i18n } = useTranslation();
  const [f, setF] = useState<MeetingInput>(initial);
  const agendas = useAgendaTemplates();
  // Templates for this kind of meeting, those in the window's language first.
  const agendaChoices = (agendas.data ?? [])
    .filter((a) => !a.meeting || a.meeting === f.kind)
    .sort((a, b) => Number(b.lang === i18n.language) - Number(a.lang === i18n.language) || a.name.localeCompare(b.name));
  const [error, setError] = useState<AppError | null>(null);
  const members = useMembers();
  const campaigns = useCampaigns();
  // Posts a stakeholder meeting can be about: the coming months'.
  const range = useMemo(() => {
    const from = f.date || initial.date;
    return { from, to: addDays(from, 120) };
  }, [f.date, initial.date]);
  const posts = usePosts({ from: range.from, to: range.to }, undefined);
  const add = useAddMeeting();
  const set = <K extends keyof MeetingInput>(key: K, value: MeetingInput[K]) => setF((cur) => ({ ...cur, [key]: value }));
  const fieldError = (field: string) => (error?.field === field ? errorMessage(error) : undefined);

  function switchKind(kind: MeetingKind) {
    const fresh = emptyMeeting(kind, f.date, t(`meetings.defaultTitle.${kind}`), (members.data ?? []).map((m) => m.id));
    // Keep what was typed; change what the kind decides, and the title if it was the other kind's.
    setF((cur) => ({
      ...fresh,
      date: cur.date,
      agenda: cur.agenda,
      agendaTemplateId: cur.agendaTemplateId,
      guests: cur.guests,
      title: cur.title === t(`meetings.defaultTitle.${cur.kind}`) || !cur.title ? fresh.title : cur.title,
    }));
  }

  async function save() {
    setError(null);
    try {
      onDone(await add.mutateAsync(f));
    } catch (err) {
      setError(err instanceof AppError ? err : new AppError({ code: 'internal', message: String(err) }));
    }
  }

  return (
    <Stack>
      <SegmentedControl
        data={[
          { value: 'checkin', label: t('meetings.kind.checkin') },
          { value: 'stakeholder', label: t('meetings.kind.stakeholder') },
        ]}
        value={f.kind}
        onChange={(v) => switchKind(v as MeetingKind)}
        data-testid="meeting-kind"
      />
      <Text size="sm" c="dimmed">
        {t(`meetings.kindHint.${f.kind}`)}
      </Text>
      <TextInput label={t('meetings.title')} value={f.title} onChange={(e) => set('title', e.currentTarget.value)} error={fieldError('title')} data-autofocus />
      <Group grow>
        <TextInput type="date" label={t('meetings.date')} value={f.date} onChange={(e) => set('date', e.currentTarget.value)} error={fieldError('date')} />
        <TextInput type="time" label={t('meetings.time')} value={f.time} onChange={(e) => set('time', e.currentTarget.value)} error={fieldError('time')} />
        <NumberInput
          label={t('meetings.duration')}
          value={f.durationMinutes}
          min={5}
          max={720}
          step={15}
          onChange={(v) => set('durationMinutes', typeof v === 'number' ? v : 0)}
          error={fieldError('durationMinutes')}
        />
      </Group>
      <Switch
        label={t('meetings.repeatWeekly')}
        description={t('meetings.repeatWeeklyHint')}
        checked={f.repeat === 'weekly'}
        onChange={(e) => set('repeat', e.currentTarget.checked ? 'weekly' : '')}
        data-testid="meeting-repeat"
      />
      <MultiSelect
        label={t('meetings.attendees')}
        description={t('meetings.attendeesHint')}
        data={(members.data ?? []).map((m) => ({ value: m.id, label: m.name }))}
        value={f.attendeeIds}
        onChange={(v) => set('attendeeIds', v)}
        error={fieldError('attendeeIds')}
        searchable
      />
      <Stack gap={6}>
        <Text size="sm" fw={500}>
          {t('meetings.guests')}
        </Text>
        <Text size="xs" c="dimmed">
          {t('meetings.guestsHint')}
        </Text>
        {f.guests.map((g, i) => (
          <Group key={i} gap="xs" wrap="nowrap">
            <TextInput
              placeholder={t('meetings.guestName')}
              aria-label={t('meetings.guestName')}
              value={g.name}
              onChange={(e) => set('guests', f.guests.map((x, j) => (j === i ? { ...x, name: e.currentTarget.value } : x)))}
              style={{ flex: 1 }}
            />
            <TextInput
              placeholder={t('meetings.guestRole')}
              aria-label={t('meetings.guestRole')}
              value={g.role}
              onChange={(e) => set('guests', f.guests.map((x, j) => (j === i ? { ...x, role: e.currentTarget.value } : x)))}
              style={{ flex: 1 }}
            />
            <ActionIcon variant="subtle" color="red" aria-label={t('meetings.removeGuest')} onClick={() => set('guests', f.guests.filter((_, j) => j !== i))}>
              <IconTrash size={16} />
            </ActionIcon>
          </Group>
        ))}
        {fieldError('guests') && (
          <Text size="xs" c="red">
            {fieldError('guests')}
          </Text>
        )}
        <Button variant="subtle" size="xs" leftSection={<IconPlus size={14} />} onClick={() => set('guests', [...f.guests, { name: '', role: '' }])} w="fit-content">
          {t('meetings.addGuest')}
        </Button>
      </Stack>
      {agendaChoices.length > 0 && (
        <Select
          label={t('meetings.agendaTemplate')}
          description={t('meetings.agendaTemplateHint')}
          placeholder={t('meetings.agendaTemplateNone')}
          data={agendaChoices.map((a) => ({ value: a.id, label: a.name }))}
          value={f.agendaTemplateId || null}
          onChange={(id) => {
            const picked = agendaChoices.find((a) => a.id === id);
            setF((cur) => ({ ...cur, agendaTemplateId: picked?.id ?? '', agenda: picked ? picked.body : cur.agenda }));
          }}
          error={fieldError('agendaTemplateId')}
          clearable
          data-testid="meeting-agenda-template"
        />
      )}
      <Textarea label={t('meetings.agenda')} description={t('meetings.agendaHint')} autosize minRows={3} value={f.agenda} onChange={(e) => set('agenda', e.currentTarget.value)} error={fieldError('agenda')} />
      {f.kind === 'stakeholder' && (
        <>
          <MultiSelect
            label={t('meetings.linkedPosts')}
            description={t('meetings.linkedPostsHint')}
            data={(posts.data ?? []).map((p) => ({ value: p.id, label: `${p.date} ${p.title}` }))}
            value={f.postIds}
            onChange={(v) => set('postIds', v)}
            error={fieldError('postIds')}
            searchable
          />
          <MultiSelect
            label={t('meetings.linkedCampaigns')}
            data={(campaigns.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
            value={f.campaignIds}
            onChange={(v) => set('campaignIds', v)}
            error={fieldError('campaignIds')}
            searchable
          />
        </>
      )}
      {error && !error.field && (
        <Alert color="red" data-testid="meeting-error">
          {errorMessage(error)}
        </Alert>
      )}
      <Group justify="flex-end">
        <Button onClick={() => void save()} loading={add.isPending} data-testid="meeting-save">
          {t('meetings.create')}
        </Button>
      </Group>
    </Stack>
  );
}
