import { Button, Card, CloseButton, Group, List, Text, ThemeIcon, Title } from '@mantine/core';
import { IconCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useDismissed } from '../../shared/lib/dismissed';

/**
 * firstStepsLeft says which first steps a workspace still needs: channels to
 * post on, and teammates (anyone besides the first member). null when both
 * are done or not known yet, so the calendar of a working team shows nothing.
 */
export function firstStepsLeft(channels: number | undefined, members: number | undefined): { channels: boolean; team: boolean } | null {
  if (channels === undefined || members === undefined) return null;
  const left = { channels: channels === 0, team: members <= 1 };
  return left.channels || left.team ? left : null;
}

/**
 * FirstSteps is what an empty calendar says to do first: add channels, invite
 * the team. Someone working alone, or who will do it later, hides it; it stays
 * hidden on this computer.
 */
export function FirstSteps({ channels, members }: { channels: number | undefined; members: number | undefined }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [hidden, hide] = useDismissed('firstSteps');
  const left = firstStepsLeft(channels, members);
  if (!left || hidden) return null;
  const done = (
    <ThemeIcon color="green" size={20} radius="xl" aria-label={t('calendar.firstSteps.done')}>
      <IconCheck size={12} />
    </ThemeIcon>
  );
  const todo = (n: number) => (
    <ThemeIcon variant="light" size={20} radius="xl">
      <Text size="xs" fw={700}>
        {n}
      </Text>
    </ThemeIcon>
  );
  return (
    <Card withBorder p="md" data-testid="first-steps">
      <Group justify="space-between" wrap="nowrap">
        <Title order={4}>{t('calendar.firstSteps.title')}</Title>
        <CloseButton aria-label={t('calendar.firstSteps.hide')} title={t('calendar.firstSteps.hide')} onClick={hide} />
      </Group>
      <Text size="sm" c="dimmed" mb="sm">
        {t('calendar.firstSteps.body')}
      </Text>
      <List spacing="sm" center>
        <List.Item icon={left.channels ? todo(1) : done}>
          <Group gap="sm">
            <Text size="sm" td={left.channels ? undefined : 'line-through'}>
              {t('calendar.firstSteps.channels')}
            </Text>
            {left.channels && (
              <Button size="xs" onClick={() => navigate('/channels')}>
                {t('calendar.firstSteps.addChannels')}
              </Button>
            )}
          </Group>
        </List.Item>
        <List.Item icon={left.team ? todo(2) : done}>
          <Group gap="sm">
            <Text size="sm" td={left.team ? undefined : 'line-through'}>
              {t('calendar.firstSteps.team')}
            </Text>
            {left.team && (
              <Group gap="xs" wrap="nowrap">
                <Button size="xs" variant="light" onClick={() => navigate('/team')}>
                  {t('calendar.firstSteps.addTeam')}
                </Button>
                <Button size="xs" variant="light" onClick={() => navigate('/sync')}>
                  {t('calendar.firstSteps.shareFolder')}
                </Button>
              </Group>
            )}
          </Group>
        </List.Item>
      </List>
    </Card>
  );
}
