import { Anchor, Card, ColorSwatch, Group, Switch, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { LayerToggles } from '../feeds/LayersPanel';
import { TASK_COLOR, useTasksOnCalendar } from '../../shared/api/tasks';

/** LayersCard sits beside the calendar: the team's tasks and imported calendars (holidays, marketing days), each shown or hidden with a switch. */
export function LayersCard() {
  const { t } = useTranslation();
  const tasks = useTasksOnCalendar();
  return (
    <Card withBorder p="sm" data-testid="layers-card">
      <Title order={5}>{t('layers.cardTitle')}</Title>
      <Text size="xs" c="dimmed" mb="xs">
        {t('layers.cardHint')}{' '}
        <Anchor component={Link} to="/feeds" size="xs">
          {t('layers.cardImport')}
        </Anchor>
      </Text>
      <Switch
        mb={6}
        checked={tasks.shown}
        onChange={(e) => tasks.set.mutate(e.currentTarget.checked)}
        label={
          <Group gap={6} wrap="nowrap">
            <ColorSwatch color={TASK_COLOR} size={12} />
            <Text size="sm">{t('tasks.layer')}</Text>
          </Group>
        }
        aria-label={t('tasks.layerShow')}
        data-testid="tasks-layer"
      />
      <LayerToggles />
    </Card>
  );
}
