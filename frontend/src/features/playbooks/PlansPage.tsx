import { ActionIcon, Alert, Badge, Button, Card, Group, Loader, NumberInput, Select, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPencil, IconPlus, IconRocket, IconTrash } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { errorMessage } from '../../i18n';
import { ConfirmDelete } from '../../shared/ui/ConfirmDelete';
import {
  useApplyPlan,
  useDeletePlan,
  usePlanRoles,
  usePlans,
  usePostTemplates,
  usePreview,
  useSavePlan,
  useSeedBuiltIns,
  type Plan,
  type PlanInput,
  type PlanStep,
  type Problem,
} from '../../shared/api/playbooks';
import { useMembers, useNetworks, useRoles } from '../../shared/api/team';
import { useDates } from '../../shared/lib/datetime';
import { groupedRoleOptions, roleName } from '../../shared/lib/labels';

/** offsetLabel writes a step's day relative to the start: T-7, T, T+30. */
export function offsetLabel(offset: number): string {
  return offset === 0 ? 'T' : offset > 0 ? `T+${offset}` : `T${offset}`;
}

function useRoleLabel() {
  const { t } = useTranslation();
  const roles = useRoles();
  return (id: string) => {
    const r = roles.data?.find((x) => x.id === id);
    return r ? roleName(t, r) : id;
  };
}

/**
 * PlansPage holds campaign plans: posts and tasks at days from a start date,
 * each for a role. Applying one asks for the start date and a member per
 * role, shows every post and task with its date and person, and creates
 * the campaign, posts and tasks only when nothing stands in the way.
 */
export function PlansPage({ language }: { language: string }) {
  const { t } = useTranslation();
  useSeedBuiltIns();
  const plans = usePlans();
  const del = useDeletePlan();
  const [selected, setSelected] = useState<string | null>(null);
  const [editing, setEditing] = useState<{ id: string | null; input: PlanInput } | null>(null);
  const current = plans.data?.find((p) => p.id === selected) ?? null;

  return (
    <Stack gap="lg" maw={1100}>
      <div>
        <Title order={2}>{t('plans.title')}</Title>
        <Text c="dimmed" maw={720}>
          {t('plans.intro')}
        </Text>
      </div>
      <Card withBorder>
        <Group justify="space-between" mb="sm">
          <Title order={4}>{t('plans.listTitle')}</Title>
          <Button
            leftSection={<IconPlus size={16} />}
            onClick={() =>
              setEditing({
                id: null,
                input: { name: '', lang: language === 'id' ? 'id' : 'en', description: '', steps: [{ offset: 0, kind: 'post', title: '', role: 'social_media_manager' } as PlanStep] },
              })
            }
          >
            {t('plans.add')}
          </Button>
        </Group>
        {plans.isPending ? (
          <Loader size="sm" aria-label={t('common.loading')} />
        ) : (plans.data ?? []).length === 0 ? (
          <Text c="dimmed" data-testid="plans-empty">
            {t('plans.empty')}
          </Text>
        ) : (
          <Table highlightOnHover data-testid="plans-list">
            <Table.Tbody>
              {(plans.data ?? []).map((p) => (
                <Table.Tr key={p.id} onClick={() => { setSelected(p.id); setEditing(null); }} style={{ cursor: 'pointer' }} bg={p.id === selected ? 'var(--mantine-color-blue-light)' : undefined}>
                  <Table.Td>
                    <Text size="sm" fw={500}>{p.name}</Text>
                    <Text size="xs" c="dimmed">{p.description}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light">{t('plans.stepCount', { count: p.steps.length })}</Badge>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4} justify="flex-end">
                      <ActionIcon variant="subtle" aria-label={t('common.edit')} onClick={(e) => { e.stopPropagation(); setSelected(p.id); setEditing({ id: p.id, input: { name: p.name, lang: p.lang, description: p.description, steps: p.steps } }); }}>
                        <IconPencil size={16} />
                      </ActionIcon>
                      <ConfirmDelete
                        question={t('plans.confirmDelete', { name: p.name })}
                        onConfirm={async () => {
                          try {
                            await del.mutateAsync(p.id);
                            if (selected === p.id) setSelected(null);
                          } catch (err) {
                            notifications.show({ color: 'red', message: errorMessage(err) });
                          }
                        }}
                        target={(open) => (
                          <ActionIcon
                            variant="subtle"
                            color="red"
                            aria-label={t('common.delete')}
                            onClick={(e) => {
                              e.stopPropagation();
                              open();
                            }}
                          >
                            <IconTrash size={16} />
                          </ActionIcon>
                        )}
                      />
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Card>
      {editing ? (
        <PlanEditor key={editing.id ?? 'new'} id={editing.id} initial={editing.input} onDone={(id) => { setEditing(null); if (id) setSelected(id); }} />
      ) : (
        current && (
          <>
            <StepsTable plan={current} />
            <ApplyPanel key={current.id} plan={current} />
          </>
        )
      )}
    </Stack>
  );
}

function StepsTable({ plan }: { plan: Plan }) {
  const { t } = useTranslation();
  const role = useRoleLabel();
  return (
    <Card withBorder>
      <Title order={4} mb="sm">{plan.name}</Title>
      <Table data-testid="plan-steps">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('plans.day')}</Table.Th>
            <Table.Th>{t('plans.kind')}</Table.Th>
            <Table.Th>{t('plans.stepTitle')}</Table.Th>
            <Table.Th>{t('plans.role')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {plan.steps.map((s, i) => (
            <Table.Tr key={i}>
              <Table.Td>{offsetLabel(s.offset)}</Table.Td>
              <Table.Td>{t(`plans.kinds.${s.kind}`)}{s.network ? ` · ${s.network}` : ''}</Table.Td>
              <Table.Td>{s.title}</Table.Td>
              <Table.Td>{role(s.role)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}

function ApplyPanel({ plan }: { plan: Plan }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const needs = usePlanRoles(plan.id);
  const members = useMembers();
  const role = useRoleLabel();
  const dates = useDates();
  const apply = useApplyPlan();
  const [start, setStart] = useState('');
  const [name, setName] = useState('');
  const [assign, setAssign] = useState<Record<string, string>>({});
  const [error, setError] = useState('');
  // Suggest the first member holding each role; the user may change it.
  useEffect(() => {
    if (!needs.data) return;
    setAssign((a) => {
      const missing = needs.data.filter((n) => a[n.role] === undefined && n.holders.length);
      if (!missing.length) return a;
      const next = { ...a };
      for (const n of missing) next[n.role] = n.holders[0];
      return next;
    });
  }, [needs.data]);
  const input = useMemo(() => ({ planId: plan.id, start, assign, campaignName: name }), [plan.id, start, assign, name]);
  const preview = usePreview(input);
  const memberOptions = (members.data ?? []).map((m) => ({ value: m.id, label: m.name }));
  const problems = preview.data?.problems ?? [];
  const problemText = (p: Problem) =>
    t(`errors.${p.code}`, { ...p.params, role: role(String(p.params?.role ?? '')), date: p.params?.date ? dates.day(String(p.params.date)) : '' });

  return (
    <Card withBorder data-testid="plan-apply">
      <Stack gap="sm">
        <Title order={4}>{t('plans.applyTitle')}</Title>
        <Group grow align="flex-start">
          <TextInput type="date" label={t('plans.start')} description={t('plans.startHint')} value={start} onChange={(e) => setStart(e.currentTarget.value)} data-testid="plan-start" />
          <TextInput label={t('plans.campaignName')} placeholder={`${plan.name} ${start}`} value={name} onChange={(e) => setName(e.currentTarget.value)} />
        </Group>
        <Group grow align="flex-start">
          {(needs.data ?? []).map((n) => (
            <Select
              key={n.role}
              label={role(n.role)}
              description={t('plans.stepCount', { count: n.steps })}
              placeholder={t('plans.chooseMember')}
              data={memberOptions}
              value={assign[n.role] || null}
              onChange={(v) => setAssign((a) => ({ ...a, [n.role]: v ?? '' }))}
              data-testid={`assign-${n.role}`}
              clearable
            />
          ))}
        </Group>
        {preview.error && <Alert color="red">{errorMessage(preview.error)}</Alert>}
        {problems.length > 0 && (
          <Alert color="red" title={t('plans.problemsTitle')} data-testid="plan-problems">
            <Stack gap={2}>
              {problems.map((p, i) => (
                <Text key={i} size="sm">
                  {problemText(p)}
                </Text>
              ))}
            </Stack>
          </Alert>
        )}
        {!start ? (
          <Text c="dimmed" size="sm">{t('plans.pickStart')}</Text>
        ) : (
          preview.data && (
            <Table data-testid="plan-preview">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('plans.date')}</Table.Th>
                  <Table.Th>{t('plans.kind')}</Table.Th>
                  <Table.Th>{t('plans.stepTitle')}</Table.Th>
                  <Table.Th>{t('plans.person')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {preview.data.items.map((it) => (
                  <Table.Tr key={it.step}>
                    <Table.Td>{dates.dayTime(it.date, it.time)}</Table.Td>
                    <Table.Td>{t(`plans.kinds.${it.kind}`)}</Table.Td>
                    <Table.Td>{it.title}</Table.Td>
                    <Table.Td>{it.memberName || <Text span c="red" size="sm">{t('plans.nobody')}</Text>}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )
        )}
        {error && <Alert color="red">{error}</Alert>}
        <Group justify="flex-end">
          <Button
            leftSection={<IconRocket size={16} />}
            disabled={!preview.data || problems.length > 0}
            loading={apply.isPending}
            data-testid="plan-apply-button"
            onClick={async () => {
              setError('');
              try {
                const r = await apply.mutateAsync(input);
                notifications.show({ message: t('plans.applied', { posts: r.postIds.length, tasks: r.taskIds.length }) });
                navigate(`/calendar?date=${r.preview.startsOn}`);
              } catch (err) {
                setError(errorMessage(err));
              }
            }}
          >
            {t('plans.apply')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

function PlanEditor({ id, initial, onDone }: { id: string | null; initial: PlanInput; onDone: (id: string | null) => void }) {
  const { t } = useTranslation();
  const roles = useRoles();
  const networks = useNetworks();
  const postTemplates = usePostTemplates();
  const save = useSavePlan();
  const [input, setInput] = useState<PlanInput>({ ...initial, steps: initial.steps.map((s) => ({ ...s })) });
  const [error, setError] = useState('');
  const setStep = (i: number, patch: Partial<PlanStep>) =>
    setInput((p) => ({ ...p, steps: p.steps.map((s, j) => (j === i ? ({ ...s, ...patch } as PlanStep) : s)) }));
  const roleOptions = groupedRoleOptions(t, roles.data ?? []);
  return (
    <Card withBorder data-testid="plan-editor">
      <Stack gap="sm">
        <Title order={4}>{id ? t('plans.edit') : t('plans.add')}</Title>
        <TextInput label={t('plans.name')} value={input.name} onChange={(e) => setInput({ ...input, name: e.currentTarget.value })} required />
        <Textarea label={t('plans.description')} autosize minRows={2} value={input.description} onChange={(e) => setInput({ ...input, description: e.currentTarget.value })} />
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={90}>{t('plans.offset')}</Table.Th>
              <Table.Th w={110}>{t('plans.kind')}</Table.Th>
              <Table.Th>{t('plans.stepTitle')}</Table.Th>
              <Table.Th w={200}>{t('plans.role')}</Table.Th>
              <Table.Th>{t('plans.details')}</Table.Th>
              <Table.Th w={40} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {input.steps.map((s, i) => (
              <Table.Tr key={i}>
                <Table.Td>
                  <NumberInput aria-label={t('plans.offset')} value={s.offset} onChange={(v) => setStep(i, { offset: Number(v) || 0 })} />
                </Table.Td>
                <Table.Td>
                  <Select
                    aria-label={t('plans.kind')}
                    data={[
                      { value: 'post', label: t('plans.kinds.post') },
                      { value: 'task', label: t('plans.kinds.task') },
                    ]}
                    value={s.kind}
                    onChange={(v) => setStep(i, { kind: v ?? 'post' })}
                    allowDeselect={false}
                  />
                </Table.Td>
                <Table.Td>
                  <TextInput aria-label={t('plans.stepTitle')} value={s.title} onChange={(e) => setStep(i, { title: e.currentTarget.value })} />
                </Table.Td>
                <Table.Td>
                  <Select aria-label={t('plans.role')} data={roleOptions} value={s.role || null} onChange={(v) => setStep(i, { role: v ?? '' })} searchable />
                </Table.Td>
                <Table.Td>
                  {s.kind === 'post' ? (
                    <Stack gap={4}>
                      <Group gap={4} grow>
                        <Select
                          aria-label={t('plans.network')}
                          placeholder={t('plans.network')}
                          data={(networks.data ?? []).map((n) => ({ value: n.id, label: n.name }))}
                          value={s.network || null}
                          onChange={(v) => setStep(i, { network: v ?? '' })}
                          clearable
                        />
                        <TextInput aria-label={t('plans.time')} placeholder="09:00" value={s.time ?? ''} onChange={(e) => setStep(i, { time: e.currentTarget.value })} />
                      </Group>
                      <Select
                        aria-label={t('plans.template')}
                        placeholder={t('plans.template')}
                        data={(postTemplates.data ?? []).map((x) => ({ value: x.id, label: x.name }))}
                        value={s.templateId || null}
                        onChange={(v) => setStep(i, { templateId: v ?? '' })}
                        clearable
                      />
                      {!s.templateId && (
                        <Textarea aria-label={t('plans.text')} placeholder={t('plans.text')} autosize minRows={1} value={s.text ?? ''} onChange={(e) => setStep(i, { text: e.currentTarget.value })} />
                      )}
                    </Stack>
                  ) : (
                    <Stack gap={4}>
                      <NumberInput aria-label={t('plans.estimate')} placeholder={t('plans.estimate')} min={0} max={1000} value={s.estimateHours ?? 0} onChange={(v) => setStep(i, { estimateHours: Number(v) || 0 })} suffix=" h" />
                      <Textarea
                        aria-label={t('plans.checklist')}
                        placeholder={t('plans.checklistHint')}
                        autosize
                        minRows={1}
                        value={(s.checklist ?? []).join('\n')}
                        onChange={(e) => setStep(i, { checklist: e.currentTarget.value.split('\n') })}
                      />
                    </Stack>
                  )}
                </Table.Td>
                <Table.Td>
                  <ActionIcon variant="subtle" color="red" aria-label={t('plans.removeStep')} onClick={() => setInput((p) => ({ ...p, steps: p.steps.filter((_, j) => j !== i) }))}>
                    <IconTrash size={16} />
                  </ActionIcon>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Group>
          <Button
            variant="default"
            leftSection={<IconPlus size={16} />}
            onClick={() => setInput((p) => ({ ...p, steps: [...p.steps, { offset: 0, kind: 'task', title: '', role: '' } as PlanStep] }))}
          >
            {t('plans.addStep')}
          </Button>
        </Group>
        {error && <Alert color="red">{error}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={() => onDone(null)}>
            {t('common.cancel')}
          </Button>
          <Button
            loading={save.isPending}
            onClick={async () => {
              try {
                const steps = input.steps.map((s) => ({ ...s, checklist: (s.checklist ?? []).map((c) => c.trim()).filter(Boolean) }) as PlanStep);
                const p = await save.mutateAsync({ id, input: { ...input, steps } });
                onDone(p.id);
              } catch (err) {
                setError(errorMessage(err));
              }
            }}
          >
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
