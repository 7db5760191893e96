import { Anchor, Card, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { LayerToggles } from '../feeds/LayersPanel';

/** LayersCard sits beside the calendar: imported calendars (holidays, marketing days), each shown or hidden with a switch. */
export function LayersCard() {
  const { t } = useTranslation();
  return (
    <Card withBorder p="sm" data-testid="layers-card">
      <Title order={5}>{t('layers.cardTitle')}</Title>
      <Text size="xs" c="dimmed" mb="xs">
        {t('layers.cardHint')}{' '}
        <Anchor component={Link} to="/feeds" size="xs">
          {t('layers.cardImport')}
        </Anchor>
      </Text>
      <LayerToggles />
    </Card>
  );
}
