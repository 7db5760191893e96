import { Badge, Button, Card, Group, NumberInput, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../i18n';
import { useNetworks } from '../../shared/api/team';
import { useNetworkLimits, useResetNetworkLimit, useSetNetworkLimit, type NetworkLimit } from '../../shared/api/workspace';

type Draft = { maxChars: number | ''; maxHashtags: number | '' };

/**
 * NetworkLimitsCard shows each network's limits with where the figure comes
 * from, and lets the team set its own (an X Premium account may post longer
 * texts) or go back to the built-in figure. The editor's counts and the
 * checker use the same table.
 */
export function NetworkLimitsCard() {
  const { t } = useTranslation();
  const limits = useNetworkLimits();
  const nets = useNetworks();
  const set = useSetNetworkLimit();
  const reset = useResetNetworkLimit();
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});

  if (!limits.data) return null;
  const name = (id: string) => nets.data?.find((n) => n.id === id)?.name ?? id;
  const override = (id: string) => limits.data.overrides?.find((o) => o.network === id);

  async function save(d: NetworkLimit, draft: Draft) {
    const o = override(d.network);
    try {
      await set.mutateAsync({
        network: d.network,
        maxChars: draft.maxChars === '' || draft.maxChars === d.maxChars ? 0 : draft.maxChars,
        maxHashtags: draft.maxHashtags === '' || draft.maxHashtags === d.maxHashtags ? 0 : draft.maxHashtags,
        maxTopicTags: o?.maxTopicTags ?? 0,
        titleMax: o?.titleMax ?? 0,
        descriptionMax: o?.descriptionMax ?? 0,
      });
      setDrafts(({ [d.network]: _, ...rest }) => rest);
      notifications.show({ color: 'green', message: t('common.saved') });
    } catch (err) {
      notifications.show({ color: 'red', message: errorMessage(err) });
    }
  }

  async function resetTo(network: string) {
    try {
      await reset.mutateAsync(network);
      setDrafts(({ [network]: _, ...rest }) => rest);
    } catch (err) {
      notifications.show({ color: 'red', message: errorMessage(err) });
    }
  }

  return (
    <Card withBorder>
      <Stack gap="xs">
        <Title order={4}>{t('settings.limitsTitle')}</Title>
        <Text size="sm" c="dimmed">
          {t('settings.limitsHint')}
        </Text>
        <Table aria-label={t('settings.limitsTitle')} verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('settings.limitsNetwork')}</Table.Th>
              <Table.Th>{t('settings.limitsChars')}</Table.Th>
              <Table.Th>{t('settings.limitsHashtags')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {limits.data.defaults.map((d) => {
              const eff = limits.data.effective.find((e) => e.network === d.network) ?? d;
              const draft = drafts[d.network] ?? { maxChars: eff.maxChars, maxHashtags: eff.maxHashtags || '' };
              const dirty = draft.maxChars !== eff.maxChars || (draft.maxHashtags || 0) !== eff.maxHashtags;
              const changed = !!override(d.network);
              const edit = (p: Partial<Draft>) => setDrafts((all) => ({ ...all, [d.network]: { ...draft, ...p } }));
              return (
                <Table.Tr key={d.network}>
                  <Table.Td>
                    <Stack gap={2}>
                      <Group gap="xs">
                        <Text fw={500}>{name(d.network)}</Text>
                        {changed && (
                          <Badge size="xs" variant="light">
                            {t('settings.limitsChanged')}
                          </Badge>
                        )}
                      </Group>
                      <Text size="xs" c="dimmed">
                        {t(`settings.counting_${d.counting}`)} · {t('settings.limitsSource', { source: d.source })}
                      </Text>
                    </Stack>
                  </Table.Td>
                  <Table.Td>
                    <NumberInput
                      aria-label={t('settings.limitsCharsOf', { network: name(d.network) })}
                      value={draft.maxChars}
                      onChange={(v) => edit({ maxChars: typeof v === 'number' ? v : '' })}
                      min={0}
                      max={1000000}
                      allowDecimal={false}
                      thousandSeparator=","
                      w={120}
                      description={changed && eff.maxChars !== d.maxChars ? t('settings.limitsDefault', { value: d.maxChars }) : undefined}
                    />
                  </Table.Td>
                  <Table.Td>
                    <NumberInput
                      aria-label={t('settings.limitsHashtagsOf', { network: name(d.network) })}
                      value={draft.maxHashtags}
                      placeholder={t('settings.limitsNone')}
                      onChange={(v) => edit({ maxHashtags: typeof v === 'number' ? v : '' })}
                      min={0}
                      max={1000000}
                      allowDecimal={false}
                      w={100}
                      description={changed && eff.maxHashtags !== d.maxHashtags ? t('settings.limitsDefault', { value: d.maxHashtags || t('settings.limitsNone') }) : undefined}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      {dirty && (
                        <Button size="xs" onClick={() => void save(d, draft)} loading={set.isPending}>
                          {t('common.save')}
                        </Button>
                      )}
                      {changed && (
                        <Button size="xs" variant="subtle" onClick={() => void resetTo(d.network)} loading={reset.isPending}>
                          {t('settings.limitsReset')}
                        </Button>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Stack>
    </Card>
  );
}
